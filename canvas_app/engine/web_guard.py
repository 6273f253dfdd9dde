"""The ASGI layer every request of the tracking and workshop servers passes first: the methods
served, HTTP versions, header count, body size, a deadline for the body and a per-address rate
limit; the security
headers on every answer; one log line per request (control characters escaped) and, for any
error in a handler, a 500 with one line in the log instead of a traceback."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: More header fields than this in one request: 431.
MAX_HEADERS = 100
#: Per client address: at most ``burst`` requests at once, refilled at ``per_second``.
DEFAULT_RATE = (40.0, 20.0)

SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cache-control", b"no-store")]


class BodyTooLarge(Exception):
    """The request body is larger than the server reads."""


class BodyTooSlow(Exception):
    """The request body did not arrive by its deadline."""


@dataclass
class RateLimit:
    """A token bucket per client address."""

    burst: float
    per_second: float
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def allow(self, address: str) -> bool:
        now = time.monotonic()
        with self._lock:
            tokens, then = self._buckets.get(address, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.per_second)
            if len(self._buckets) > 10_000:  # a flood of addresses cannot grow this forever
                self._buckets.clear()
            if tokens < 1:
                self._buckets[address] = (tokens, now)
                return False
            self._buckets[address] = (tokens - 1, now)
            return True


@dataclass(frozen=True)
class Policy:
    methods: frozenset[str] = frozenset({"GET", "HEAD"})
    content_security_policy: str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
    max_body: int = 0
    rate: RateLimit | None = None


def _plain(status: int, text: str, close: bool = True,
           extra: list[tuple[bytes, bytes]] | None = None) -> tuple[Message, Message]:
    body = f"{text}\n".encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"),
               (b"content-length", str(len(body)).encode())] + (extra or [])
    if close:
        headers.append((b"connection", b"close"))
    return ({"type": "http.response.start", "status": status, "headers": headers},
            {"type": "http.response.body", "body": body})


class Guard:
    """Wraps a Starlette app; see the module's docstring."""

    def __init__(self, app: ASGIApp, policy: Policy, log: Callable[[str], None],
                 body_timeout: float = 10.0) -> None:
        self.app = app
        self.policy = policy
        self.log = log
        #: Seconds a request body has to arrive in, from the handler's first read of it.
        self.body_timeout = body_timeout
        self._csp = (b"content-security-policy", policy.content_security_policy.encode())

    def _refusal(self, scope: Scope) -> tuple[int, str, list[tuple[bytes, bytes]]] | None:
        headers = scope["headers"]
        version = scope["http_version"]
        if version == "0.9":  # a request line without a version: not HTTP/1
            return 400, "the request line names no HTTP version", []
        if version not in ("1.0", "1.1"):
            return 505, f"HTTP/{version} is not served here", []
        if version == "1.1" and not any(k == b"host" for k, _ in headers):
            return 400, "an HTTP/1.1 request names its Host", []
        if scope["method"] not in self.policy.methods:
            served = " and ".join(sorted(self.policy.methods))
            return 501, f"only {served} are served here", []
        if len(headers) > MAX_HEADERS:
            return 431, f"more than {MAX_HEADERS} header fields", []
        length = next((v for k, v in headers if k == b"content-length"), b"0").strip() or b"0"
        if not length.isdigit() or int(length) > self.policy.max_body:
            return 413, f"the request body is over {self.policy.max_body} bytes", []
        client = scope.get("client") or ("-", 0)
        if self.policy.rate is not None and not self.policy.rate.allow(str(client[0])):
            return 429, "too many requests from this address; wait a moment", \
                [(b"retry-after", b"2")]
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return  # no websockets, no lifespan
        scope.setdefault("state", {})["note"] = ""
        reply = _Reply(send, [*SECURITY_HEADERS, self._csp])
        await self._serve(scope, receive, reply)
        note = scope["state"].get("note", "")
        path = scope.get("raw_path", b"").decode("iso-8859-1")[:60] or "-"
        self.log(f"{scope['method']} {path} -> {reply.status or '-'}"
                 + (f" ({note})" if note else ""))

    async def _serve(self, scope: Scope, receive: Receive, reply: _Reply) -> None:
        chunked = any(k == b"transfer-encoding" for k, _ in scope["headers"])
        refusal = self._refusal(scope) or ((411, "a body needs a Content-Length", [])
                                           if chunked else None)
        try:
            if refusal is not None:
                code, reason, extra = refusal
                scope["state"]["note"] = reason
                await reply.plain(code, reason, extra)
            else:
                body = _Body(receive, reply, self.policy.max_body, self.body_timeout)
                await self.app(scope, body, reply.send)
        except BodyTooLarge:  # answered by _Body
            scope["state"]["note"] = "the request body is too large"
        except BodyTooSlow:
            scope["state"]["note"] = f"the request body did not arrive within " \
                                     f"{self.body_timeout:g} s"
        except ClientDisconnect:  # nothing can be answered: say so, not "500"
            scope["state"]["note"] = "the client left before its request body arrived"
        except Exception as exc:
            scope["state"]["note"] = f"error: {type(exc).__name__}: {exc}"
            if not reply.status:
                await reply.plain(500, "something went wrong; nothing was changed")


class _Reply:
    """The response on its way out: the status it started with, our headers added to it."""

    def __init__(self, send: Send, headers: list[tuple[bytes, bytes]]) -> None:
        self._send = send
        self._headers = headers
        self.status = 0
        #: Set once nothing more is to be sent: a refusal is out, or the client has gone.
        self.gone = False

    async def send(self, message: Message) -> None:
        if self.gone:
            return
        if message["type"] == "http.response.start":
            self.status = message["status"]
            headers = [h for h in message.get("headers", []) if h[0] != b"server"]
            message = {**message, "headers": headers + self._headers}
        await self._send(message)

    async def plain(self, status: int, text: str,
                    extra: list[tuple[bytes, bytes]] | None = None) -> None:
        for message in _plain(status, text, extra=extra):
            await self.send(message)

    async def refuse(self, status: int, text: str) -> None:
        """Answers ``status`` unless an answer has begun, and sends nothing after it."""
        if not self.status:
            await self.plain(status, text)
        self.gone = True


class _Body:
    """``receive`` as the app sees it: a body growing past ``limit`` bytes is refused (413),
    and so is one still unfinished ``timeout`` seconds after it was first asked for (408): a
    client dribbling its body would otherwise hold its connection as long as it likes. The
    refusal is sent here, before the exception reaches the app, whose own error page (500)
    then goes nowhere; after a disconnect nothing goes anywhere."""

    def __init__(self, receive: Receive, reply: _Reply, limit: int, timeout: float) -> None:
        self._receive = receive
        self._reply = reply
        self._limit = limit
        self._timeout = timeout
        self._read = 0
        self._deadline: float | None = None
        self._complete = False

    async def __call__(self) -> Message:
        if self._complete:  # the body is in: what may follow (a disconnect) has no deadline
            return await self._receive()
        if self._deadline is None:
            self._deadline = asyncio.get_running_loop().time() + self._timeout
        try:
            async with asyncio.timeout_at(self._deadline):
                message = await self._receive()
        except TimeoutError:
            await self._reply.refuse(408, "the request body did not arrive in time")
            raise BodyTooSlow from None
        if message["type"] == "http.disconnect":
            self._reply.gone = True
        self._complete = not message.get("more_body", False)
        self._read += len(message.get("body", b""))
        if self._read > self._limit:
            await self._reply.refuse(413, "the request body is too large")
            raise BodyTooLarge
        return message

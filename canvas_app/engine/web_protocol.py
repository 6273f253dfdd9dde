"""uvicorn's HTTP/1.1 protocol (httptools, the llhttp parser) with the limits a server facing a
room of phones needs: a cap on connections in all and per address (answered 503 with
``Retry-After``, never queued), a deadline for each request head and an idle timeout while it
arrives (so a client dribbling bytes cannot hold a connection), a bounded request line (414)
and header section (431), and one log line, never a traceback, for every request the parser
refuses (400, or 505 for an HTTP version it does not know). Pipelined requests are parsed one
ahead of the answer being sent, each head counted from its first byte, and a refusal among
them comes after the answers to the requests before it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httptools
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

#: Longest request line and longest header section read, in bytes.
MAX_REQUEST_LINE = 8192
MAX_HEADER_BYTES = 16384
#: Most requests parsed ahead of the one being answered (pipelined behind a request body,
#: which is not split off as heads are); the rest of what a client sends ahead waits unparsed.
MAX_QUEUED = 8

_REFUSED = (b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nConnection: close\r\n"
            b"Content-Length: 0\r\n\r\n")
_PHRASES = {400: b"Bad Request", 414: b"URI Too Long", 431: b"Request Header Fields Too Large",
            505: b"HTTP Version Not Supported"}

# uvicorn logs refused requests as warnings of its own; our log has one line for each instead.
for _name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


@dataclass(frozen=True)
class Limits:
    idle_timeout: float
    head_timeout: float
    max_connections: int
    log: Callable[[str], None]
    #: At most this many connections from one address (None: no limit of its own), so that
    #: one phone holding connections open cannot take every one.
    per_address: int | None = None


def _refusal_of(error: httptools.HttpParserError) -> tuple[int, str]:
    """The status and the log's reason for what the parser refused."""
    if isinstance(error.__context__, _TooManyQueued):  # raised in a callback of ours
        return 400, f"more than {MAX_QUEUED} requests sent ahead of their answers"
    if isinstance(error.__context__, httptools.HttpParserInvalidURLError):
        return 400, "the request target is not a path"  # CONNECT host:port, say
    reason = str(error) or "not an HTTP request"
    if reason in ("Invalid HTTP version", "Pause on PRI/Upgrade"):  # HTTP/2's preface too
        return 505, "an HTTP version this server does not speak"
    return 400, reason[0].lower() + reason[1:]


class GuardedProtocol(HttpToolsProtocol):
    """One connection. ``limits`` is set on a subclass made for each server."""

    limits: Limits

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_deadline: asyncio.TimerHandle | None = None
        self._head_idle: asyncio.TimerHandle | None = None
        self._in_head = True  # the parser is between two requests or reading a head
        self._line_bytes = 0  # bytes of the current request line so far
        self._line_done = False
        self._header_bytes = 0  # and of its header section
        self._head_start = b""  # the start of the request line, for the log
        self._refusal = b""  # a refusal waiting for the answers to the requests before it
        self._unread = b""  # received behind a request that waits its turn: parsed later,
        self._unread_at = 0  # from here

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        full = len(self.connections) >= self.limits.max_connections
        super().connection_made(transport)
        crowded = not full and self._crowded()
        if full or crowded:  # too many at once: answer, do not queue
            transport.write(_REFUSED)
            self.limits.log(f"- -> 503 (more than {self.limits.per_address} connections from "
                            f"{self.client[0] if self.client else '-'} at once)" if crowded
                            else "- -> 503 (too many connections at once)")
            self._drain_and_close()
            return
        self._await_head()

    def _crowded(self) -> bool:
        """Whether this connection's address has more open than it may."""
        cap, client = self.limits.per_address, self.client
        if cap is None or client is None:
            return False
        same = [other for other in self.connections
                if (getattr(other, "client", None) or ("",))[0] == client[0]]
        return len(same) > cap

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timers()
        super().connection_lost(exc)

    def _await_head(self) -> None:
        """Arms the deadline for the next request head (and the idle timer while it comes)."""
        self._cancel_head_timers()
        self._head_deadline = self.loop.call_later(self.limits.head_timeout, self._too_slow)
        self._head_idle = self.loop.call_later(self.limits.idle_timeout, self._too_slow)

    def _cancel_head_timers(self) -> None:
        for timer in (self._head_deadline, self._head_idle):
            if timer is not None:
                timer.cancel()
        self._head_deadline = self._head_idle = None

    def _too_slow(self) -> None:
        self._cancel_head_timers()
        if not self.transport.is_closing():
            self.transport.close()  # idle or too slow: no answer is owed

    def data_received(self, data: bytes) -> None:
        self._unset_keepalive_if_required()
        if self._unread:  # requests wait for their answers: this waits its turn too
            self._unread = self._unread[self._unread_at:] + data
            self._unread_at = 0
            self.flow.pause_reading()
            return
        self._parse(data, 0)

    def _parse(self, data: bytes, start: int) -> None:
        """Feeds ``data`` from ``start`` to the parser, counting every head."""
        # Every head is counted from its first byte, also one pipelined behind a request
        # still being answered: the parser is fed up to the end of each head in turn, and no
        # further once a request waits for the one being answered (memory stays bounded).
        while self._in_head:
            end = data.find(b"\r\n\r\n", start)
            if not self._head_within_limits(data, start, end):
                return
            if end < 0 or end + 4 == len(data):
                break
            if not self._feed(memoryview(data)[start:end + 4]):
                return
            start = end + 4
            if self.pipeline:
                self._unread, self._unread_at = data, start
                return
        self._feed(memoryview(data)[start:] if start else data)

    def _feed(self, data: bytes | memoryview) -> bool:
        """Parses ``data``; False once the connection is to end."""
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:  # no upgrades here: answered as any request,
            if self.cycle is not None:  # and the connection closes after the answer
                self.cycle.keep_alive = False
            return False
        except httptools.HttpParserError as exc:
            self._refuse(*_refusal_of(exc))
            return False
        return True

    def _head_within_limits(self, data: bytes, start: int, end: int) -> bool:
        """Counts the piece of a request head from ``start`` in ``data`` (the head ends at
        ``end``, if ``end`` >= 0); refuses it (414, 431) once it is too long."""
        if self._head_idle is not None:  # bytes came: the idle timer starts over
            self._head_idle.cancel()
            self._head_idle = self.loop.call_later(self.limits.idle_timeout, self._too_slow)
        if len(self._head_start) < 60:
            self._head_start += data[start:start + 60]
        headers = start
        if not self._line_done:
            newline = data.find(b"\n", start)
            self._line_done = newline >= 0
            headers = newline + 1 if newline >= 0 else len(data)
            self._line_bytes += headers - start
            if self._line_bytes > MAX_REQUEST_LINE:
                self._refuse(414, f"the request line is over {MAX_REQUEST_LINE} bytes")
                return False
        self._header_bytes += max(0, (end if end >= 0 else len(data)) - headers)
        if self._header_bytes > MAX_HEADER_BYTES:
            self._refuse(431, f"the header section is over {MAX_HEADER_BYTES} bytes")
            return False
        return True

    def on_headers_complete(self) -> None:
        if len(self.pipeline) >= MAX_QUEUED:
            raise _TooManyQueued  # the parser stops: refused (400) after the answers before
        self._in_head = False
        self._cancel_head_timers()  # the head has arrived; the app answers from here
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._in_head = True  # what follows is the next request's head
        self._line_bytes, self._line_done, self._header_bytes = 0, False, 0
        self._head_start = b""

    def on_response_complete(self) -> None:
        queued = bool(self.pipeline)  # a pipelined request whose head has arrived already
        super().on_response_complete()  # which starts that request and reads on
        if self.transport.is_closing():
            return
        if not queued:
            if self._refusal:  # the requests before it are answered: now the refusal
                self.transport.write(self._refusal)
                self._drain_and_close()
                return
            self._await_head()
        if self._unread:  # what came behind the request now answered is parsed now
            unread, self._unread = self._unread, b""
            self._parse(unread, self._unread_at)
        if self._unread or self.pipeline:
            self.flow.pause_reading()

    def send_400_response(self, msg: str) -> None:
        self._refuse(400, msg)

    def _refuse(self, status: int, reason: str) -> None:
        """Answers ``status`` and closes; after the answers to the requests before this one
        if they are still being answered (pipelined). Logged under the refused request's
        first line."""
        self._cancel_head_timers()
        body = f"{reason}\n".encode()
        answer = (b"HTTP/1.1 %d %s\r\nContent-Type: text/plain; charset=utf-8\r\n"
                  b"Content-Length: %d\r\nConnection: close\r\n\r\n%s"
                  % (status, _PHRASES[status], len(body), body))
        first = self._head_start.split(b"\r", 1)[0].split(b"\n", 1)[0].decode("iso-8859-1")
        self.limits.log(f"{first.split(' HTTP/')[0][:60] or '-'} -> {status} ({reason})")
        self._stop_reading()
        if self.cycle is not None and not self.cycle.response_complete:
            self._refusal = answer
            return
        self.transport.write(answer)
        self._drain_and_close()

    def _stop_reading(self) -> None:
        """From now on every byte that arrives is dropped unread."""
        self.parser = _Discarding()  # type: ignore[assignment]
        self._in_head = False
        self._unread = b""

    def _drain_and_close(self) -> None:
        """Closes after the answer; what the client is still sending is read and dropped
        for a moment first, so the answer is not lost to a connection reset."""
        self._stop_reading()
        self.transport.write_eof() if self.transport.can_write_eof() else None
        self.loop.call_later(0.5, self.transport.close)


class _TooManyQueued(Exception):
    """Raised in the parser's callback to stop it: too many requests sent ahead."""


class _Discarding:
    """Stands in for the parser after a refusal: every byte that still arrives is dropped."""

    def feed_data(self, data: bytes) -> None:
        pass


def protocol_for(limits: Limits) -> type[GuardedProtocol]:
    """The protocol class for one server."""
    return type("ServerProtocol", (GuardedProtocol,), {"limits": limits})

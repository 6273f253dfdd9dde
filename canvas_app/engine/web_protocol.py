"""uvicorn's HTTP/1.1 protocol (h11) with the limits a server facing a room of phones needs:
a cap on connections (answered 503 with ``Retry-After``, never queued), a deadline for each
request head and an idle timeout while it arrives (so a client dribbling bytes cannot hold a
connection), a bounded request line (414) and header section (431), and one log line, never a
traceback, for every request h11 refuses."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

#: Longest request line and longest header section read, in bytes.
MAX_REQUEST_LINE = 8192
MAX_HEADER_BYTES = 16384

_REFUSED = (b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nConnection: close\r\n"
            b"Content-Length: 0\r\n\r\n")
_PHRASES = {400: b"Bad Request", 414: b"URI Too Long", 431: b"Request Header Fields Too Large",
            501: b"Not Implemented", 505: b"HTTP Version Not Supported"}

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


class _Connection(h11.Connection):
    """h11's connection, remembering why it refused what it was sent."""

    refusal: h11.RemoteProtocolError | None = None

    def next_event(self) -> Any:
        try:
            return super().next_event()
        except h11.RemoteProtocolError as exc:
            self.refusal = exc
            raise


class GuardedProtocol(H11Protocol):
    """One connection. ``limits`` is set on a subclass made for each server."""

    limits: Limits

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conn = _Connection(h11.SERVER, MAX_REQUEST_LINE + MAX_HEADER_BYTES)
        self._head_deadline: asyncio.TimerHandle | None = None
        self._head_idle: asyncio.TimerHandle | None = None
        self._line_bytes = 0  # bytes of the current request line so far
        self._line_done = False
        self._header_bytes = 0  # and of its header section
        self._head_start = b""  # the start of the request line, for the log

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        full = len(self.connections) >= self.limits.max_connections
        super().connection_made(transport)
        if full:  # too many at once: answer, do not queue
            transport.write(_REFUSED)
            self.limits.log("- -> 503 (too many connections at once)")
            self._drain_and_close()
            return
        self._await_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timers()
        super().connection_lost(exc)

    def _await_head(self) -> None:
        """Arms the deadline for the next request head (and the idle timer while it comes)."""
        self._cancel_head_timers()
        self._line_bytes, self._line_done, self._header_bytes = 0, False, 0
        self._head_start = b""
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
        if self._head_deadline is not None:
            if self._head_idle is not None:
                self._head_idle.cancel()
            self._head_idle = self.loop.call_later(self.limits.idle_timeout, self._too_slow)
            rest = data
            if len(self._head_start) < 60:
                self._head_start += data[:60]
            if not self._line_done:
                end = data.find(b"\n")
                self._line_done = end >= 0
                self._line_bytes += end + 1 if end >= 0 else len(data)
                if self._line_bytes > MAX_REQUEST_LINE:
                    self._refuse(414, f"the request line is over {MAX_REQUEST_LINE} bytes",
                                 self._head_start)
                    return
                rest = data[end + 1:] if end >= 0 else b""
            end = rest.find(b"\r\n\r\n")
            self._header_bytes += end if end >= 0 else len(rest)
            if self._header_bytes > MAX_HEADER_BYTES:
                self._refuse(431, f"the header section is over {MAX_HEADER_BYTES} bytes",
                             self._head_start)
                return
        super().data_received(data)
        if self._head_deadline is not None and self.conn.their_state is not h11.IDLE:
            self._cancel_head_timers()  # the head has arrived; the app answers from here

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._await_head()

    def send_400_response(self, msg: str) -> None:
        refusal: h11.RemoteProtocolError | None = getattr(self.conn, "refusal", None)
        status = refusal.error_status_hint if refusal is not None else 400
        reason = str(refusal).split(":")[0] if refusal is not None else msg
        if status == 431:
            reason = f"the header section is over {MAX_HEADER_BYTES} bytes"
        self._refuse(status if status in _PHRASES else 400, reason,
                     self._head_start)

    def _refuse(self, status: int, reason: str, start: bytes) -> None:
        self._cancel_head_timers()
        body = f"{reason}\n".encode()
        self.transport.write(b"HTTP/1.1 %d %s\r\nContent-Type: text/plain; charset=utf-8\r\n"
                             b"Content-Length: %d\r\nConnection: close\r\n\r\n%s"
                             % (status, _PHRASES[status], len(body), body))
        first = start.split(b"\r", 1)[0].split(b"\n", 1)[0].decode("iso-8859-1")
        self.limits.log(f"{first.split(' HTTP/')[0][:60] or '-'} -> {status} ({reason})")
        self._drain_and_close()

    def _drain_and_close(self) -> None:
        """Closes after the answer; what the client is still sending is read and dropped
        for a moment first, so the answer is not lost to a connection reset."""
        self.conn = _Discarding()  # type: ignore[assignment]
        self.transport.write_eof() if self.transport.can_write_eof() else None
        self.loop.call_later(0.5, self.transport.close)


class _Discarding:
    """Stands in for h11 after a refusal: every byte that still arrives is dropped."""

    their_state = h11.ERROR
    our_state = h11.ERROR

    def receive_data(self, data: bytes) -> None:
        pass

    def next_event(self) -> Any:
        return h11.NEED_DATA

    def send(self, event: Any) -> bytes:
        return b""


def protocol_for(limits: Limits) -> type[GuardedProtocol]:
    """The protocol class for one server."""
    return type("ServerProtocol", (GuardedProtocol,), {"limits": limits})

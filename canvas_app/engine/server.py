"""The loopback click-tracking server: a tracked URL's click goes through exactly the same
pipeline as the ``click`` command, and the answer redirects to the stored link's target.

It listens on 127.0.0.1 only, whatever the settings say. Each connection has a thread; clicks
are written by one writer thread by group commit (see ``click_writer``), so a redirect means
the click is stored. Every request that is read gets an answer: malformed ones 400/414/431/505
with ``Connection: close``, clicks that cannot be stored 503 with ``Retry-After``. Idle
connections are closed after ``idle_timeout`` seconds and a request head must arrive within
``head_timeout``; at most ``max_connections`` are served at once, and request lines and headers
are bounded. With ``real_time`` the workspace clock
follows the wall clock while the server runs (see ``real_time``).
"""

from __future__ import annotations

import errno
import html
import http.client
import io
import re
import socket
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TextIO

from sqlalchemy import update
from sqlalchemy.exc import OperationalError

from canvas_app.engine.click_writer import ClickWriter, WorkspaceUnavailable
from canvas_app.engine.clicks import ClickRequest
from canvas_app.engine.errors import Refused
from canvas_app.engine.http_text import location, printable
from canvas_app.engine.real_time import RealTimeClock
from canvas_app.engine.tokens import TRACK_PATH
from canvas_app.store.errors import WorkspaceError
from canvas_app.store.orm import MetaRow
from canvas_app.store.workspace import Workspace

__all__ = ["LOOPBACK", "RealTimeClock", "TrackingServer", "check_writable",
           "serve_until_stopped"]

LOOPBACK = "127.0.0.1"
#: Longest request line and longest header section read, in bytes.
MAX_REQUEST_LINE = 8192
MAX_HEADER_BYTES = 16384

_NOT_FOUND = ("<!doctype html><meta charset='utf-8'><title>Link not found</title>"
              "<p>This link is not valid. Nothing was recorded.</p>")
_HOME = ("<!doctype html><meta charset='utf-8'><title>Campaign Canvas</title>"
         "<p>Campaign Canvas click-tracking server for workspace {name}.</p>")
_UNAVAILABLE = ("<!doctype html><meta charset='utf-8'><title>Try again</title>"
                "<p>The click could not be saved just now ({reason}). Nothing was recorded; "
                "please try again in a few seconds.</p>")
_HEADER_LINE = re.compile(rb"[!#$%&'*+.^_`|~0-9A-Za-z-]+:[^\x00-\x08\x0a-\x1f\x7f]*\r?\n")
_REFUSED = (b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nConnection: close\r\n"
            b"Content-Length: 0\r\n\r\n")


class _HeaderReader:
    """The connection's input while headers are parsed: stops after ``MAX_HEADER_BYTES`` and
    keeps each line, so malformed header lines can be refused."""

    def __init__(self, raw: io.BufferedIOBase) -> None:
        self.raw = raw
        self.left = MAX_HEADER_BYTES
        self.lines: list[bytes] = []

    def readline(self, size: int = -1) -> bytes:
        line = self.raw.readline(min(size if size >= 0 else self.left + 1, self.left + 1))
        if len(line) > self.left:
            raise http.client.LineTooLong(f"header section over {MAX_HEADER_BYTES} bytes")
        self.left -= len(line)
        self.lines.append(line)
        return line


class _DeadlineReader(io.RawIOBase):
    """The connection's input: every read waits at most ``idle`` seconds, and while a request
    head is being read, no longer than its ``deadline``, so a client that sends a byte now and
    then cannot hold its thread for ever."""

    def __init__(self, sock: socket.socket, idle: float) -> None:
        self.sock = sock
        self.idle = idle
        self.deadline: float | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        wait = self.idle
        if self.deadline is not None:
            wait = min(wait, self.deadline - time.monotonic())
            if wait <= 0:
                raise TimeoutError("the request head took too long")
        self.sock.settimeout(wait)
        return self.sock.recv_into(buffer)


class _Handler(BaseHTTPRequestHandler):
    server: TrackingServer
    protocol_version = "HTTP/1.1"
    server_version = "CampaignCanvas"
    sys_version = ""
    _note = ""
    _discard_input = False

    def setup(self) -> None:
        super().setup()
        self.rfile.close()  # the standard reader, replaced by one with deadlines
        self._input = _DeadlineReader(self.connection, self.server.idle_timeout)
        self.rfile = io.BufferedReader(self._input)
        self.connection.settimeout(self.server.idle_timeout)  # writes too

    def handle_one_request(self) -> None:
        """As the standard library's, with bounded sizes, strict header lines, no HTTP/0.9,
        and an answer to every malformed request."""
        self.command, self.path, self.requestline, self._note = "", "", "", ""
        self._input.deadline = time.monotonic() + self.server.head_timeout
        try:
            self.raw_requestline = self.rfile.readline(MAX_REQUEST_LINE + 1)
            if not self.raw_requestline:
                self.close_connection = True
                return
            if len(self.raw_requestline) > MAX_REQUEST_LINE:
                self._protocol_error(HTTPStatus.REQUEST_URI_TOO_LONG,
                                     f"the request line is over {MAX_REQUEST_LINE} bytes")
                return
            if len(self.raw_requestline.split()) != 3:
                self._protocol_error(HTTPStatus.BAD_REQUEST, "not an HTTP/1.x request line")
                return
            raw, reader = self.rfile, _HeaderReader(self.rfile)
            self.rfile = reader  # type: ignore[assignment]
            try:
                if not self.parse_request():
                    return  # answered (400, 431, 505)
            finally:
                self.rfile = raw
            if any(not _HEADER_LINE.fullmatch(line) for line in reader.lines[:-1]) \
                    or self.headers.defects:
                self._protocol_error(HTTPStatus.BAD_REQUEST, "a header line is malformed")
                return
            if self.command not in ("GET", "HEAD"):
                self._protocol_error(HTTPStatus.NOT_IMPLEMENTED,
                                     "only GET and HEAD are served here")
                return
            self._input.deadline = None
            self.connection.settimeout(self.server.idle_timeout)  # for writing the answer
            if self.headers.get("Content-Length", "0").strip() not in ("", "0") \
                    or "Transfer-Encoding" in self.headers:
                self.close_connection = True  # a body that is never read ends the connection
            self._answer()
            self.wfile.flush()
        except TimeoutError:
            self.close_connection = True  # idle (or too slow): drop it, no answer is owed

    def _protocol_error(self, status: HTTPStatus, explain: str) -> None:
        self.send_error(status, explain=explain)

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        self._note = explain or message or ""
        if getattr(self, "request_version", "HTTP/0.9") == "HTTP/0.9":
            self.request_version = "HTTP/1.1"  # so the answer has a status line and headers
        self._discard_input = True  # the rest of what the client sent is not read
        self.close_connection = True
        super().send_error(code, message, explain)

    def _answer(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/":
            self._page(200, _HOME.format(name=html.escape(self.server.workspace.path.name)))
            return
        if not path.startswith(TRACK_PATH):
            self._page(404, _NOT_FOUND, note="not a tracked link")
            return
        request = ClickRequest(path, user_agent=self.headers.get("User-Agent", ""),
                               method=self.command, headers=dict(self.headers.items()))
        try:
            outcome = self.server.writer.submit(request)
        except WorkspaceUnavailable as exc:
            self._page(503, _UNAVAILABLE.format(reason=html.escape(str(exc))), note=str(exc),
                       extra={"Retry-After": "5", "Connection": "close"})
            return
        if not outcome.verified:
            self._page(404, _NOT_FOUND, note="token does not verify; nothing recorded")
        elif not outcome.recorded or outcome.target is None:
            self._empty(204, note=", ".join(outcome.reasons) or "no target")
        else:
            kind = "bot" if outcome.bot else "human"
            self._redirect(outcome.target, note=f"{kind} click on {outcome.link or 'honeypot'}")

    def _redirect(self, target: str, note: str) -> None:
        self._note = note
        self.send_response(302)
        self.send_header("Location", location(target))
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()

    def _empty(self, status: int, note: str) -> None:
        self._note = note
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def _page(self, status: int, body: str, note: str = "",
              extra: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8")
        self._note = note
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            if self._discard_input:
                self._drain()

    def _drain(self) -> None:
        """Reads (a bounded amount of) what the client is still sending before the socket
        closes, so the answer is not lost to a connection reset."""
        try:
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(0.5)
            for _ in range(64):
                if not self.connection.recv(65536):
                    break
        except OSError:
            pass

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        path = getattr(self, "path", "") or ""
        if not path:  # a malformed request: show the start of what was sent
            path = getattr(self, "raw_requestline", b"")[:60].decode("iso-8859-1").strip()
        command = getattr(self, "command", None) or "-"
        line = f"{command} {path.split('?', 1)[0][:60]} -> {code}"
        self.server.log(line + (f" ({self._note})" if self._note else ""))
        self._note = ""

    def log_error(self, format: str, *args: Any) -> None:
        pass  # send_error's own line; log_request writes the one line that matters

    def log_message(self, format: str, *args: Any) -> None:
        self.server.log(format % args)


def check_writable(workspace: Workspace) -> None:
    """Raises Refused unless clicks can be written to the workspace."""
    try:
        with workspace.transaction() as session:  # a write that changes nothing
            session.execute(update(MetaRow).where(MetaRow.key == "").values(value=MetaRow.value))
    except (OperationalError, WorkspaceError) as exc:
        detail = str(getattr(exc, "orig", exc))
        if isinstance(exc, WorkspaceError) or "readonly" in detail or "read-only" in detail:
            raise Refused(f"{workspace.path} is read-only, so the server could not save any "
                          "click; make the file and its folder writable, then start it again"
                          ) from None
        raise Refused(f"{workspace.path} cannot be written now ({detail}); "
                      "close the program that holds it, then start the server again") from None


class TrackingServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # a burst of clients waits in the kernel, not in SYN retries

    def __init__(self, workspace: Workspace, port: int, log: TextIO | None = sys.stderr, *,
                 idle_timeout: float = 5.0, head_timeout: float = 10.0,
                 max_connections: int = 64) -> None:
        check_writable(workspace)
        self.workspace = workspace
        self.idle_timeout = idle_timeout
        self.head_timeout = max(head_timeout, idle_timeout)
        self._log_stream = log
        self._log_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max_connections)
        self.writer = ClickWriter(workspace, report=self.log)  # stopped by server_close
        try:
            super().__init__((LOOPBACK, port), _Handler)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise Refused(f"port {port} is already in use on this computer; "
                              "choose another with --port") from None
            raise Refused(f"cannot listen on {LOOPBACK}:{port}: {exc.strerror}") from None

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def log(self, line: str) -> None:
        if self._log_stream is not None:
            with self._log_lock:
                self._log_stream.write(f"{time.strftime('%H:%M:%S')} {printable(line)}\n")
                self._log_stream.flush()

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):  # too many at once: answer, do not queue
            try:
                request.settimeout(1.0)
                request.sendall(_REFUSED)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """One line, never a traceback; a client that went away is not an error at all."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        self.log(f"error answering a request: {type(exc).__name__}: {exc}")

    def server_close(self) -> None:
        super().server_close()
        self.writer.stop()


def serve_until_stopped(server: TrackingServer, real_time: RealTimeClock | None,
                        stop: threading.Event) -> None:
    """Serves in a thread until ``stop`` is set, then shuts down cleanly."""
    thread = threading.Thread(target=server.serve_forever, name="tracking server", daemon=True)
    thread.start()
    if real_time is not None:
        real_time.start()
    try:
        stop.wait()
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
        if real_time is not None:
            real_time.stop()

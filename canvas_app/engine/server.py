"""The loopback click-tracking server: a tracked URL's click goes through exactly the same
pipeline as the ``click`` command, and the answer redirects to the stored link's target.

It listens on 127.0.0.1 only, whatever the settings say. Requests are handled concurrently
(one thread each; SQLite transactions keep them apart). With ``real_time`` the workspace clock
follows the wall clock while the server runs, and due work is processed as it falls due.
"""

from __future__ import annotations

import errno
import html
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TextIO

from canvas_app.engine import clock
from canvas_app.engine.clicks import record_click
from canvas_app.engine.errors import Refused
from canvas_app.engine.runner import advance_to
from canvas_app.engine.tokens import TRACK_PATH
from canvas_app.store.workspace import Workspace

LOOPBACK = "127.0.0.1"

_NOT_FOUND = ("<!doctype html><meta charset='utf-8'><title>Link not found</title>"
              "<p>This link is not valid. Nothing was recorded.</p>")
_HOME = ("<!doctype html><meta charset='utf-8'><title>Campaign Canvas</title>"
         "<p>Campaign Canvas click-tracking server for workspace {name}.</p>")


class _Handler(BaseHTTPRequestHandler):
    server: TrackingServer
    protocol_version = "HTTP/1.1"
    server_version = "CampaignCanvas"
    sys_version = ""

    def do_GET(self) -> None:
        self._answer()

    def do_HEAD(self) -> None:
        self._answer()

    def _answer(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/":
            self._page(200, _HOME.format(name=html.escape(self.server.workspace.path.name)))
            return
        if not path.startswith(TRACK_PATH):
            self._page(404, _NOT_FOUND, note="not a tracked link")
            return
        outcome = record_click(self.server.workspace, path,
                               user_agent=self.headers.get("User-Agent", ""),
                               method=self.command, headers=dict(self.headers.items()))
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
        self.send_header("Location", target)
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

    def _page(self, status: int, body: str, note: str = "") -> None:
        data = body.encode("utf-8")
        self._note = note
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        note = getattr(self, "_note", "")
        self.server.log(f"{self.command} {self.path.split('?', 1)[0][:60]} -> {code}"
                        + (f" ({note})" if note else ""))
        self._note = ""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        self.server.log(format % args)


class TrackingServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, workspace: Workspace, port: int, log: TextIO | None = sys.stderr) -> None:
        self.workspace = workspace
        self._log_stream = log
        self._log_lock = threading.Lock()
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
                self._log_stream.write(f"{time.strftime('%H:%M:%S')} {line}\n")
                self._log_stream.flush()


class RealTimeClock(threading.Thread):
    """Moves the workspace clock along with the wall clock, processing what falls due."""

    def __init__(self, workspace: Workspace, tick_seconds: float = 1.0,
                 on_error: Callable[[Exception], None] | None = None) -> None:
        super().__init__(name="real-time clock", daemon=True)
        self.workspace = workspace
        self.tick_seconds = tick_seconds
        self.on_error = on_error
        self._stop_event = threading.Event()
        with workspace.transaction() as session:
            self._start_clock = clock.now(session)
        self._start_wall = time.monotonic()

    def run(self) -> None:
        while not self._stop_event.wait(self.tick_seconds):
            self.tick()

    def tick(self) -> None:
        target = self._start_clock + (time.monotonic() - self._start_wall)
        try:
            advance_to(self.workspace, target)
        except Exception as exc:  # keep ticking; report it
            if self.on_error is not None:
                self.on_error(exc)

    def stop(self) -> None:
        self._stop_event.set()
        if self.is_alive():
            self.join()
        self.tick()  # the last moment before stopping is processed too


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

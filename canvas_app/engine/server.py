"""The click-tracking server (and, with a workshop app, the workshop's public side): a Starlette
app on uvicorn, in one thread with its own event loop.

A tracked URL's click goes through exactly the same pipeline as the ``click`` command, and the
answer redirects to the stored link's target. Clicks are written by one writer thread by group
commit (see ``click_writer``), so a redirect means the click is stored. Every request that is
read gets an answer: malformed ones 400/414/431/501/505 with ``Connection: close``, clicks that
cannot be stored 503 with ``Retry-After``. Idle connections are closed after ``idle_timeout``
seconds and a request head, and then its body, must each arrive within ``head_timeout`` (408
for a body too slow); at most ``max_connections`` are served at once, and ``per_address`` from
one address (see ``web_protocol``). It listens on 127.0.0.1 unless told another
address (a workshop opened to the local network). With ``real_time`` the workspace clock
follows the wall clock while the server runs (see ``real_time``).
"""

from __future__ import annotations

import asyncio
import errno
import gc
import socket
import sys
import threading
import time
from collections.abc import Callable
from functools import lru_cache
from typing import TextIO

import uvicorn
from sqlalchemy import update
from sqlalchemy.exc import OperationalError
from starlette.types import ASGIApp

from canvas_app.engine.click_writer import ClickWriter
from canvas_app.engine.errors import Refused
from canvas_app.engine.http_text import printable
from canvas_app.engine.real_time import RealTimeClock
from canvas_app.engine.tracking_app import tracking_app
from canvas_app.engine.web_guard import Guard, Policy
from canvas_app.engine.web_protocol import MAX_REQUEST_LINE, Limits, protocol_for
from canvas_app.store.connection import BUSY_TIMEOUT_MS
from canvas_app.store.errors import WorkspaceError
from canvas_app.store.orm import MetaRow
from canvas_app.store.workspace import Workspace

__all__ = ["LOOPBACK", "MAX_REQUEST_LINE", "RealTimeClock", "TrackingServer", "check_writable",
           "keep_start_up_objects", "serve_until_stopped"]

LOOPBACK = "127.0.0.1"

#: Builds the app a server serves: (server) -> (the ASGI app, its policy).
AppFactory = Callable[["TrackingServer"], tuple[ASGIApp, Policy]]


def _clock() -> str:
    """The wall-clock time of a log line (formatted once a second)."""
    return _second(int(time.time()))


@lru_cache(maxsize=2)
def _second(now: int) -> str:
    return time.strftime("%H:%M:%S", time.localtime(now))


def check_writable(workspace: Workspace) -> None:
    """Raises Refused unless clicks can be written to the workspace."""
    if workspace.read_only and workspace.read_only_reason:  # why it opened read-only
        raise Refused(f"{workspace.where} cannot be written, so the server could not save any "
                      f"click: {workspace.read_only_reason}")
    try:
        with workspace.transaction() as session:  # a write that changes nothing
            session.execute(update(MetaRow).where(MetaRow.key == "").values(value=MetaRow.value))
    except (OperationalError, WorkspaceError) as exc:
        detail = str(getattr(exc, "orig", exc))
        if workspace.path is None:  # a server: its own sentence says what to do
            raise Refused(f"the server could not save any click: {exc}") from None
        if isinstance(exc, WorkspaceError) or "readonly" in detail or "read-only" in detail:
            raise Refused(f"{workspace.where} is read-only, so the server could not save any "
                          "click; make the file and its folder writable, then start it again"
                          ) from None
        raise Refused(f"{workspace.where} cannot be written now ({detail}); "
                      "close the program that holds it, then start the server again") from None


def _listen(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)  # a burst of clients waits in the kernel, not in SYN retries
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise Refused(f"port {port} is already in use on this computer; "
                          "choose another with --port") from None
        if exc.errno == errno.EADDRNOTAVAIL:
            raise Refused(f"{host} is not an address of this computer; "
                          "choose one of its network addresses") from None
        raise Refused(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.setblocking(False)
    return sock


class TrackingServer:
    """A server bound (on construction) to ``host``:``port``; ``serve_forever`` serves until
    ``shutdown``; ``server_close`` then releases the port and stops the click writer."""

    def __init__(self, workspace: Workspace, port: int, log: TextIO | None = sys.stderr, *,
                 idle_timeout: float = 5.0, head_timeout: float = 10.0,
                 max_connections: int = 64, host: str = LOOPBACK,
                 app: AppFactory | None = None, per_address: int | None = None) -> None:
        check_writable(workspace)
        self.workspace = workspace
        self.host = host
        self.idle_timeout = idle_timeout
        self.head_timeout = max(head_timeout, idle_timeout)
        self._log_stream = log
        self._log_lock = threading.Lock()
        self.socket = _listen(host, port)
        self.writer = ClickWriter(workspace, report=self.log)  # stopped by server_close
        asgi, policy = (app or tracking_app)(self)
        limits = Limits(self.idle_timeout, self.head_timeout, max_connections, self.log,
                        per_address)
        #: The whole app as served (guard included), for Starlette's TestClient in tests.
        self.app = Guard(asgi, policy, self.log, body_timeout=self.head_timeout)
        # No websockets, and no X-Forwarded-For: the address a request comes from is the
        # socket's, so a client cannot name another to slip past the rate limit.
        config = uvicorn.Config(self.app, log_config=None, access_log=False, lifespan="off",
                                server_header=False, proxy_headers=False, ws="none",
                                http=protocol_for(limits), timeout_keep_alive=int(
                                    max(1, round(idle_timeout))),
                                timeout_graceful_shutdown=5)
        self._uvicorn = uvicorn.Server(config)
        self._finished = threading.Event()
        self._started = False

    @property
    def port(self) -> int:
        return int(self.socket.getsockname()[1])

    @property
    def connection_count(self) -> int:
        """Connections open now."""
        return len(self._uvicorn.server_state.connections)

    @property
    def server_address(self) -> tuple[str, int]:
        return self.host, self.port

    def log(self, line: str) -> None:
        if self._log_stream is not None:
            with self._log_lock:
                self._log_stream.write(f"{_clock()} {printable(line)}\n")
                self._log_stream.flush()

    def serve_forever(self, poll_interval: float = 0.1) -> None:
        """Serves until ``shutdown`` is called (from another thread)."""
        self._started = True
        try:
            asyncio.run(self._uvicorn.serve(sockets=[self.socket]))
        finally:
            self._finished.set()

    def shutdown(self) -> None:
        """Stops serving (open connections are finished, then closed) and waits for
        ``serve_forever`` to return. The clicks waiting for a busy workspace are answered
        first (see ``ClickWriter.stop_taking``): uvicorn's grace would cut them off (500)."""
        if self.writer.waiting:  # another program holds the workspace: say why this waits
            self.log(f"stopping: {self.writer.waiting} click(s) wait for the workspace, which "
                     "another program is writing to; their answers come first (at most "
                     f"{BUSY_TIMEOUT_MS // 1000} s)")
        self.writer.stop_taking()
        self._uvicorn.should_exit = True
        if self._started:
            self._finished.wait(30)

    def server_close(self) -> None:
        self.socket.close()
        self.writer.stop()


def keep_start_up_objects() -> None:
    """Moves every object made while starting (the libraries, the app, the workspace's
    engine) out of the garbage collector's sight, so a full collection while serving scans
    only what serving made: about 1 ms instead of about 50 ms, during which every request
    waits. For a process that only serves (the ``serve`` command)."""
    gc.collect()
    gc.freeze()


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

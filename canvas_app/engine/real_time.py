"""The workspace clock following the wall clock while the tracking server runs
(``serve --real-time``): due work is processed as it falls due."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from canvas_app.engine import clock
from canvas_app.engine.runner import advance_to
from canvas_app.store.workspace import Workspace


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

"""Moving the clock off the GUI thread, with progress and cancel between batches."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread, Signal

from canvas_app.engine.runner import AdvanceResult, advance, step
from canvas_app.store.workspace import Workspace


class AdvanceWorker(QThread):
    progressed = Signal(float)  # 0..1
    done = Signal(object)  # AdvanceResult, or the exception that stopped it

    def __init__(self, workspace: Workspace, seconds: float | None) -> None:
        """``seconds=None``: move to the next event only (step by step)."""
        super().__init__()
        self.workspace = workspace
        self.seconds = seconds
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            if self.seconds is None:
                result = step(self.workspace) or AdvanceResult(0, 0, 0)
            else:
                result = advance(self.workspace, self.seconds, self._progress)
        except Exception as exc:  # reported to the user by the panel
            self.done.emit(exc)
            return
        self.done.emit(result)

    def _progress(self, fraction: float) -> bool:
        self.progressed.emit(fraction)
        return not self._cancel.is_set()

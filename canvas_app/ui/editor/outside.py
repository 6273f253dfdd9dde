"""Noticing what other processes did to the open workspace (``import --into``, ``advance``,
the tracking server): a cheap query every second.

- The shown campaign's draft changed elsewhere: when this window has no edits since it last
  synced, the view reloads by itself; otherwise ``conflict`` is emitted and the window asks
  (Reload / Keep mine) — never a silent overwrite.
- Simulation progress made elsewhere (new events; a campaign published, activated or paused
  by a command): ``progress`` is emitted so that counts, the state and the log refresh.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from canvas_app.engine.simulation import progress_mark
from canvas_app.store.errors import WorkspaceError
from canvas_app.ui.editor.document import EditorDocument

INTERVAL_MS = 1000


class OutsideWatcher(QObject):
    reloaded = Signal()  # the view now shows the draft another process stored
    conflict = Signal()  # changed elsewhere while this window has edits of its own
    progress = Signal()  # the simulation moved in another process

    def __init__(self, document: EditorDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.pending = False  # a conflict the user has not answered yet
        self.bar: QWidget | None = None  # the notice bar that asks (set by the window)
        self._progress = self._progress_mark()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        document.campaignLoaded.connect(self._loaded)

    def _loaded(self) -> None:
        self.pending = False

    def _progress_mark(self) -> tuple[object, ...]:
        """Events, the clock, contacts and campaign states in one cheap read."""
        try:
            return progress_mark(self.document.workspace)
        except WorkspaceError:
            return ()

    def changed_outside(self) -> bool:
        """True when the shown draft is no longer the stored one (checked now)."""
        doc = self.document
        if doc.campaign is None:
            return False
        try:
            return doc.store.revision(doc.campaign.id) != doc.synced_revision
        except WorkspaceError:  # deleted elsewhere, or the file went away: keep what we show
            return False

    def check(self) -> bool:
        """Looks once; True when the draft changed elsewhere (reloaded, or asked about)."""
        mark = self._progress_mark()
        if mark != self._progress:
            self._progress = mark
            self.progress.emit()
        if self.pending or not self.changed_outside():
            return self.pending
        stack = self.document.undo_stack
        if stack is None or stack.isClean():
            self.document.reload()
            self.reloaded.emit()
        else:
            self.pending = True
            self.conflict.emit()
        return True

    def reload(self) -> None:
        self.pending = False
        self.document.reload()
        self.reloaded.emit()

    def keep_mine(self) -> None:
        self.pending = False
        self.document.keep_draft()

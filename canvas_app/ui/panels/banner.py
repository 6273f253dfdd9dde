"""The state banner: Draft / Published vN / Active / Paused, and unpublished changes, as the
editor's document says them."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from canvas_app.ui.editor.document import EditorDocument
from canvas_app.ui.panels.state_pills import StatePills

_EDITED_ELSEWHERE = "Another window is editing this workspace; changes cannot be made here."


class StateBanner(StatePills):
    def __init__(self, document: EditorDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.read_only.setToolTip(_EDITED_ELSEWHERE)
        document.statusChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        status = self.document.status
        self.read_only.setVisible(self.document.read_only)
        self.read_only.setToolTip(  # on a server, another editor may have just this campaign
            f"{self.document.held_by}; changes cannot be made here." if self.document.held_by
            else _EDITED_ELSEWHERE)
        if status is None:
            self.show_nothing()
            return
        self.show_standing(status.state, status.published_version,
                           status.changes_summary if status.unpublished_changes else None)

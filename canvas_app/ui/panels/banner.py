"""The state banner: Draft / Published vN / Active / Paused, and unpublished changes."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from canvas_app.domain.vocabulary import CampaignState
from canvas_app.ui.editor.document import EditorDocument
from canvas_app.ui.style.theme import CHANGES_PILL, READ_ONLY_PILL, STATE_PILL, pill

_TIP: dict[str, str] = {
    CampaignState.DRAFT: "Never published: publish to run it.",
    CampaignState.PUBLISHED: "Published but not running: activate it to send emails.",
    CampaignState.ACTIVE: "Running: contacts receive its emails.",
    CampaignState.PAUSED: "Paused: emails and goals wait until it is activated again.",
}


_EDITED_ELSEWHERE = "Another window is editing this workspace; changes cannot be made here."

class StateBanner(QWidget):
    def __init__(self, document: EditorDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stateBanner")
        self.document = document
        self.state = QLabel()
        self.state.setObjectName("statePill")
        self.changes = QLabel()
        self.changes.setObjectName("changesPill")
        self.read_only = QLabel("Read-only")
        self.read_only.setStyleSheet(pill(READ_ONLY_PILL))
        self.read_only.setToolTip(_EDITED_ELSEWHERE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.state)
        layout.addWidget(self.changes)
        layout.addWidget(self.read_only)
        document.statusChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        status = self.document.status
        self.read_only.setVisible(self.document.read_only)
        self.read_only.setToolTip(  # on a server, another editor may have just this campaign
            f"{self.document.held_by}; changes cannot be made here." if self.document.held_by
            else _EDITED_ELSEWHERE)
        if status is None:
            self.state.setText("")
            self.changes.hide()
            return
        state = CampaignState(status.state) if status.state in _TIP else CampaignState.DRAFT
        label = state.capitalize()
        if status.published_version and state != CampaignState.DRAFT:
            label = f"{label} · v{status.published_version}"
        self.state.setText(label)
        self.state.setStyleSheet(pill(STATE_PILL[state]))
        self.state.setToolTip(_TIP.get(status.state, ""))
        pending = status.unpublished_changes and status.published_version is not None
        self.changes.setVisible(pending)
        if pending:
            self.changes.setText("Unpublished changes")
            self.changes.setToolTip(f"Changed since version {status.published_version}: "
                                    f"{status.changes_summary}. Contacts see none of it until "
                                    "you publish.")
            self.changes.setStyleSheet(pill(CHANGES_PILL))

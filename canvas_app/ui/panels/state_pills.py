"""The campaign's state as pills: Draft / Published vN / Active / Paused, unpublished changes,
and read-only. Drawn the same by the editor's banner and by the first paint (which shows it
from the light read, so nothing shifts on the toolbar when the editor takes over)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from canvas_app.domain.vocabulary import CampaignState
from canvas_app.ui.style.theme import CHANGES_PILL, READ_ONLY_PILL, STATE_PILL, pill

_TIP: dict[str, str] = {
    CampaignState.DRAFT: "Never published: publish to run it.",
    CampaignState.PUBLISHED: "Published but not running: activate it to send emails.",
    CampaignState.ACTIVE: "Running: contacts receive its emails.",
    CampaignState.PAUSED: "Paused: emails and goals wait until it is activated again.",
}


class StatePills(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stateBanner")
        self.state = QLabel()
        self.state.setObjectName("statePill")
        self.changes = QLabel()
        self.changes.setObjectName("changesPill")
        self.read_only = QLabel("Read-only")
        self.read_only.setStyleSheet(pill(READ_ONLY_PILL))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.state)
        layout.addWidget(self.changes)
        layout.addWidget(self.read_only)
        self.read_only.hide()

    def show_standing(self, state: str, version: int | None, changes: str | None) -> None:
        """``changes``: what the draft changed since ``version``, in words (None: nothing)."""
        known = CampaignState(state) if state in _TIP else CampaignState.DRAFT
        label = known.capitalize()
        if version and known != CampaignState.DRAFT:
            label = f"{label} · v{version}"
        self.state.setText(label)
        self.state.setStyleSheet(pill(STATE_PILL[known]))
        self.state.setToolTip(_TIP.get(state, ""))
        pending = changes is not None and version is not None
        self.changes.setVisible(pending)
        if pending:
            self.changes.setText("Unpublished changes")
            self.changes.setToolTip(f"Changed since version {version}: {changes}. Contacts see "
                                    "none of it until you publish.")
            self.changes.setStyleSheet(pill(CHANGES_PILL))

    def show_nothing(self) -> None:
        self.state.setText("")
        self.changes.hide()

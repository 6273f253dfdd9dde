"""The state banner: Draft / Published vN / Active / Paused, and unpublished changes."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from canvas_app.ui.document import EditorDocument

_STYLE = {
    "draft": ("Draft", "#475467", "#eaecf0"),
    "published": ("Published", "#175cd3", "#d1e9ff"),
    "active": ("Active", "#067647", "#d1fadf"),
    "paused": ("Paused", "#b54708", "#fef0c7"),
}


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
        self.read_only.setStyleSheet("QLabel { background: #fee4e2; color: #b42318; "
                                     "border-radius: 9px; padding: 2px 10px; font-weight: 600; }")
        self.read_only.setToolTip("Another window is editing this workspace; "
                                  "changes cannot be made here.")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.state)
        layout.addWidget(self.changes)
        layout.addWidget(self.read_only)
        document.statusChanged.connect(self.refresh)
        self.refresh()

    def text(self) -> str:
        parts = [self.state.text()]
        if self.changes.isVisible() or not self.changes.isHidden():
            parts.append(self.changes.text())
        return " · ".join(p for p in parts if p)

    def refresh(self) -> None:
        status = self.document.status
        self.read_only.setVisible(self.document.read_only)
        if status is None:
            self.state.setText("")
            self.changes.hide()
            return
        label, fg, bg = _STYLE.get(status.state, _STYLE["draft"])
        if status.published_version and status.state != "draft":
            label = f"{label} · v{status.published_version}"
        self.state.setText(label)
        self.state.setStyleSheet(f"QLabel {{ background: {bg}; color: {fg}; border-radius: 9px; "
                                 "padding: 2px 10px; font-weight: 600; }")
        self.state.setToolTip({
            "draft": "Never published: publish to run it.",
            "published": "Published but not running: activate it to send emails.",
            "active": "Running: contacts receive its emails.",
            "paused": "Paused: emails and goals wait until it is activated again.",
        }.get(status.state, ""))
        pending = status.unpublished_changes and status.published_version is not None
        self.changes.setVisible(pending)
        if pending:
            self.changes.setText("Unpublished changes")
            self.changes.setToolTip(f"Changed since version {status.published_version}: "
                                    f"{status.changes_summary}. Contacts see none of it until "
                                    "you publish.")
            self.changes.setStyleSheet("QLabel { background: #fef0c7; color: #93370d; "
                                       "border-radius: 9px; padding: 2px 10px; "
                                       "font-weight: 600; }")

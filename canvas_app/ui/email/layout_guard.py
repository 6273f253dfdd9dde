"""Above the email body: an email with a layout of its own (imported from another program:
tables, styles, images) is shown but not typed into, because the editor writes paragraphs
and would drop that layout at the first key. One click turns it into simple paragraphs for
the user who wants that; the dialog's Cancel (and Undo after it) still bring the layout back."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextEdit, QWidget

from canvas_app.domain.model import Email
from canvas_app.engine.simple_body import written_here

NOTE = ("This email keeps the layout it was imported with, which the editor cannot write. "
        "Change it in the program it came from and import it again, or write it here as "
        "simple paragraphs (its layout is then lost).")


class LayoutGuard(QWidget):
    def __init__(self, body: QTextEdit, tools: Sequence[QWidget]) -> None:
        super().__init__()
        self.setObjectName("layoutGuard")
        self._body = body
        self._tools = list(tools)
        self._email: Email | None = None
        self._released: set[str] = set()  # emails the user chose to write as paragraphs
        self.note = QLabel(NOTE)
        self.note.setWordWrap(True)
        self.button = QPushButton("Write as Simple Paragraphs")
        self.button.setToolTip("Let me type in this email; its imported layout is dropped")
        self.button.clicked.connect(self.release)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 4)
        row.addWidget(self.note, 1)
        row.addWidget(self.button)
        self.setVisible(False)

    @property
    def guarding(self) -> bool:
        return self._email is not None and self._email.id not in self._released \
            and not written_here(self._email.body_html)

    def show_for(self, email: Email) -> None:
        """Shows ``email``'s body as editable or guarded."""
        self._email = email
        guarding = self.guarding
        self.setVisible(guarding)
        self._body.setReadOnly(guarding)
        for tool in self._tools:
            tool.setEnabled(not guarding)

    def release(self) -> None:
        if self._email is not None:
            self._released.add(self._email.id)
            self.show_for(self._email)
            self._body.setFocus()

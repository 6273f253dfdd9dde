"""Insert or edit a link: its text, kind and target. tel: and mailto: targets decide the kind;
javascript:, data: and other schemes are refused with a message."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from canvas_app.domain.links import KIND_LABELS, LinkKind, effective_kind, target_problem
from canvas_app.ui.form_dialog import lay_out_form


class LinkDialog(QDialog):
    def __init__(self, text: str = "", kind: LinkKind = LinkKind.URL, target: str = "https://",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkDialog")
        self.setWindowTitle("Link")
        self.setMinimumWidth(460)
        self.text = QLineEdit(text)
        self.text.setPlaceholderText("What the reader sees, e.g. Download the guide")
        self.kind = QComboBox()
        for value, label in KIND_LABELS.items():
            self.kind.addItem(label, value)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.target = QLineEdit(target)
        self.target.setPlaceholderText("https://…, tel:+1…, or mailto:name@example.com")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("linkProblem")
        self.buttons = lay_out_form(self, [("Text", self.text), ("Kind", self.kind),
                                           ("Target", self.target)], self.note)
        self.text.textChanged.connect(self._check)
        self.target.textChanged.connect(self._check)
        self.kind.currentIndexChanged.connect(self._check)
        self._check()

    def chosen_kind(self) -> LinkKind:
        return effective_kind(LinkKind(self.kind.currentData()), self.target.text().strip())

    def problem(self) -> str | None:
        if not self.text.text().strip():
            return "Give the link a text that the reader sees."
        problem = target_problem(self.target.text().strip())
        return None if problem is None else problem[0].upper() + problem[1:] + "."

    def _check(self) -> None:
        target = self.target.text().strip()
        forced = effective_kind(LinkKind.URL, target)
        is_forced = forced in (LinkKind.PHONE, LinkKind.EMAIL_ADDRESS)
        if is_forced:
            self.kind.setCurrentIndex(self.kind.findData(forced))
        self.kind.setEnabled(not is_forced)
        problem = self.problem()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(problem is None)
        if problem:
            self.note.setText(f"<span style='color:#d92d20'>{problem}</span>")
        elif is_forced:
            self.note.setText(f"A {target.split(':')[0]}: link is always a "
                              f"{KIND_LABELS[forced].lower()} link.")
        else:
            self.note.setText("")

    def values(self) -> tuple[str, LinkKind, str]:
        return self.text.text().strip(), self.chosen_kind(), self.target.text().strip()

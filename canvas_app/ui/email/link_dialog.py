"""Insert or edit a link: its text, kind and target. The kind shapes the target field: a web
address for the four web kinds and landing pages, a number for a phone link (stored as tel:),
an address for an email link (stored as mailto:). javascript:, data: and other schemes are
refused with a message."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from canvas_app.domain.errors import sentence
from canvas_app.domain.links import (
    KIND_LABELS,
    LinkKind,
    can_qualify,
    effective_kind,
    target_problem,
    why_cannot_qualify,
)
from canvas_app.engine.contacts import email_problem
from canvas_app.ui.style.form_dialog import lay_out_form
from canvas_app.ui.style.theme import current_theme

PREFIX = {LinkKind.PHONE: "tel:", LinkKind.EMAIL_ADDRESS: "mailto:"}
FIELD = {  # label and placeholder of the target field, per kind
    LinkKind.PHONE: ("Phone number", "+1 555 0100"),
    LinkKind.EMAIL_ADDRESS: ("Email address", "name@example.com"),
}
WEB_FIELD = ("Address", "https://…")
_PHONE = re.compile(r"\+?[0-9()\-. ]+")


def _phone_problem(number: str) -> str | None:
    digits = sum(ch.isdigit() for ch in number)
    if not number:
        return "Type the phone number readers will call, e.g. +1 555 0100."
    if not _PHONE.fullmatch(number) or digits < 3:
        return f"'{number}' is not a phone number: use digits, spaces, dashes and a leading +."
    return None


class LinkDialog(QDialog):
    def __init__(self, text: str = "", kind: LinkKind = LinkKind.URL, target: str = "https://",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkDialog")
        self.setWindowTitle("Link")
        self.setMinimumWidth(460)
        kind = effective_kind(kind, target)
        self._kind = kind
        self.text = QLineEdit(text.strip())
        self.text.setPlaceholderText("What the reader sees, e.g. Download the guide")
        self.kind = QComboBox()
        for value, label in KIND_LABELS.items():
            self.kind.addItem(label, value)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        prefix = PREFIX.get(kind)
        shown = target[len(prefix):] if prefix and target.lower().startswith(prefix) else target
        self.target = QLineEdit(shown)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("linkProblem")
        self.buttons = lay_out_form(self, [("Text", self.text), ("Kind", self.kind),
                                           (WEB_FIELD[0], self.target)], self.note)
        self.text.textChanged.connect(self._check)
        self.target.textChanged.connect(self._check)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._hold_size()
        self._shape_field()
        self._typed = False  # nothing typed yet: what is missing is said plainly, not in red
        self._check()
        self._typed = True

    def _hold_size(self) -> None:
        """The dialog keeps one size whatever the kind: the field's label has room for the
        longest label, and the message line for three lines."""
        form = self.findChild(QFormLayout)
        label = form.labelForField(self.target) if form is not None else None
        if isinstance(label, QLabel):
            metrics = label.fontMetrics()
            label.setMinimumWidth(max(metrics.horizontalAdvance(text) for text, _ in
                                      [WEB_FIELD, *FIELD.values()]) + 4)
        self.note.setMinimumHeight(self.note.fontMetrics().lineSpacing() * 3)
        self.note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

    # -- the kind shapes the field --------------------------------------------------------
    def _kind_changed(self) -> None:
        old, new = self._kind, LinkKind(self.kind.currentData())
        self._kind = new
        was_special, is_special = old in PREFIX, new in PREFIX
        if old != new and (was_special or is_special):
            # A web address is no phone number and the other way round: start the field anew.
            self.target.setText("" if is_special else "https://")
        self._shape_field()
        self._check()

    def _shape_field(self) -> None:
        label, placeholder = FIELD.get(self._kind, WEB_FIELD)
        self.target.setPlaceholderText(placeholder)
        form = self.findChild(QFormLayout)
        if form is not None:
            field_label = form.labelForField(self.target)
            if isinstance(field_label, QLabel):
                field_label.setText(label)

    # -- what the dialog gives back -------------------------------------------------------
    def chosen_kind(self) -> LinkKind:
        return effective_kind(self._kind, self.target.text().strip())

    def stored_target(self) -> str:
        raw = self.target.text().strip()
        prefix = PREFIX.get(self._kind)
        if prefix is None:
            return raw
        value = raw[len(prefix):] if raw.lower().startswith(prefix) else raw
        if self._kind is LinkKind.PHONE:
            value = value.replace(" ", "").replace(".", "")
        return prefix + value

    def problem(self) -> str | None:
        if not self.text.text().strip():
            return "Give the link a text that the reader sees."
        raw = self.target.text().strip()
        prefix = PREFIX.get(self._kind)
        value = raw[len(prefix):] if prefix and raw.lower().startswith(prefix) else raw
        if self._kind is LinkKind.PHONE:
            return _phone_problem(value)
        if self._kind is LinkKind.EMAIL_ADDRESS:
            if not value:
                return "Type the address readers will write to, e.g. name@example.com."
            problem = email_problem(value)
            return None if problem is None else sentence(problem)
        problem = target_problem(raw)
        return None if problem is None else sentence(problem)

    def _check(self) -> None:
        forced = effective_kind(LinkKind.URL, self.target.text().strip())
        if forced in PREFIX and forced is not self._kind:  # tel:… or mailto:… typed in
            self._kind = forced
            self.kind.blockSignals(True)
            self.kind.setCurrentIndex(self.kind.findData(forced))
            self.kind.blockSignals(False)
            self._shape_field()
        problem = self.problem()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)
        if problem and not self._typed:
            self.note.setText(problem)
        elif problem:
            colour = current_theme().error_text.name()
            self.note.setText(f"<span style='color:{colour}'>{problem}</span>")
        elif can_qualify(self._kind):
            self.note.setText("Clicks on this link can satisfy an Email Link Clicked goal.")
        else:
            self.note.setText(why_cannot_qualify(self._kind))

    def values(self) -> tuple[str, LinkKind, str]:
        return self.text.text().strip(), self.chosen_kind(), self.stored_target()

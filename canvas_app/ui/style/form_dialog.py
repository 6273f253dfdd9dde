"""The layout shared by small form dialogs: labelled fields, a message line, OK and Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from canvas_app.ui.style.button_order import follow_visible_order


def lay_out_form(dialog: QDialog, fields: list[tuple[str, QWidget]], message: QLabel
                 ) -> QDialogButtonBox:
    """Arranges the fields, the message and OK/Cancel (wired to accept/reject)."""
    form = QFormLayout()
    for label, widget in fields:
        form.addRow(label, widget)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    follow_visible_order(buttons)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(message)
    layout.addWidget(buttons)
    return buttons

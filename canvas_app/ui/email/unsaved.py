"""Closing an editor dialog with changes not applied asks first: Save, Discard or keep
editing (Cancel). Used by the goal setup; the sequence editor asks the same."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QMessageBox

Button = QMessageBox.StandardButton


def close_asking(dialog: QDialog, changed: bool, title: str, text: str,
                 save: Callable[[], object]) -> None:
    """Rejects ``dialog`` at once when nothing changed; else asks, then saves (Save, the
    default), rejects (Discard) or leaves it open (Cancel)."""
    answer = QMessageBox.question(dialog, title, text, Button.Save | Button.Discard
                                  | Button.Cancel, Button.Save) if changed else Button.Discard
    if answer == Button.Save:
        save()
    elif answer == Button.Discard:
        dialog.reject()

"""Small buttons of the email editors: text, tooltip, what they do, and the name a screen
reader says when the text is a symbol (▲, B)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QPushButton, QToolButton


def _wire(button: QAbstractButton, text: str, tip: str, slot: Callable[[], object],
          spoken: str) -> None:
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(spoken or text)
    button.clicked.connect(slot)


def push_button(text: str, tip: str, slot: Callable[[], object], spoken: str = ""
                ) -> QPushButton:
    button = QPushButton()
    _wire(button, text, tip, slot, spoken)
    return button


def tool_button(text: str, tip: str, slot: Callable[[], object], spoken: str = ""
                ) -> QToolButton:
    """A formatting tool; "B" is drawn bold and "I" italic."""
    button = QToolButton()
    _wire(button, text, tip, slot, spoken)
    if text in ("B", "I"):
        font = QFont(button.font())
        font.setBold(text == "B")
        font.setItalic(text == "I")
        button.setFont(font)
    return button

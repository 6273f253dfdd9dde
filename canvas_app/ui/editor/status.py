"""The one thing editor helpers may say to the user in passing: a line in the status bar."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QStatusBar

from canvas_app.ui.style.theme import STATUS_MS


class Status(Protocol):
    def say(self, text: str, *, long: bool = False) -> None:
        """Shows ``text`` for a while; ``long`` for a sentence with a path or two to read."""


class StatusLine:
    """``Status`` on a window's status bar."""

    def __init__(self, bar: QStatusBar) -> None:
        self.bar = bar

    def say(self, text: str, *, long: bool = False) -> None:
        self.bar.showMessage(text, 2 * STATUS_MS if long else STATUS_MS)

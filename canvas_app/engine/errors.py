"""Refusals the engine gives; each message says what to do."""

from __future__ import annotations

from canvas_app.domain.errors import UserError, sentence


class Refused(UserError):
    """The action is not allowed now; the message tells the user what to do instead.

    ``command`` is what to type on the command line and ``menu`` where the same is in the
    editor; ``str()`` (the command line's wording) ends with the command, ``in_words()`` (the
    editor's) names the menu instead, so a window never shows an id or a command to type."""

    def __init__(self, message: str, *, command: str | None = None,
                 menu: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.command = command
        self.menu = menu

    def __str__(self) -> str:
        return f"{self.message} ({self.command})" if self.command else self.message

    def in_words(self) -> str:
        """One or two sentences for a window: capitalised, ended, with the menu to use."""
        text = sentence(self.message)
        if not self.menu:
            return text
        return f"{text} Use {self.menu}" + ("" if self.menu.endswith("…") else ".")

"""The one base of every error a user reads, and the rule its message follows.

A message is written as the command line prints it after the program's name: it starts in
lower case and has no full stop (``there is no campaign 'x'``). ``sentence()`` is the same
words as a sentence, capitalised and ended, which is how both the command line and the
editor's windows show it."""

from __future__ import annotations

_ENDINGS = (".", "!", "?", "…", ":")


def sentence(text: str) -> str:
    """``text`` capitalised and ended with a full stop, unless it already ends a sentence or
    lists problems one a line (a campaign file's, each ``path: what``)."""
    text = text.strip()
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text.endswith(_ENDINGS) or "\n" in text else text + "."


class UserError(Exception):
    """Something asked for that cannot be done; the message says what is wrong and what to do."""

    def sentence(self) -> str:
        """The message as a sentence, for the command line and the editor alike."""
        return sentence(str(self))

    def in_words(self) -> str:
        """What a window shows: the sentence, unless a subclass has wording of its own."""
        return self.sentence()

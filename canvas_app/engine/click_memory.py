"""What the tracking server's click writer remembers of the workspace between its batches.

A batch reads the sends clicked, the workspace clock, the click id counter and each send's
recent clicks (the window a new click is judged against). The writer keeps one connection
for all its transactions (store/held_connection), and that connection tells, at the start of
each, whether anything but the writer itself has committed since its previous one. While
nothing else has, what the writer read then, together with what it wrote itself, is still
exactly what is stored, so it need not be read again: the send and clock as read, the counter
as written, and each send's most recent clicks with the writer's own new clicks added.

Whenever another connection has committed (the editor, a command, the real-time clock, another
server), or a transaction of the writer's failed, everything remembered is forgotten and read
again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from canvas_app.engine.click_window import Light, Window

#: Forget the windows (they are read again as clicked) once this many sends have one.
MAX_SENDS = 5000


class ClickMemory:
    """See the module's docstring; ``start`` at the beginning of every batch's transaction."""

    def __init__(self, depth: int) -> None:
        #: How many of a send's most recent clicks a window holds.
        self.depth = depth
        #: The sends clicked, as stored (a send never changes once made).
        self.sends: dict[int, Any] = {}
        #: Per send: its ``depth`` most recent clicks, light, oldest first.
        self.windows: dict[int, Window] = {}
        #: The click id counter as this writer last stored it.
        self.next_click_id: int | None = None
        #: The workspace clock as last read (None: not known, or not started yet).
        self.clock: float | None = None

    def start(self, unchanged: bool) -> None:
        """A new transaction begins: ``unchanged`` says whether nothing but this writer has
        committed since its previous one (else all is forgotten)."""
        if not unchanged or len(self.windows) > MAX_SENDS or len(self.sends) > MAX_SENDS:
            self.forget()

    def forget(self) -> None:
        self.sends.clear()
        self.windows.clear()
        self.next_click_id = None
        self.clock = None

    def stored(self, clicks: Iterable[Light]) -> None:
        """The new clicks this transaction stores (ids above every stored one, in order): added
        to the windows held for their sends."""
        for click in clicks:
            window = self.windows.get(click.send_id)
            if window is not None:
                window.add(click, self.depth)

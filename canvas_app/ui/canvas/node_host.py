"""What a node item needs from the canvas it sits on, and the grid it snaps to."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QPointF

from canvas_app.ui.canvas.constants import GRID

if TYPE_CHECKING:
    from canvas_app.ui.canvas.nodes import NodeItem


def snap_point(point: QPointF) -> QPointF:
    """The nearest grid point (halves round up, not to even)."""
    return QPointF(math.floor(point.x() / GRID + 0.5) * GRID,
                   math.floor(point.y() / GRID + 0.5) * GRID)


class NodeHost(Protocol):
    """What a node item asks of the canvas it sits on: it tells it the user's intents (rename,
    set up) and asks who is behind its counts; it never changes the model itself."""

    dragging: bool
    snap: bool

    def contacts_behind_counts(self, node_id: str) -> tuple[list[str], int] | None: ...

    def start_rename(self, item: NodeItem) -> None: ...

    def request_configure(self, item: NodeItem) -> None: ...

    def complete_items(self) -> None:
        """Every connection has its item (a node that moves takes its own along)."""

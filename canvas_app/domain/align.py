"""Aligning and distributing a selection of nodes: new positions only (the editor records
them as one step). Positions are node centres, as everywhere on the canvas."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from canvas_app.domain.model import Position


class Alignment(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    TOP = "top"
    MIDDLE = "middle"
    BOTTOM = "bottom"


def align(positions: dict[str, Position], how: Alignment,
          sizes: dict[str, tuple[float, float]] | None = None) -> dict[str, Position]:
    """Lines the nodes up on one edge or centre line of the selection. ``sizes`` (width,
    height) make edges exact for nodes of different sizes; without them centres are used."""
    if len(positions) < 2:
        return dict(positions)
    size = sizes or {}

    def half(node_id: str, axis: int) -> float:
        return size.get(node_id, (0.0, 0.0))[axis] / 2

    horizontal = how in (Alignment.LEFT, Alignment.CENTER, Alignment.RIGHT)
    axis = 0 if horizontal else 1
    lows = [p[axis] - half(n, axis) for n, p in positions.items()]
    highs = [p[axis] + half(n, axis) for n, p in positions.items()]
    centres = [p[axis] for p in positions.values()]
    result: dict[str, Position] = {}
    for node_id, (x, y) in positions.items():
        if how in (Alignment.LEFT, Alignment.TOP):
            value = min(lows) + half(node_id, axis)
        elif how in (Alignment.RIGHT, Alignment.BOTTOM):
            value = max(highs) - half(node_id, axis)
        else:
            value = (min(centres) + max(centres)) / 2
        result[node_id] = (value, y) if horizontal else (x, value)
    return result


def distribute(positions: dict[str, Position], axis: int) -> dict[str, Position]:
    """Equal distances between the centres along ``axis`` (0: left to right, 1: top to
    bottom), the first and last staying where they are."""
    if len(positions) < 3:
        return dict(positions)
    order: Sequence[tuple[str, Position]] = sorted(positions.items(),
                                                   key=lambda item: (item[1][axis], item[0]))
    first, last = order[0][1][axis], order[-1][1][axis]
    step = (last - first) / (len(order) - 1)
    result: dict[str, Position] = {}
    for i, (node_id, (x, y)) in enumerate(order):
        value = first + i * step
        result[node_id] = (value, y) if axis == 0 else (x, value)
    return result

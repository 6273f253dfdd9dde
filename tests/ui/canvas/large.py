"""A large campaign for the canvas tests at scale: pairs of a sequence and its goal in a grid,
each sequence joined to its goal, plus the connections a test asks for between pairs."""

from __future__ import annotations

from collections.abc import Iterable

from canvas_app.domain.model import Campaign, Edge, Goal, Sequence
from canvas_app.ui.canvas.far_view import FAR_MIN_EDGES


def large_campaign(between: Iterable[tuple[int, int]], pairs: int = FAR_MIN_EDGES) -> Campaign:
    """``between``: (goal i, sequence j) connections added after the pairs' own."""
    sequences = [Sequence(f"s{i}", f"Step {i}", ((i % 20) * 700.0, (i // 20) * 300.0), [])
                 for i in range(pairs)]
    goals = [Goal(f"g{i}", f"Goal {i}", ((i % 20) * 700.0 + 330, (i // 20) * 300.0), [])
             for i in range(pairs)]
    links = [Edge(f"s{i}", f"g{i}") for i in range(pairs)]
    extra = [Edge(f"g{i}", f"s{j}") for i, j in between]
    return Campaign("large", "Large", None, sequences, goals, links + extra)

"""Tidy up: a layered layout of a campaign (or of some of its nodes), left to right in the
direction of its connections, with no two nodes or labels overlapping and as few crossing
connections as the Sugiyama method finds. The layering and the crossing reduction come from
igraph (a maintained graph library), not from code of our own; this module only turns its
layers and places into canvas positions, and keeps a tidied selection where it was."""

from __future__ import annotations

from collections.abc import Iterable

from canvas_app.domain.model import Campaign, Position

#: One layer per column; a column is wider than a node's label (236) with room for the arrow.
COLUMN_WIDTH = 330.0
#: Rows leave room for a card (96), its count chip and its two-line label.
ROW_HEIGHT = 230.0


def crossings(campaign: Campaign, positions: dict[str, Position]) -> int:
    """How many pairs of connections cross, seen as straight lines between the nodes."""
    lines = [(positions[e.source], positions[e.target]) for e in campaign.edges
             if e.source in positions and e.target in positions]
    found = 0
    for i, (a, b) in enumerate(lines):
        for c, d in lines[i + 1:]:
            if len({a, b, c, d}) == 4 and _cross(a, b, c, d):
                found += 1
    return found


def _cross(a: Position, b: Position, c: Position, d: Position) -> bool:
    def side(p: Position, q: Position, r: Position) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def tidy(campaign: Campaign, only: Iterable[str] | None = None) -> dict[str, Position]:
    """New positions for the campaign's nodes (or those in ``only``); nothing is changed in
    the campaign. A tidied selection keeps its top-left corner."""
    chosen = [n for n in campaign.nodes if only is None or n.id in set(only)]
    if not chosen:
        return {}
    index = {node.id: i for i, node in enumerate(chosen)}
    import igraph  # loaded on the first tidy, not with the editor

    graph = igraph.Graph(directed=True)
    graph.add_vertices(len(chosen))
    graph.add_edges([(index[e.source], index[e.target]) for e in campaign.edges
                     if e.source in index and e.target in index])
    layout = graph.layout_sugiyama(maxiter=200)
    coords = layout.coords[:len(chosen)]  # the rest are the bends of long connections
    placed = [n.position for n in chosen if n.position is not None]
    left = min((p[0] for p in placed), default=0.0) if only is not None else 0.0
    top = min((p[1] for p in placed), default=0.0) if only is not None else 0.0
    low = min(x for x, _ in coords)
    return {node.id: (left + layer * COLUMN_WIDTH, top + (place - low) * ROW_HEIGHT)
            for node, (place, layer) in zip(chosen, coords, strict=True)}

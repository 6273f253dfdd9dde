"""Positions for nodes a campaign file left unplaced: left to right by distance from the
campaign's entry sequences, stacked vertically within a column. Placed nodes keep theirs.
The editor writes these positions into the model when a campaign without them is opened."""

from __future__ import annotations

from canvas_app.domain.model import Campaign, Position

COLUMN_WIDTH = 300.0
ROW_HEIGHT = 220.0


def auto_positions(campaign: Campaign) -> dict[str, Position]:
    """Display positions for every node without one (nothing is changed in the campaign)."""
    unplaced = [n for n in campaign.nodes if n.position is None]
    if not unplaced:
        return {}
    targets = {e.target for e in campaign.edges}
    depth: dict[str, int] = {}
    frontier = [n.id for n in campaign.nodes if n.id not in targets] or [campaign.nodes[0].id]
    for node_id in frontier:
        depth[node_id] = 0
    while frontier:
        following: list[str] = []
        for node_id in frontier:
            for edge in campaign.edges:
                if edge.source == node_id and edge.target not in depth:
                    depth[edge.target] = depth[node_id] + 1
                    following.append(edge.target)
        frontier = following
    placed = [n.position for n in campaign.nodes if n.position is not None]
    left = min((p[0] for p in placed), default=0.0)
    top = max((p[1] for p in placed), default=-ROW_HEIGHT) + ROW_HEIGHT if placed else 0.0
    rows: dict[int, int] = {}
    result: dict[str, Position] = {}
    for node in unplaced:
        column = depth.get(node.id, 0)
        row = rows.get(column, 0)
        rows[column] = row + 1
        result[node.id] = (left + column * COLUMN_WIDTH, top + row * ROW_HEIGHT)
    return result


def place_unplaced(campaign: Campaign) -> int:
    """Writes the layout of every unplaced node into the campaign (through the model, so
    observers hear of it); returns how many nodes it placed."""
    placed = auto_positions(campaign)
    for node_id, position in placed.items():
        campaign.move_node(node_id, position)
    return len(placed)

"""A piece of a campaign, for Duplicate and for copy and paste: some nodes and notes with the
connections among the nodes, their emails and goal choices. Placed again, every id is new and every reference
follows (connections, ``data-link`` anchors, a goal's chosen links); a goal's choice of a link
that is neither in the piece nor where it lands is dropped, and counted."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from canvas_app.domain.anchors import rename_links
from canvas_app.domain.ids import new_id
from canvas_app.domain.model import Campaign, Edge, Goal, Node, Position, Sequence
from canvas_app.domain.notes import Note
from canvas_app.domain.words import unused

#: The id a piece carries as a campaign file (on the clipboard).
FRAGMENT_ID = "clipboard"


@dataclass
class Placed:
    nodes: list[Node]
    edges: list[Edge]
    dropped_links: int  # goal choices of links that did not come along
    notes: list[Note]


def cut_out(campaign: Campaign, item_ids: list[str]) -> Campaign:
    """The chosen nodes and notes (copies) and the connections among the nodes, as a campaign
    of its own."""
    chosen = [copy.deepcopy(campaign.node(n)) for n in item_ids if campaign.find_node(n)]
    notes = [copy.deepcopy(campaign.note(n)) for n in item_ids if campaign.find_note(n)]
    ids = {n.id for n in chosen}
    return Campaign(FRAGMENT_ID, campaign.name, None,
                    [n for n in chosen if isinstance(n, Sequence)],
                    [n for n in chosen if isinstance(n, Goal)],
                    [e for e in campaign.edges if e.source in ids and e.target in ids],
                    notes)


def place(piece: Campaign, target: Campaign, offset: Position,
          always_copy_names: bool = False) -> Placed:
    """The piece's nodes with new ids, moved by ``offset``, named so that no name in
    ``target`` repeats (" (copy)" added when taken, or always with ``always_copy_names``)."""
    ids = {n.id: new_id() for n in piece.nodes}
    link_ids = {link.id: new_id() for _, email in piece.all_emails() for link in email.links}
    there = {link.id for _, email in target.all_emails() for link in email.links}
    taken = {n.name for n in target.nodes}
    nodes: list[Node] = []
    dropped = 0
    for node in piece.nodes:
        clone = copy.deepcopy(node)
        clone.id = ids[node.id]
        wanted = f"{node.name} (copy)" if always_copy_names or node.name in taken else node.name
        clone.name = unused(wanted, taken)
        taken.add(clone.name)
        x, y = node.position or (0.0, 0.0)
        clone.position = (x + offset[0], y + offset[1])
        if isinstance(clone, Sequence):
            for email in clone.emails:
                email.id = new_id()
                email.body_html = rename_links(email.body_html, link_ids)
                for link in email.links:
                    link.id = link_ids[link.id]
        elif isinstance(clone, Goal):
            kept = [link_ids.get(k, k) for k in clone.links if k in link_ids or k in there]
            dropped += len(clone.links) - len(kept)
            clone.links = kept
        nodes.append(clone)
    edges = [Edge(ids[e.source], ids[e.target]) for e in piece.edges
             if e.source in ids and e.target in ids]
    notes = [Note(new_id(), n.text, n.color, (n.position[0] + offset[0], n.position[1] + offset[1]),
                  n.size) for n in piece.notes]
    return Placed(nodes, edges, dropped, notes)


def top_left(piece: Campaign) -> Position:
    spots = [n.position or (0.0, 0.0) for n in piece.nodes] + [n.position for n in piece.notes]
    return (min((p[0] for p in spots), default=0.0), min((p[1] for p in spots), default=0.0))

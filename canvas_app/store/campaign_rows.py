"""Converting between a campaign's model objects and its draft rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from canvas_app.domain.model import (
    Campaign,
    Goal,
    Node,
    Sequence,
    Settings,
)
from canvas_app.domain.notes import Note
from canvas_app.store import draft_assembly as assembly
from canvas_app.store.orm import (
    Base,
    CampaignRow,
    EdgeRow,
    EmailRow,
    GoalLinkRow,
    LinkRow,
    NodeRow,
    NoteRow,
)


def settings_json(settings: Settings) -> str:
    return json.dumps({key: str(getattr(settings, key)) for key in sorted(settings.explicit)})


def insert_node(session: Session, campaign_id: str, node: Node, ord: int) -> None:
    x, y = node.position if node.position is not None else (None, None)
    session.execute(insert(NodeRow), [{
        "campaign_id": campaign_id, "id": node.id, "kind": node.kind, "name": node.name,
        "goal_type": node.goal_type if isinstance(node, Goal) else None,
        "x": x, "y": y, "ord": ord,
    }])
    if isinstance(node, Sequence):
        insert_emails(session, campaign_id, node)
    else:
        write_goal_links(session, campaign_id, node.id, node.links)


def insert_emails(session: Session, campaign_id: str, sequence: Sequence) -> None:
    emails = [{"campaign_id": campaign_id, "id": e.id, "sequence_id": sequence.id, "ord": i,
               "delay_minutes": e.delay_minutes, "subject": e.subject, "body_html": e.body_html}
              for i, e in enumerate(sequence.emails)]
    links = [{"campaign_id": campaign_id, "id": k.id, "email_id": e.id, "ord": j,
              "kind": k.kind.value, "text": k.text, "target": k.target}
             for e in sequence.emails for j, k in enumerate(e.links)]
    if emails:
        session.execute(insert(EmailRow), emails)
    if links:
        session.execute(insert(LinkRow), links)


def replace_emails(session: Session, campaign_id: str, sequence: Sequence) -> None:
    session.execute(delete(EmailRow).where(EmailRow.campaign_id == campaign_id,
                                           EmailRow.sequence_id == sequence.id))
    insert_emails(session, campaign_id, sequence)


def write_goal_links(session: Session, campaign_id: str, goal_id: str, links: list[str]) -> None:
    session.execute(delete(GoalLinkRow).where(GoalLinkRow.campaign_id == campaign_id,
                                              GoalLinkRow.goal_id == goal_id))
    if links:
        session.execute(insert(GoalLinkRow), [
            {"campaign_id": campaign_id, "goal_id": goal_id, "link_id": link_id, "ord": i}
            for i, link_id in enumerate(links)])


def write_edges(session: Session, campaign: Campaign) -> None:
    session.execute(delete(EdgeRow).where(EdgeRow.campaign_id == campaign.id))
    if campaign.edges:
        session.execute(insert(EdgeRow), [
            {"campaign_id": campaign.id, "source": e.source, "target": e.target, "ord": i}
            for i, e in enumerate(campaign.edges)])


def _ordered_nodes(campaign: Campaign) -> Iterator[tuple[int, Node]]:
    """Each node with its index among the nodes of its kind."""
    yield from enumerate(campaign.sequences)
    yield from enumerate(campaign.goals)


def renumber_nodes(session: Session, campaign: Campaign) -> None:
    places = [{"node": node.id, "place": i} for i, node in _ordered_nodes(campaign)]
    if not places:  # an empty list would run the statement once, without values
        return
    table = NodeRow.__table__
    assert isinstance(table, Table)
    session.execute(
        update(table).where(table.c.campaign_id == campaign.id, table.c.id == bindparam("node"))
        .values(ord=bindparam("place")), places)


def note_values(note: Note) -> dict[str, Any]:
    return {"text": note.text, "color": note.color.value, "x": note.position[0],
            "y": note.position[1], "width": note.size[0], "height": note.size[1]}


def write_notes(session: Session, campaign: Campaign) -> None:
    """The campaign's notes, all of them, in their order."""
    session.execute(delete(NoteRow).where(NoteRow.campaign_id == campaign.id))
    if campaign.notes:
        session.execute(insert(NoteRow), [
            {"campaign_id": campaign.id, "id": n.id, "ord": i, **note_values(n)}
            for i, n in enumerate(campaign.notes)])


def update_note(session: Session, campaign_id: str, note: Note) -> None:
    session.execute(update(NoteRow).where(NoteRow.campaign_id == campaign_id,
                                          NoteRow.id == note.id).values(**note_values(note)))


def insert_draft(session: Session, campaign: Campaign) -> None:
    """All rows of the draft except the campaign row itself."""
    for i, node in _ordered_nodes(campaign):
        insert_node(session, campaign.id, node, i)
    write_edges(session, campaign)
    write_notes(session, campaign)


def delete_draft(session: Session, campaign_id: str) -> None:
    session.execute(delete(NodeRow).where(NodeRow.campaign_id == campaign_id))
    session.execute(delete(NoteRow).where(NoteRow.campaign_id == campaign_id))


def load_draft(session: Session, row: CampaignRow) -> Campaign:
    cid = row.id

    def rows(model: type[Base], columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
        table = model.__table__
        assert isinstance(table, Table)
        found = session.execute(select(*(table.c[c] for c in columns))
                                .where(table.c.campaign_id == cid).order_by(table.c.ord))
        return [tuple(r) for r in found]

    return assembly.assemble(
        (cid, row.name, row.settings_json), rows(NodeRow, assembly.NODE_COLUMNS),
        rows(EmailRow, assembly.EMAIL_COLUMNS), rows(LinkRow, assembly.LINK_COLUMNS),
        rows(GoalLinkRow, assembly.CHOICE_COLUMNS), rows(EdgeRow, assembly.EDGE_COLUMNS),
        rows(NoteRow, assembly.NOTE_COLUMNS))

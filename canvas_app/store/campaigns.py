"""Campaign drafts in a workspace: list, load, add, replace, delete, and live persistence of
every model change (``DraftWriter``), each one committed transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from canvas_app.domain import events as ev
from canvas_app.domain.model import Campaign, Sequence
from canvas_app.domain.vocabulary import CampaignState
from canvas_app.store import campaign_rows as rows
from canvas_app.store.errors import NotFound, WorkspaceError
from canvas_app.store.orm import CampaignRow, NodeRow
from canvas_app.store.workspace import Workspace


@dataclass(frozen=True)
class CampaignSummary:
    id: str
    name: str
    state: str
    revision: int


class CampaignStore:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def list(self) -> list[CampaignSummary]:
        with self.workspace.reading() as session:
            found = session.scalars(select(CampaignRow).order_by(CampaignRow.ord, CampaignRow.id))
            return [CampaignSummary(r.id, r.name, r.state, r.revision) for r in found]

    def exists(self, campaign_id: str) -> bool:
        with self.workspace.reading() as session:
            return session.get(CampaignRow, campaign_id) is not None

    def load(self, campaign_id: str) -> Campaign:
        with self.workspace.reading() as session:
            return rows.load_draft(session, campaign_row(session, campaign_id))

    def revision(self, campaign_id: str) -> int:
        with self.workspace.reading() as session:
            return campaign_row(session, campaign_id).revision

    def add(self, campaign: Campaign) -> None:
        with self.workspace.transaction() as session:
            if session.get(CampaignRow, campaign.id) is not None:
                raise WorkspaceError(
                    f"a campaign with id '{campaign.id}' is already in this workspace; "
                    f"use --into {campaign.id} to replace its draft"
                )
            last = session.scalar(select(func.max(CampaignRow.ord))) or 0
            session.add(CampaignRow(id=campaign.id, name=campaign.name, state=CampaignState.DRAFT,
                                    settings_json=rows.settings_json(campaign.settings),
                                    revision=1, ord=last + 1))
            session.flush()
            rows.insert_draft(session, campaign)

    def replace_draft(self, campaign_id: str, campaign: Campaign) -> Campaign:
        """Replaces the draft of an existing campaign; the result keeps ``campaign_id``."""
        draft = campaign.copy()
        draft.id = campaign_id
        with self.workspace.transaction() as session:
            row = campaign_row(session, campaign_id)
            rows.delete_draft(session, campaign_id)
            session.flush()
            row.name = draft.name
            row.settings_json = rows.settings_json(draft.settings)
            row.revision += 1
            rows.insert_draft(session, draft)
        return draft

    def delete(self, campaign_id: str) -> None:
        with self.workspace.transaction() as session:
            campaign_row(session, campaign_id)
            session.execute(delete(CampaignRow).where(CampaignRow.id == campaign_id))

    def attach(self, campaign: Campaign) -> DraftWriter:
        """Persists every later change of ``campaign`` as it happens."""
        writer = DraftWriter(self.workspace, campaign)
        campaign.subscribe(writer)
        return writer


def campaign_row(session: Session, campaign_id: str) -> CampaignRow:
    """The campaign's row; NotFound (naming the id) when there is none."""
    row = session.get(CampaignRow, campaign_id)
    if row is None:
        raise NotFound(f"there is no campaign '{campaign_id}' in this workspace "
                       "(see the list command for the ids)")
    return row


class DraftWriter:
    """A campaign observer that writes the model's changes to the workspace.

    Outside a batch every change is its own transaction. Inside ``with writer.batch():`` the
    changes are buffered and written, when the outermost batch ends, in ONE transaction that
    bumps the campaign's revision once: one user action (or one undo/redo) = one transaction.
    ``revision`` is the revision this writer last wrote (or read at attach)."""

    def __init__(self, workspace: Workspace, campaign: Campaign) -> None:
        self.workspace = workspace
        self.campaign = campaign
        self._depth = 0
        self._pending: list[ev.Event] = []
        self.stale = False  # the stored draft changed elsewhere: write nothing over it
        with workspace.reading() as session:
            self.revision = campaign_row(session, campaign.id).revision

    @property
    def batching(self) -> bool:
        return self._depth > 0

    @contextmanager
    def batch(self) -> Iterator[None]:
        self.begin()
        try:
            yield
        finally:
            self.end()

    def begin(self) -> None:
        self._depth += 1

    def end(self) -> None:
        """Ends one level of batching; the outermost end writes what was buffered."""
        self._depth = max(0, self._depth - 1)
        if self._depth == 0:
            self.flush()

    def __call__(self, event: ev.Event) -> None:
        self._pending.append(event)
        if self._depth == 0:
            self.flush()

    def flush(self) -> None:
        """Writes what was buffered in one transaction, unless another process changed the
        draft since this writer last wrote it (then nothing is written over theirs: ``stale``
        stays set until the editor reloads, or keeps its draft with ``replace_draft``)."""
        events, self._pending = self._pending, []
        if not events or self.stale:
            return
        c = self.campaign
        with self.workspace.transaction() as s:
            if _revision(s, c.id) != self.revision:
                self.stale = True
                return
            for event in events:
                _write(s, c, event)
            if any(isinstance(e, ev.EdgeAdded | ev.EdgeRemoved) for e in events):
                rows.write_edges(s, c)
            if any(isinstance(e, ev.NodeAdded | ev.NodeRemoved) for e in events):
                rows.renumber_nodes(s, c)
            if any(isinstance(e, ev.NoteAdded | ev.NoteRemoved) for e in events):
                rows.write_notes(s, c)
            s.execute(update(CampaignRow).where(CampaignRow.id == c.id)
                      .values(revision=CampaignRow.revision + 1))
            self.revision = self.revision + 1

    def adopt(self, revision: int) -> None:
        """The draft this writer's campaign holds was stored as ``revision`` (Keep mine)."""
        self.revision, self.stale, self._pending = revision, False, []


def _revision(s: Session, campaign_id: str) -> int | None:
    return s.scalar(select(CampaignRow.revision).where(CampaignRow.id == campaign_id))


def _write(s: Session, c: Campaign, event: ev.Event) -> None:
    """One change as rows. Edges, node order and the notes added or removed are written once
    per flush, from the model."""
    match event:
        case ev.NodeAdded(node=node, index=index):
            rows.insert_node(s, c.id, node, index)
        case ev.NodeRemoved(node=node):
            s.execute(delete(NodeRow).where(NodeRow.campaign_id == c.id, NodeRow.id == node.id))
        case ev.NodeMoved(node_id=node_id, position=position):
            x, y = position if position is not None else (None, None)
            s.execute(update(NodeRow).where(NodeRow.campaign_id == c.id,
                                            NodeRow.id == node_id).values(x=x, y=y))
        case ev.NodeRenamed(node_id=node_id, name=name):
            s.execute(update(NodeRow).where(NodeRow.campaign_id == c.id,
                                            NodeRow.id == node_id).values(name=name))
        case ev.GoalLinksChanged(goal_id=goal_id, links=links):
            rows.write_goal_links(s, c.id, goal_id, list(links))
        case ev.SequenceEmailsChanged(sequence_id=sequence_id):
            sequence = c.find_node(sequence_id)
            if isinstance(sequence, Sequence):  # one removed later in the batch has none
                rows.replace_emails(s, c.id, sequence)
        case ev.NoteChanged(note=note):
            rows.update_note(s, c.id, note)
        case ev.CampaignChanged(name=name):
            s.execute(update(CampaignRow).where(CampaignRow.id == c.id).values(
                name=name, settings_json=rows.settings_json(c.settings)))

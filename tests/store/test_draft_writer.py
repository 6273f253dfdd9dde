"""The draft writer: every change stored; a batch of changes in one transaction."""

from __future__ import annotations

from pathlib import Path

from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace
from tests.factories import email, funnel, link


def read(path: Path | str):  # type: ignore[no-untyped-def]
    with Workspace.open(path, read_only=True) as ws:
        store = CampaignStore(ws)
        return store.load("ebook"), store.revision("ebook")


def test_a_batch_is_one_revision_and_unbatched_changes_one_each(
        workspace_location: Path | str) -> None:
    path = workspace_location
    with Workspace.open(path, create=True) as ws:
        store = CampaignStore(ws)
        store.add(funnel())
        campaign = store.load("ebook")
        writer = store.attach(campaign)
        start = writer.revision
        with writer.batch():
            campaign.disconnect("welcome", "downloaded")
            campaign.move_node("thanks", (48.0, 96.0))
            campaign.set_sequence_emails("thanks", [email("new-1", [link("new-link")])])
            campaign.remove_node("thanks")  # emails of a node removed later in the batch
            campaign.rename_node("welcome", "Hello")
            assert read(path)[1] == start  # nothing written before the batch ends
        stored, revision = read(path)
        assert stored == campaign and revision == start + 1 == writer.revision
        campaign.rename_node("welcome", "Hello again")
        campaign.move_node("welcome", (0.0, 24.0))
        stored, revision = read(path)
        assert stored == campaign and revision == start + 3


def test_notes_are_stored_as_they_change_and_never_published(tmp_path: Path) -> None:
    from canvas_app.domain.notes import Note, NoteColor
    from canvas_app.engine.publishing import publish
    from canvas_app.engine.reports import status

    path = tmp_path / "w.canvas-workspace"
    with Workspace.open(path, create=True) as ws:
        store = CampaignStore(ws)
        store.add(funnel())
        publish(ws, "ebook")
        campaign = store.load("ebook")
        store.attach(campaign)
        campaign.add_note(Note("n1", "Say *why*", NoteColor.PINK, (5, 6), (200, 100)))
        campaign.add_note(Note("n2", "second", NoteColor.GREY, (50, 60), (90, 80)))
        assert read(path)[0].notes == campaign.notes
        changed = Note("n1", "Say *why* first", NoteColor.BLUE, (7, 8), (300, 120))
        campaign.update_note(changed)
        campaign.remove_note("n2")
        stored = read(path)[0]
        assert stored.notes == [changed] and stored == campaign
        # a note is not a change a contact could notice: nothing to publish
        assert status(ws, "ebook").unpublished_changes is False
        publish(ws, "ebook")
    from canvas_app.engine.versions import VersionCache
    with Workspace.open(path, read_only=True) as ws, ws.reading() as session:
        latest = VersionCache(session).latest("ebook")
        assert latest is not None and latest[1].notes == []

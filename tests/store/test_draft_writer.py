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

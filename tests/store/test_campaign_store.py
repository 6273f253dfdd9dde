"""Campaign drafts persist every change at once and survive reopening."""

from pathlib import Path

import pytest

from canvas_app.domain.interchange import read_campaign_file
from canvas_app.domain.model import BotPolicy, Goal, Sequence
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.defaults import default_workspace_path, open_workspace
from canvas_app.store.errors import NotFound, WorkspaceError
from canvas_app.store.workspace import Workspace
from tests.factories import SAMPLES, email, funnel, link


def reopened(path: Path | str, campaign_id: str):  # type: ignore[no-untyped-def]
    with Workspace.open(path) as ws:
        return CampaignStore(ws).load(campaign_id)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_samples_survive_a_round_trip_through_the_workspace(workspace_location: Path | str,
                                                            sample: Path) -> None:
    campaign = read_campaign_file(sample)
    with Workspace.open(workspace_location, create=True) as ws:
        CampaignStore(ws).add(campaign)
    assert reopened(workspace_location, campaign.id) == campaign


def test_every_edit_is_committed_at_once(workspace_location: Path | str) -> None:
    path = workspace_location
    ws = Workspace.open(path, create=True)
    store = CampaignStore(ws)
    store.add(funnel())
    campaign = store.load("ebook")
    store.attach(campaign)
    steps = [
        lambda: campaign.move_node("welcome", (12.5, -40)),
        lambda: campaign.rename_node("thanks", "Thanks a lot"),
        lambda: campaign.add_node(Sequence("extra", "Extra", (900, 100),
                                           [email("x1", [link("xl")])]), 0),
        lambda: campaign.add_node(Goal("g2", "Second", (700, 50), ["xl", "gone"])),
        lambda: campaign.connect("extra", "g2"),
        lambda: campaign.connect("g2", "welcome", 0),
        lambda: campaign.set_goal_links("downloaded", ["dl", "call"]),
        lambda: campaign.set_sequence_emails("thanks", [email("t9", [link("t9l")], 30)]),
        lambda: campaign.set_bot_policy(BotPolicy.COUNT_ALL),
        lambda: campaign.rename("Renamed funnel"),
        lambda: campaign.remove_node("downloaded"),
    ]
    for step in steps:
        step()
        assert reopened(path, "ebook") == campaign  # read by another connection: committed
    ws.close()
    assert reopened(path, "ebook").settings.bot_policy is BotPolicy.COUNT_ALL


def test_adding_a_campaign_twice_is_refused_and_replace_keeps_the_id(
        workspace_location: Path | str) -> None:
    with Workspace.open(workspace_location, create=True) as ws:
        store = CampaignStore(ws)
        store.add(funnel())
        with pytest.raises(WorkspaceError, match="--into ebook"):
            store.add(funnel())
        other = read_campaign_file(SAMPLES[0])
        replaced = store.replace_draft("ebook", other)
        assert replaced.id == "ebook" and store.load("ebook") == replaced
        assert [c.id for c in store.list()] == ["ebook"]
        with pytest.raises(NotFound, match="no campaign 'nope'"):
            store.load("nope")
        store.delete("ebook")
        assert store.list() == []


def test_the_default_workspace_is_created_with_the_demo_campaign() -> None:
    assert not default_workspace_path().exists()
    with open_workspace() as ws:
        assert ws.path == default_workspace_path()
        assert [c.id for c in CampaignStore(ws).list()] == ["yoga-trial"]
    with open_workspace() as ws:  # second use: opened, not seeded again
        assert len(CampaignStore(ws).list()) == 1

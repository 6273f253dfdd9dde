"""The model owns positions and settings: layout of unplaced nodes and setting restores go
through the model, which notifies its observers (the store's writer among them)."""

from __future__ import annotations

from canvas_app.domain import events as ev
from canvas_app.domain.layout import auto_positions, place_unplaced
from canvas_app.domain.model import BotPolicy, Campaign, Edge, Goal, Sequence, Settings


def test_placing_unplaced_nodes_writes_the_layout_into_the_model_and_notifies() -> None:
    campaign = Campaign("c", "C", None, [Sequence("s", "S", None), Sequence("t", "T", (0, 0))],
                        [Goal("g", "G", None)], [Edge("s", "g")])
    expected = auto_positions(campaign)
    heard: list[ev.Event] = []
    campaign.subscribe(heard.append)
    assert place_unplaced(campaign) == 2
    assert {n.id: n.position for n in campaign.nodes if n.id in expected} == expected
    assert heard == [ev.NodeMoved(k, p) for k, p in expected.items()]
    assert place_unplaced(campaign) == 0 and auto_positions(campaign) == {}


def test_settings_are_restored_with_what_was_explicit_and_notified() -> None:
    campaign = Campaign("c", "C")
    before = Settings()
    campaign.set_bot_policy(BotPolicy.COUNT_ALL)
    assert campaign.settings.explicit == {"bot_policy"}
    heard: list[ev.Event] = []
    campaign.subscribe(heard.append)
    campaign.set_settings(before)
    assert campaign.settings == Settings() and campaign.settings is not before
    assert heard == [ev.CampaignChanged("C")]
    campaign.set_settings(Settings())
    assert len(heard) == 1  # no change, no notification

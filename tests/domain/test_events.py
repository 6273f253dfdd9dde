from canvas_app.domain import events as ev
from canvas_app.domain.model import DomainError, Goal, Sequence
from tests.factories import funnel


def test_observers_hear_changes_in_order_and_in_subscription_order() -> None:
    campaign = funnel()
    heard: list[tuple[str, type]] = []
    campaign.subscribe(lambda e: heard.append(("first", type(e))))
    campaign.subscribe(lambda e: heard.append(("second", type(e))))
    campaign.move_node("welcome", (10, 20))
    assert heard == [("first", ev.NodeMoved), ("second", ev.NodeMoved)]


def test_removing_a_node_removes_its_edges_first() -> None:
    campaign = funnel()
    heard: list[ev.Event] = []
    campaign.subscribe(heard.append)
    node, index = campaign.remove_node("downloaded")
    assert [type(e) for e in heard] == [ev.EdgeRemoved, ev.EdgeRemoved, ev.NodeRemoved]
    assert campaign.edges == [] and campaign.find_node("downloaded") is None
    campaign.add_node(node, index)
    assert isinstance(heard[-1], ev.NodeAdded) and heard[-1].index == 0


def test_unchanged_values_emit_nothing_and_empty_names_are_refused() -> None:
    campaign = funnel()
    heard: list[ev.Event] = []
    campaign.subscribe(heard.append)
    campaign.move_node("welcome", (0, 0))
    campaign.rename_node("welcome", "Welcome")
    campaign.set_goal_links("downloaded", ["dl"])
    assert heard == []
    try:
        campaign.rename_node("welcome", "   ")
    except DomainError as exc:
        assert "empty" in str(exc)
    assert campaign.node("welcome").name == "Welcome"


def test_every_kind_of_change_is_announced() -> None:
    campaign = funnel()
    heard: list[ev.Event] = []
    campaign.subscribe(heard.append)
    campaign.add_node(Sequence("extra", "Extra"))
    campaign.add_node(Goal("g2", "Goal 2"))
    campaign.connect("extra", "g2")
    campaign.rename_node("g2", "Second goal")
    campaign.set_goal_links("g2", ["more"])
    campaign.set_sequence_emails("extra", [])
    campaign.rename("Renamed")
    assert [type(e) for e in heard] == [
        ev.NodeAdded, ev.NodeAdded, ev.EdgeAdded, ev.NodeRenamed, ev.GoalLinksChanged,
        ev.SequenceEmailsChanged, ev.CampaignChanged]


def test_duplicate_ids_are_refused() -> None:
    campaign = funnel()
    for node in (Sequence("welcome", "Again"), Goal("welcome", "Again")):
        try:
            campaign.add_node(node)
            raise AssertionError("duplicate accepted")
        except DomainError as exc:
            assert "already exists" in str(exc)
    assert len(campaign.nodes) == 3

import pytest

from canvas_app.domain.model import Campaign, DomainError, Goal, Sequence


@pytest.fixture
def graph() -> Campaign:
    return Campaign("c", "C", sequences=[Sequence("s1", "One"), Sequence("s2", "Two")],
                    goals=[Goal("g1", "Goal one"), Goal("g2", "Goal two")])


def test_sequence_to_goal_and_goal_to_sequence_are_allowed(graph: Campaign) -> None:
    graph.connect("s1", "g1")
    graph.connect("g1", "s2")
    assert [(e.source, e.target) for e in graph.edges] == [("s1", "g1"), ("g1", "s2")]


def test_a_cycle_back_to_an_earlier_sequence_is_allowed(graph: Campaign) -> None:
    graph.connect("s1", "g1")
    graph.connect("g1", "s1")
    assert len(graph.edges) == 2


@pytest.mark.parametrize(("source", "target", "reason"), [
    ("s1", "s2", "a sequence can only lead to a goal"),
    ("g1", "g2", "a goal can only lead to a sequence"),
    ("s1", "s1", "cannot be connected to itself"),
    ("g1", "g1", "cannot be connected to itself"),
    ("s1", "nowhere", "there is no node 'nowhere'"),
])
def test_forbidden_edges_are_refused_with_a_reason(graph: Campaign, source: str, target: str,
                                                   reason: str) -> None:
    assert reason in (graph.connection_problem(source, target) or "")
    with pytest.raises(DomainError, match=reason):
        graph.connect(source, target)
    assert graph.edges == []


def test_a_duplicate_edge_is_refused(graph: Campaign) -> None:
    graph.connect("s1", "g1")
    with pytest.raises(DomainError, match="already connected"):
        graph.connect("s1", "g1")
    assert len(graph.edges) == 1


def test_upstream_and_downstream_follow_edges(graph: Campaign) -> None:
    graph.connect("s2", "g1")
    graph.connect("s1", "g1")
    graph.connect("g1", "s2")
    assert [s.id for s in graph.upstream_sequences("g1")] == ["s1", "s2"]
    assert [s.id for s in graph.downstream_sequences("g1")] == ["s2"]
    graph.disconnect("s1", "g1")
    assert [s.id for s in graph.upstream_sequences("g1")] == ["s2"]

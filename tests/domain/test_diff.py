"""Differences between two versions, entry by entry, named by id."""

from __future__ import annotations

from canvas_app.domain.diff import diff
from canvas_app.domain.model import Edge, Goal, Sequence
from tests.factories import email, funnel, link


def _entries(found, side: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(d.kind, d.id) for d in getattr(found, side)}


def test_the_same_campaign_moved_around_has_no_differences() -> None:
    old, new = funnel(), funnel()
    new.sequences[0].position = (900.0, 400.0)  # positions mean nothing to contacts
    assert diff(old, new).empty


def test_each_kind_of_difference_is_named_by_id() -> None:
    old, new = funnel(), funnel()
    new.sequences.append(Sequence("extra", "Extra", (900, 0), [email("extra-1", [link("x")])]))
    new.goals.append(Goal("g2", "Clicked more", (700, 200), ["more"]))
    new.edges.append(Edge("thanks", "g2"))
    new.edges.remove(Edge("downloaded", "thanks"))
    new.sequences[0].emails[0].subject = "Hello again"
    new.sequences[0].emails[0].links[1].target = "tel:+15550199"
    new.goals[0].name = "Got the ebook"
    new.goals[0].links = []
    found = diff(old, new)
    assert {("sequence", "extra"), ("goal", "g2"), ("edge", "thanks->g2"), ("email", "extra-1"),
            ("link", "x")} == _entries(found, "added")
    assert _entries(found, "removed") == {("edge", "downloaded->thanks")}
    assert {("email", "welcome-1"), ("link", "call"), ("goal", "downloaded"),
            ("goal_links", "downloaded")} == _entries(found, "changed")
    text = {(d.kind, d.id): d.detail for d in found.changed}
    assert text["link", "call"] == "link 'text of call': address changed"
    assert text["goal", "downloaded"] == "'Downloaded' renamed to 'Got the ebook'"
    assert text["goal_links", "downloaded"] == "goal 'Got the ebook': 1 link left out"
    back = diff(new, old)  # the other way round: what was added is removed
    assert _entries(back, "removed") == _entries(found, "added")


def test_reordered_emails_change_their_sequence() -> None:
    old, new = funnel(), funnel()
    for campaign in (old, new):
        campaign.sequences[0].emails.append(email("welcome-2", [], 60, "Second"))
    new.sequences[0].emails.reverse()
    assert _entries(diff(old, new), "changed") == {("sequence", "welcome")}

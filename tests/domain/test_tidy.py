"""Tidy up: layers left to right, nothing overlapping, fewer crossings than a mess."""

from __future__ import annotations

import random

from canvas_app.domain.model import Campaign, Edge, Goal, Sequence
from canvas_app.domain.tidy import COLUMN_WIDTH, crossings, tidy

CARD_AND_LABEL = (236.0, 190.0)  # the widest label and a card with its chip and label


def messy(seed: int = 7) -> Campaign:
    """30 nodes: 10 chains sequence -> goal -> sequence, cross-linked, thrown about."""
    rng = random.Random(seed)
    sequences, goals, edges = [], [], []
    for chain in range(10):
        first, goal, then = f"s{chain}a", f"g{chain}", f"s{chain}b"
        sequences += [Sequence(first, f"Start {chain}", (rng.uniform(0, 900), rng.uniform(0, 900)),
                               []),
                      Sequence(then, f"Then {chain}", (rng.uniform(0, 900), rng.uniform(0, 900)),
                               [])]
        goals.append(Goal(goal, f"Goal {chain}", (rng.uniform(0, 900), rng.uniform(0, 900)), []))
        edges += [Edge(first, goal), Edge(goal, then)]
    for chain in range(9):  # each start also listens to the next chain's goal
        edges.append(Edge(f"s{chain}a", f"g{chain + 1}"))
    return Campaign("messy", "Messy", None, sequences, goals, edges)


def overlapping(positions: dict[str, tuple[float, float]]) -> list[tuple[str, str]]:
    w, h = CARD_AND_LABEL
    items = sorted(positions.items())
    return [(a, b) for i, (a, pa) in enumerate(items) for b, pb in items[i + 1:]
            if abs(pa[0] - pb[0]) < w and abs(pa[1] - pb[1]) < h]


def test_tidy_lays_a_messy_campaign_out_left_to_right_without_overlaps() -> None:
    campaign = messy()
    before = {n.id: n.position for n in campaign.nodes}
    after = tidy(campaign)
    assert set(after) == {n.id for n in campaign.nodes}
    assert {n.id: n.position for n in campaign.nodes} == before  # nothing changed in place
    assert overlapping(after) == []
    assert all(after[e.target][0] - after[e.source][0] >= COLUMN_WIDTH for e in campaign.edges)
    assert crossings(campaign, after) < crossings(campaign, before)  # type: ignore[arg-type]
    assert crossings(campaign, after) <= 2


def test_tidying_a_selection_keeps_it_where_it_was_and_moves_nothing_else() -> None:
    campaign = messy()
    chosen = {"s0a", "g0", "s0b"}
    corner = (min(campaign.node(n).position[0] for n in chosen),  # type: ignore[index]
              min(campaign.node(n).position[1] for n in chosen))  # type: ignore[index]
    after = tidy(campaign, chosen)
    assert set(after) == chosen
    assert (min(p[0] for p in after.values()), min(p[1] for p in after.values())) == corner
    assert after["g0"][0] > after["s0a"][0] and after["s0b"][0] > after["g0"][0]


def test_an_empty_campaign_has_nothing_to_tidy() -> None:
    assert tidy(Campaign("e", "Empty", None, [], [], [])) == {}


def test_a_campaign_with_a_loop_is_tidied_without_overlaps() -> None:
    campaign = messy()
    campaign.edges.append(Edge("g9", "s0a"))  # the last goal sends people back to the start
    after = tidy(campaign)
    assert overlapping(after) == [] and len(after) == 30

"""Align and distribute a selection."""

from __future__ import annotations

from canvas_app.domain.align import Alignment, align, distribute

SPOTS = {"a": (0.0, 10.0), "b": (300.0, 200.0), "c": (120.0, -40.0)}
SIZES = {"a": (156.0, 96.0), "b": (88.0, 88.0), "c": (156.0, 96.0)}


def test_align_on_edges_uses_the_node_sizes() -> None:
    left = align(SPOTS, Alignment.LEFT, SIZES)
    assert {n: round(p[0] - SIZES[n][0] / 2, 6) for n, p in left.items()} == \
        {"a": -78.0, "b": -78.0, "c": -78.0}
    assert all(left[n][1] == SPOTS[n][1] for n in SPOTS)  # only one axis moves
    bottom = align(SPOTS, Alignment.BOTTOM, SIZES)
    assert {n: p[1] + SIZES[n][1] / 2 for n, p in bottom.items()} == \
        {"a": 244.0, "b": 244.0, "c": 244.0}


def test_align_on_the_centre_line() -> None:
    middle = align(SPOTS, Alignment.MIDDLE)
    assert {p[1] for p in middle.values()} == {80.0}
    centre = align(SPOTS, Alignment.CENTER)
    assert {p[0] for p in centre.values()} == {150.0}


def test_distribute_keeps_the_ends_and_spaces_the_rest_evenly() -> None:
    spread = distribute(SPOTS, 0)
    assert sorted(p[0] for p in spread.values()) == [0.0, 150.0, 300.0]
    assert spread["a"] == (0.0, 10.0) and spread["b"] == (300.0, 200.0)
    assert distribute({"a": (0.0, 0.0), "b": (5.0, 5.0)}, 1) == {"a": (0.0, 0.0), "b": (5.0, 5.0)}

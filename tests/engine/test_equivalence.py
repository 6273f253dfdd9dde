"""The faster engine (issue 16) says exactly what the original one said: reports, status,
explanations, inboxes (the HTML each contact got) and the event log of a small run of the
benchmark's scenario equal the outputs the engine gave before the performance work, recorded
in tests/engine/fixtures/equivalence.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from canvas_app.engine import goals, sending
from tests.benchmarks.equivalence import FIXTURE, sourdough, yoga


def _expected(name: str) -> Any:
    return json.loads(FIXTURE.read_text("utf-8"))[name]


def _same(found: dict[str, Any], expected: dict[str, Any]) -> None:
    assert found.keys() == expected.keys()
    for key in expected:  # one output at a time, so a failure names the one that changed
        assert found[key] == expected[key], key


@pytest.mark.parametrize("scenario", [yoga, sourdough], ids=["yoga", "sourdough"])
def test_outputs_are_those_of_the_original_engine(tmp_path: Path, scenario: Any) -> None:
    found = json.loads(json.dumps(scenario(tmp_path)))  # as the fixture holds it
    _same(found, _expected(scenario.__name__))


@pytest.mark.parametrize("scenario", [yoga, sourdough], ids=["yoga", "sourdough"])
def test_small_batches_say_the_same(tmp_path: Path, scenario: Any,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Sends and settled clicks are processed a batch at a time; a moment's clicks split over
    several batches still start their goals' emails after all of them (yoga's trial-prep
    sends at once), exactly as one batch did."""
    monkeypatch.setattr(sending, "BATCH", 7)
    monkeypatch.setattr(goals, "BATCH", 2)
    found = json.loads(json.dumps(scenario(tmp_path)))
    _same(found, _expected(scenario.__name__))

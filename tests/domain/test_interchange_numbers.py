"""Numbers and ids in campaign files: out-of-range or non-finite values are refused with their
JSON path, ids match over the whole string, and an export never writes NaN or Infinity
(issue 12, item 8)."""

import json
import math
from typing import Any

import pytest

from canvas_app.domain.interchange import (
    MAX_DELAY_MINUTES,
    MAX_POSITION,
    CampaignFileError,
    dumps,
    from_document,
    parse_document,
    schema,
)
from tests.factories import funnel, sample_document

DELAY = "$.campaign.sequences[0].emails[0].delay_minutes"


def problems_of(document: Any) -> list[str]:
    with pytest.raises(CampaignFileError) as info:
        from_document(document)
    return [str(p) for p in info.value.problems]


def problems_of_text(text: str) -> list[str]:
    with pytest.raises(CampaignFileError) as info:
        parse_document(text)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("delay", [2**63, 2**64 + 1, 10**30, MAX_DELAY_MINUTES + 1])
def test_a_delay_over_100_years_is_refused_with_its_path(delay: int) -> None:
    doc = sample_document()
    doc["campaign"]["sequences"][0]["emails"][0]["delay_minutes"] = delay
    assert any(p.startswith(f"{DELAY}: must be {MAX_DELAY_MINUTES} or less")
               for p in problems_of(doc))


def test_the_longest_delay_is_accepted() -> None:
    doc = sample_document()
    doc["campaign"]["sequences"][0]["emails"][0]["delay_minutes"] = MAX_DELAY_MINUTES
    assert from_document(doc).sequences[0].emails[0].delay_minutes == MAX_DELAY_MINUTES


def test_huge_numbers_in_the_text_are_refused_not_turned_into_infinity() -> None:
    text = json.dumps(sample_document())
    huge = text.replace('"position": [0, 0]', '"position": [1e400, 0]', 1)
    assert huge != text
    problems = problems_of_text(huge)
    assert any(p.startswith("$.campaign.sequences[0].position[0]:") for p in problems), problems
    delay = text.replace('"delay_minutes": 0', '"delay_minutes": 1e400', 1)
    assert any(p.startswith(DELAY) for p in problems_of_text(delay))


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, MAX_POSITION * 2, -1e7])
def test_positions_out_of_range_or_not_finite_are_refused(value: float) -> None:
    doc = sample_document()
    doc["campaign"]["goals"][1]["position"] = [10, value]
    assert any(p.startswith("$.campaign.goals[1].position[1]:") for p in problems_of(doc))


def test_not_finite_numbers_anywhere_are_named() -> None:
    doc = sample_document()
    doc["campaign"]["sequences"][1]["emails"][0]["delay_minutes"] = math.nan
    assert any(p.startswith("$.campaign.sequences[1].emails[0].delay_minutes:")
               for p in problems_of(doc))


@pytest.mark.parametrize("bad", ["abc\n", "abc\r\n", "\nabc", "a" * 65, "", "ab c", "é"])
def test_ids_must_match_over_the_whole_string(bad: str) -> None:
    for place in ("campaign", "sequence", "link", "goal_link", "edge"):
        doc = sample_document()
        campaign = doc["campaign"]
        if place == "campaign":
            campaign["id"] = bad
        elif place == "sequence":
            campaign["sequences"][0]["id"] = bad
        elif place == "link":
            campaign["sequences"][0]["emails"][0]["links"][0]["id"] = bad
        elif place == "goal_link":
            campaign["goals"][0]["links"][0] = bad
        else:
            campaign["edges"][0]["from"] = bad
        assert problems_of(doc), (place, bad)


def test_the_schema_id_pattern_refuses_a_trailing_newline() -> None:
    from jsonschema import Draft202012Validator

    id_schema = {"$ref": "#/$defs/id", "$defs": schema()["$defs"]}
    assert Draft202012Validator(id_schema).is_valid("welcome-1_A")
    assert not Draft202012Validator(id_schema).is_valid("welcome\n")


def test_an_export_never_writes_nan_or_infinity() -> None:
    campaign = funnel()
    campaign.sequences[0].position = (math.inf, math.nan)
    campaign.goals[0].position = (-math.inf, 5e9)
    text = dumps(campaign)
    assert "Infinity" not in text and "NaN" not in text
    again = parse_document(text)  # and it imports back
    for node in (*again.sequences, *again.goals):
        assert node.position is None or all(abs(v) <= MAX_POSITION for v in node.position)

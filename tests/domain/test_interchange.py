"""Campaign files: round trips, and every kind of bad input refused with its JSON path."""

import json
from pathlib import Path
from typing import Any

import pytest

from canvas_app.domain.interchange import (
    CampaignFileError,
    from_document,
    parse_document,
    read_campaign_file,
    to_document,
)
from canvas_app.domain.validation import Code, validate
from tests.factories import SAMPLES, funnel, sample_document


def refused(document: Any) -> list[str]:
    with pytest.raises(CampaignFileError) as info:
        from_document(document)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_samples_round_trip_exactly(path: Path) -> None:
    document = json.loads(path.read_text("utf-8"))
    campaign = read_campaign_file(path)
    assert to_document(campaign) == document
    assert from_document(to_document(campaign)) == campaign


def test_there_are_two_samples_and_one_has_two_calls_to_action_in_one_email() -> None:
    assert len(SAMPLES) >= 2
    yoga = read_campaign_file(next(p for p in SAMPLES if "yoga" in p.name))
    first = yoga.sequence("nurture").emails[0]
    goals_using = {g.id for g in yoga.goals for k in first.links if k.id in g.links}
    assert len(goals_using) == 2
    assert {s.id for g in goals_using for s in yoga.downstream_sequences(g)} == {
        "trial-prep", "membership-offer"}


def test_model_built_in_code_round_trips() -> None:
    campaign = funnel()
    assert from_document(json.loads(json.dumps(to_document(campaign)))) == campaign


def test_missing_settings_and_positions_stay_missing() -> None:
    doc = sample_document("sourdough-ebook")
    assert "settings" not in doc["campaign"]
    del doc["campaign"]["goals"][0]["position"]
    assert to_document(from_document(doc)) == doc


def test_unknown_key_is_named_with_its_path() -> None:
    doc = sample_document()
    doc["campaign"]["sequences"][1]["emails"][0]["subjcet"] = "typo"
    assert any(p.startswith("$.campaign.sequences[1].emails[0].subjcet: unknown key")
               for p in refused(doc))


def test_broken_json_names_line_and_column() -> None:
    with pytest.raises(CampaignFileError, match=r"line 2, column"):
        parse_document('{"format": "campaign-canvas",\n  oops}')


def test_nan_is_not_json() -> None:
    with pytest.raises(CampaignFileError, match="NaN"):
        parse_document('{"format": NaN}')


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(CampaignFileError, match="does not exist"):
        read_campaign_file(tmp_path / "nope.campaign.json")
    with pytest.raises(CampaignFileError, match="folder"):
        read_campaign_file(tmp_path)


def test_wrong_format_version_and_types() -> None:
    doc = sample_document()
    doc["version"] = 3
    doc["campaign"]["sequences"][0]["emails"][0]["delay_minutes"] = -5
    doc["campaign"]["goals"][0]["type"] = "form_submitted"
    problems = refused(doc)
    assert "$.version: must be one of 1, 2" in problems
    assert "$.campaign.sequences[0].emails[0].delay_minutes: must be 0 or more" in problems
    assert '$.campaign.goals[0].type: must be "email_link_clicked"' in problems


def test_duplicate_ids_are_refused() -> None:
    doc = sample_document()
    doc["campaign"]["goals"][0]["id"] = "nurture"
    doc["campaign"]["sequences"][1]["emails"][0]["id"] = "nurture-1"
    doc["campaign"]["sequences"][2]["emails"][0]["links"][0]["id"] = "book-trial"
    doc["campaign"]["sequences"][2]["emails"][0]["body_html"] = '<a data-link="book-trial">x</a>'
    problems = "\n".join(refused(doc))
    assert "$.campaign.goals[0].id: the node id 'nurture' is used twice" in problems
    assert "the email id 'nurture-1' is used twice" in problems
    assert "the link id 'book-trial' is used twice" in problems


def test_anchor_naming_no_link_and_link_never_referenced() -> None:
    doc = sample_document()
    mail = doc["campaign"]["sequences"][0]["emails"][1]
    mail["body_html"] = '<p><a data-link="timetable">x</a> <a data-link="ghost">y</a></p>'
    problems = "\n".join(refused(doc))
    assert "$.campaign.sequences[0].emails[1].body_html" in problems
    assert "names link 'ghost', which this email does not declare" in problems
    assert "link 'book-trial-2' is declared but no anchor in the body uses it" in problems


def test_javascript_target_is_refused() -> None:
    doc = sample_document()
    doc["campaign"]["sequences"][0]["emails"][0]["links"][0]["target"] = "javascript:alert(1)"
    assert any(p.startswith("$.campaign.sequences[0].emails[0].links[0].target: 'javascript:'")
               for p in refused(doc))


def test_edges_to_missing_nodes_and_of_wrong_kinds_are_refused() -> None:
    doc = sample_document()
    doc["campaign"]["edges"] += [{"from": "nurture", "to": "ghost"},
                                 {"from": "nurture", "to": "trial-prep"},
                                 {"from": "nurture", "to": "booked-trial"}]
    problems = refused(doc)
    assert "$.campaign.edges[4].to: there is no sequence or goal with id 'ghost'" in problems
    assert any(p.startswith("$.campaign.edges[5]: a sequence can only lead to a goal")
               for p in problems)
    assert any(p.startswith("$.campaign.edges[6]: the edge") for p in problems)


def test_invalid_goal_selection_still_imports_and_validation_reports_it() -> None:
    doc = sample_document()
    doc["campaign"]["goals"][1]["links"] = ["call-studio", "no-such-link"]
    campaign = from_document(doc)
    found = {p.code for p in validate(campaign)}
    assert {Code.GOAL_LINK_CANNOT_QUALIFY, Code.GOAL_LINK_MISSING} <= found


def test_not_an_object() -> None:
    assert refused([1, 2]) == ["$: must be an object {...}"]


def test_each_missing_key_is_named_once() -> None:
    assert refused({"format": "x"}) == [
        "$: the required key 'version' is missing",
        "$: the required key 'campaign' is missing",
        '$.format: must be "campaign-canvas"',
    ]

"""Canvas notes in the model and in campaign files (format version 2)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from canvas_app.domain.fragment import cut_out, place
from canvas_app.domain.interchange import CampaignFileError, from_document, to_document
from canvas_app.domain.notes import MAX_SIDE, Note, NoteColor, NoteError, emphasis_runs
from canvas_app.domain.validation import validate
from tests.factories import funnel, sample_document


def with_notes() -> dict[str, Any]:
    doc = sample_document()
    doc["version"] = 2
    doc["campaign"]["notes"] = [
        {"id": "note-1", "text": "Trainer: *pause here* and ask the room", "color": "yellow",
         "position": [120, -80], "size": [220, 130]},
        {"id": "note-2", "text": "Check the link with the owner", "color": "blue",
         "position": [640.5, 300], "size": [180, 90.5]},
    ]
    return doc


def problems(doc: dict[str, Any]) -> list[str]:
    with pytest.raises(CampaignFileError) as caught:
        from_document(doc)
    return [str(p) for p in caught.value.problems]


def test_a_version_2_file_with_notes_exports_and_reimports_identically() -> None:
    doc = with_notes()
    campaign = from_document(copy.deepcopy(doc))
    assert [n.text for n in campaign.notes][0].startswith("Trainer")
    assert campaign.notes[1].color is NoteColor.BLUE and campaign.notes[1].size == (180, 90.5)
    written = to_document(campaign)
    assert written == doc
    assert to_document(from_document(json.loads(json.dumps(written)))) == doc


def test_version_1_files_still_import_and_a_campaign_without_notes_stays_version_1() -> None:
    doc = sample_document()
    assert doc["version"] == 1
    campaign = from_document(copy.deepcopy(doc))
    assert campaign.notes == []
    assert to_document(campaign) == doc


def test_notes_in_a_version_1_file_are_refused_naming_the_version() -> None:
    doc = with_notes()
    doc["version"] = 1
    assert any('need "version": 2' in p for p in problems(doc))


def test_bad_notes_are_refused_with_their_path() -> None:
    doc = with_notes()
    doc["campaign"]["notes"][0]["color"] = "purple"
    doc["campaign"]["notes"][1]["size"] = [10, 90]
    doc["campaign"]["notes"].append({**doc["campaign"]["notes"][1], "id": "nurture",
                                     "size": [100, 100]})
    found = problems(doc)
    assert any(p.startswith("$.campaign.notes[0].color: must be one of") for p in found)
    assert "$.campaign.notes[1].size[0]: must be 40 or more" in found
    doc["campaign"]["notes"][0]["color"] = "pink"
    doc["campaign"]["notes"][1]["size"] = [100, 90]
    assert problems(doc) == ["$.campaign.notes[2].id: the id 'nurture' is used twice "
                             "(by a node or another note)"]


def test_notes_are_never_validated_as_part_of_the_automation() -> None:
    campaign = funnel()
    before = validate(campaign)
    campaign.add_note(Note("n1", "", NoteColor.GREY, (0, 0), (40, 40)))
    assert validate(campaign) == before


def test_note_changes_are_told_and_checked() -> None:
    campaign = funnel()
    heard: list[object] = []
    campaign.subscribe(heard.append)
    campaign.add_note(Note("n1", "hello", NoteColor.GREEN, (10, 20), (99999, 5)))
    assert campaign.note("n1").size == (MAX_SIDE, 40)  # kept within the sides a file allows
    with pytest.raises(NoteError, match="already used"):
        campaign.add_note(Note("welcome", "clash with a node"))
    campaign.move_nodes({"n1": (30, 40), "welcome": (-5, 0)})  # one drag of a note and a node
    assert campaign.note("n1").position == (30, 40)
    campaign.remove_note("n1")
    assert [type(e).__name__ for e in heard] == ["NoteAdded", "NoteChanged", "NodeMoved",
                                                 "NoteRemoved"]
    assert campaign.notes == []


def test_emphasis_is_starred_words_and_a_lone_star_stays() -> None:
    assert emphasis_runs("Ask *everyone* to click, 5 * 3") == [
        ("Ask ", False), ("everyone", True), (" to click, 5 * 3", False)]


def test_copied_notes_get_new_ids_and_move_with_the_paste() -> None:
    campaign = funnel()
    campaign.add_note(Note("n1", "remember", NoteColor.PINK, (10, 10), (100, 60)))
    piece = cut_out(campaign, ["welcome", "n1"])
    assert [n.id for n in piece.notes] == ["n1"]
    placed = place(piece, campaign, (50, 5))
    assert len(placed.notes) == 1 and placed.notes[0].id != "n1"
    assert placed.notes[0].position == (60, 15) and placed.notes[0].text == "remember"


def test_a_file_with_too_many_notes_is_refused_with_the_count() -> None:
    doc = with_notes()
    note = doc["campaign"]["notes"][0]
    doc["campaign"]["notes"] = [{**note, "id": f"n{i}"} for i in range(201)]
    assert problems(doc) == ["$.campaign.notes: holds 201 items; at most 200 are allowed"]

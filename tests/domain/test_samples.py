"""The samples (the templates a user starts from) open, have no errors and round-trip."""

from __future__ import annotations

import json

import pytest

from canvas_app.domain.interchange import read_campaign_file, to_document
from canvas_app.domain.validation import validate
from tests.factories import SAMPLES


def test_there_are_templates_beyond_the_two_demos() -> None:
    names = {p.name.removesuffix(".campaign.json") for p in SAMPLES}
    assert {"webinar-registration", "order-followup"} <= names


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_each_sample_is_ready_to_publish_and_round_trips(path) -> None:  # type: ignore[no-untyped-def]
    campaign = read_campaign_file(path)
    errors = [p.message for p in validate(campaign) if p.is_error]
    assert errors == []
    assert campaign.goals and all(g.links for g in campaign.goals)
    assert to_document(campaign) == json.loads(path.read_text("utf-8"))

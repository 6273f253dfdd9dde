"""Settled clicks are evaluated a batch at a time (memory stays bounded with 100,000 clicks
at one moment), yet a moment's clicks split over several batches behave as one batch: the
emails their goals start at once go out after every one of them is evaluated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from canvas_app.domain.model import Campaign
from canvas_app.engine import clock, goals, lifecycle, simulation
from canvas_app.engine.clicks import ClickRequest, record_clicks
from canvas_app.engine.contacts import add_contact
from canvas_app.engine.enrolment import enroll
from canvas_app.engine.publishing import publish
from canvas_app.engine.reports import inbox, status
from canvas_app.engine.runner import advance
from canvas_app.engine.tokens import SECRET_KEY
from canvas_app.store import meta
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace
from tests.engine.conftest import BROWSER
from tests.factories import funnel

PEOPLE = [f"p{i}@example.com" for i in range(7)]


def _thanks_at_once() -> Campaign:
    campaign = funnel()
    thanks = next(s for s in campaign.sequences if s.id == "thanks")
    thanks.emails[0].delay_minutes = 0  # the goal's email goes out the moment it is achieved
    return campaign


def _run(path: Path) -> dict[str, Any]:
    with Workspace.open(path, create=True) as ws:
        with ws.transaction() as session:
            meta.put(session, SECRET_KEY, "ab" * 32)
            clock.set_now(session, 1_780_000_020.0)
        CampaignStore(ws).add(_thanks_at_once())
        publish(ws, "ebook")
        lifecycle.activate(ws, "ebook")
        for person in PEOPLE:
            add_contact(ws, person, person.split("@")[0].title())
        enroll(ws, "ebook", "welcome", PEOPLE)
        advance(ws, 600)
        record_clicks(ws, [ClickRequest(inbox(ws, p)[0]["links"]["dl"], BROWSER)
                           for p in PEOPLE])  # all at the same moment
        result = advance(ws, 86400)
        return {"achieved": result.goals_achieved, "sent": result.sent,
                "inboxes": {p: inbox(ws, p) for p in PEOPLE},
                "log": simulation.log(ws, "ebook"), "nodes": status(ws, "ebook").nodes}


def test_a_moments_clicks_over_several_batches_act_as_one_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = _run(tmp_path / "whole.ws")
    monkeypatch.setattr(goals, "BATCH", 2)
    split = _run(tmp_path / "split.ws")
    assert whole["achieved"] == len(PEOPLE) and whole["sent"] == len(PEOPLE)
    assert whole["nodes"]["thanks"]["finished"] == len(PEOPLE)
    thanks = [whole["inboxes"][p][1]["send_id"] for p in PEOPLE]
    assert thanks == sorted(thanks)  # the thank-you emails went out in the clicks' order
    assert split == whole

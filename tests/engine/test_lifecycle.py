"""Publish before activate; refusals that say what to do; pause holds work."""

import pytest
from sqlalchemy import func, select

from canvas_app.engine import lifecycle
from canvas_app.engine.errors import Refused
from canvas_app.engine.publishing import publish
from canvas_app.engine.reports import status
from canvas_app.store.orm_runtime import SendRow, VersionRow
from tests.engine.conftest import Sim


def test_activating_a_never_published_campaign_is_refused(sim: Sim) -> None:
    with pytest.raises(Refused, match=r"publish 'Ebook funnel' before activating it"):
        lifecycle.activate(sim.ws, "ebook")
    assert status(sim.ws, "ebook").state == "draft"


def test_enrolling_into_a_campaign_that_is_not_active_is_refused(sim: Sim) -> None:
    with pytest.raises(Refused, match="publish it, then activate it"):
        sim.enrol("welcome", "ann@example.com")
    publish(sim.ws, "ebook")
    with pytest.raises(Refused, match="is published, not active: activate it first"):
        sim.enrol("welcome", "ann@example.com")


def test_publish_with_errors_is_refused_and_stores_nothing(sim: Sim) -> None:
    sim.draft().set_goal_links("downloaded", [])
    outcome = publish(sim.ws, "ebook")
    assert outcome.blocked and outcome.to_json()["errors"][0]["code"] == "goal_no_links"
    with sim.ws.reading() as session:
        assert session.scalar(select(func.count()).select_from(VersionRow)) == 0


def test_unpublished_changes_block_activation_with_a_summary(sim: Sim) -> None:
    publish(sim.ws, "ebook")
    draft = sim.draft()
    draft.rename_node("downloaded", "Got the ebook")
    draft.move_node("welcome", (50, 50))  # positions are not changes
    with pytest.raises(Refused, match=r"publish your changes first: 1 goal changed since "
                                      r"version 1"):
        lifecycle.activate(sim.ws, "ebook")
    assert status(sim.ws, "ebook").unpublished_changes
    assert publish(sim.ws, "ebook").version == 2
    lifecycle.activate(sim.ws, "ebook")
    assert status(sim.ws, "ebook").to_json()["state"] == "active"


def test_publishing_an_unchanged_draft_makes_no_new_version(live: Sim) -> None:
    outcome = publish(live.ws, "ebook")
    assert outcome.unchanged and outcome.to_json()["published_version"] is None
    assert status(live.ws, "ebook").published_version == 1


def test_editing_an_active_campaign_changes_nothing_until_published(live: Sim) -> None:
    draft = live.draft()
    welcome = draft.sequence("welcome")
    edited = [e for e in welcome.emails]
    edited[0].subject = "Brand new subject"
    draft.set_sequence_emails("welcome", edited)
    st = status(live.ws, "ebook")
    assert (st.state, st.unpublished_changes) == ("active", True)
    live.enrol("welcome", "ann@example.com")
    live.advance(60)
    assert live.mail("ann@example.com")["subject"] == "Hello"


def test_pause_holds_sends_until_activated_again(live: Sim) -> None:
    live.enrol("welcome", "ann@example.com")
    lifecycle.pause(live.ws, "ebook")
    with pytest.raises(Refused, match="not active"):
        lifecycle.pause(live.ws, "ebook")
    live.advance(3600)
    with live.ws.reading() as session:
        assert session.scalar(select(func.count()).select_from(SendRow)) == 0
    with pytest.raises(Refused, match="activate it first"):
        live.enrol("welcome", "bob@example.com")
    lifecycle.activate(live.ws, "ebook")
    live.advance(1)
    mail = live.mail("ann@example.com")
    assert mail["subject"] == "Hello"
    with live.ws.reading() as session:
        sent_at = session.scalar(select(SendRow.sent_at))
    # sent when the campaign resumed, not back-dated into the pause
    assert mail["sent_at"] and sent_at is not None
    assert status(live.ws, "ebook").nodes["welcome"]["finished"] == 1


def test_a_paused_campaign_holds_goal_evaluation(live: Sim) -> None:
    live.enrol("welcome", "ann@example.com")
    live.advance(120)
    live.click(live.url("ann@example.com", "dl"))
    lifecycle.pause(live.ws, "ebook")
    live.advance(3600)
    assert live.counts()["downloaded"]["achieved"] == 0
    lifecycle.activate(live.ws, "ebook")
    live.advance(1)
    assert live.counts()["downloaded"]["achieved"] == 1

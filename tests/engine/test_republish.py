"""Republishing keeps contacts in place by stable ids, and the dry run says what will change."""

from sqlalchemy import select

from canvas_app.domain.links import LinkKind
from canvas_app.domain.model import Goal, Sequence
from canvas_app.engine.publishing import publish
from canvas_app.engine.reports import inbox, status
from canvas_app.store.orm_runtime import EventRow, VersionRow
from tests.engine.conftest import Sim
from tests.factories import email, link


def three_emails(sim: Sim) -> None:
    sim.draft().set_sequence_emails("welcome", [
        email("w1", [link("dl", LinkKind.FILE_DOWNLOAD)], subject="One"),
        email("w2", [link("x2")], delay=60, subject="Two"),
        email("w3", [link("x3")], delay=60, subject="Three"),
    ])


def subjects(sim: Sim, person: str) -> list[str]:
    return [m["subject"] for m in inbox(sim.ws, person)]


def test_an_edited_email_goes_only_to_those_who_have_not_received_it(sim: Sim) -> None:
    three_emails(sim)
    sim.go_live()
    sim.enrol("welcome", "early@example.com")
    sim.advance(90 * 60)  # early got One (t=0) and Two (t=60m)
    sim.enrol("welcome", "late@example.com")
    sim.advance(60)  # late got One
    draft = sim.draft()
    emails = draft.sequence("welcome").emails
    emails[1].subject = "Two (new)"
    draft.set_sequence_emails("welcome", emails)
    preview = publish(sim.ws, "ebook", dry_run=True)
    assert preview.version == 2 and any(
        "'Two'" in line and "1 contact who have not received it" in line
        for line in preview.contacts)
    with sim.ws.reading() as session:
        assert len(session.scalars(select(VersionRow)).all()) == 1  # dry run stored nothing
    assert publish(sim.ws, "ebook").version == 2
    sim.advance(3 * 3600)
    assert subjects(sim, "early@example.com") == ["One", "Two", "Three"]
    assert subjects(sim, "late@example.com") == ["One", "Two (new)", "Three"]


def test_a_removed_email_is_skipped_and_an_added_one_is_sent(sim: Sim) -> None:
    three_emails(sim)
    sim.go_live()
    sim.enrol("welcome", "ann@example.com")
    sim.advance(60)
    draft = sim.draft()
    emails = draft.sequence("welcome").emails
    draft.set_sequence_emails("welcome", [emails[0], emails[2],
                                          email("w4", [link("x4")], delay=60, subject="Four")])
    outcome = publish(sim.ws, "ebook")
    text = "\n".join(outcome.contacts)
    assert "'Two' was removed" in text and "'Four' was added" in text
    sim.advance(5 * 3600)
    assert subjects(sim, "ann@example.com") == ["One", "Three", "Four"]


def test_contacts_in_a_removed_sequence_leave_it_and_it_is_recorded(sim: Sim) -> None:
    draft = sim.draft()
    draft.add_node(Sequence("extra", "Extra", emails=[email("e1", [link("e1l")], delay=600)]))
    draft.add_node(Goal("extra-goal", "Extra goal", links=["e1l"]))
    draft.connect("extra", "extra-goal")
    sim.go_live()
    sim.enrol("extra", "ann@example.com", "bob@example.com")
    draft = sim.draft()
    draft.remove_node("extra-goal")
    draft.remove_node("extra")
    preview = publish(sim.ws, "ebook", dry_run=True)
    assert any("'Extra' was removed: 2 contacts in it will leave it" in line
               for line in preview.contacts)
    publish(sim.ws, "ebook")
    assert status(sim.ws, "ebook").nodes["extra"]["stopped"] == 2
    sim.advance(3600)
    assert inbox(sim.ws, "ann@example.com") == []
    with sim.ws.reading() as session:
        kinds = [k for (k,) in session.execute(select(EventRow.kind).where(
            EventRow.kind == "left"))]
    assert kinds == ["left", "left"]


def test_dry_run_on_an_unchanged_or_invalid_draft(live: Sim) -> None:
    assert publish(live.ws, "ebook", dry_run=True).unchanged
    live.draft().set_goal_links("downloaded", [])
    blocked = publish(live.ws, "ebook", dry_run=True)
    assert blocked.blocked and blocked.to_json()["errors"]

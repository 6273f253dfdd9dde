"""Goal achievement: settle, stop all upstream sequences, enrol downstream, first response wins."""

from sqlalchemy import select

from canvas_app.domain.links import LinkKind
from canvas_app.domain.model import Goal, Sequence
from canvas_app.engine.publishing import publish
from canvas_app.engine.reports import inbox
from canvas_app.store.orm_runtime import EventRow, SendRow
from tests.engine.conftest import Sim
from tests.factories import email, link


def two_step_welcome(sim: Sim) -> None:
    draft = sim.draft()
    draft.set_sequence_emails("welcome", [
        email("welcome-1", [link("dl", LinkKind.FILE_DOWNLOAD), link("blog")]),
        email("welcome-2", [link("dl2", LinkKind.FILE_DOWNLOAD)], delay=24 * 60, subject="Again"),
    ])
    draft.set_goal_links("downloaded", ["dl", "dl2"])


def test_a_human_click_achieves_the_goal_after_the_settle_window(sim: Sim) -> None:
    two_step_welcome(sim)
    sim.go_live()
    sim.enrol("welcome", "ann@example.com")
    sim.advance(3600)
    sim.click(sim.url("ann@example.com", "dl"))
    sim.advance(5)
    assert sim.counts()["downloaded"]["achieved"] == 0  # still settling
    sim.advance(60)
    counts = sim.counts()
    assert counts["downloaded"]["achieved"] == 1
    assert counts["welcome"] == {"active": 0, "finished": 0, "stopped": 1}
    assert counts["thanks"]["active"] == 1
    sim.advance(3 * 86400)
    subjects = [m["subject"] for m in inbox(sim.ws, "ann@example.com")]
    assert subjects == ["Hello", "Hello"]  # welcome-2 was cancelled; thanks-1 arrived
    with sim.ws.reading() as session:
        assert [e for (e,) in session.execute(select(SendRow.email_id))] == ["welcome-1",
                                                                            "thanks-1"]


def test_a_click_on_a_link_that_is_not_chosen_achieves_nothing(sim: Sim) -> None:
    two_step_welcome(sim)
    sim.go_live()
    sim.enrol("welcome", "ann@example.com")
    sim.advance(3600)
    outcome = sim.click(sim.url("ann@example.com", "blog"))
    assert outcome.recorded and not outcome.bot
    sim.advance(3600)
    assert sim.counts()["downloaded"]["achieved"] == 0
    assert sim.counts()["welcome"]["active"] == 1


def test_a_finished_contact_still_listens_and_a_stopped_one_does_not(live: Sim) -> None:
    live.enrol("welcome", "ann@example.com")
    live.advance(3600)
    assert live.counts()["welcome"]["finished"] == 1
    url = live.url("ann@example.com", "dl")
    live.click(url)
    live.advance(60)
    assert live.counts()["downloaded"]["achieved"] == 1
    live.advance(3600)
    live.click(url)  # clicked again: the membership is stopped and already achieved
    live.advance(60)
    assert live.counts()["downloaded"]["achieved"] == 1


def test_first_response_wins_between_two_goals_after_one_sequence(sim: Sim) -> None:
    draft = sim.draft()
    draft.set_sequence_emails("welcome", [email("welcome-1", [
        link("dl", LinkKind.FILE_DOWNLOAD), link("buy", LinkKind.ORDER_FORM)])])
    draft.add_node(Goal("bought", "Bought", links=["buy"]))
    draft.add_node(Sequence("customer", "Customer", emails=[email("c1", [link("c1l")])]))
    draft.connect("welcome", "bought")
    draft.connect("bought", "customer")
    sim.go_live()
    sim.enrol("welcome", "ann@example.com")
    sim.advance(60)
    buy, dl = sim.url("ann@example.com", "buy"), sim.url("ann@example.com", "dl")
    sim.click(buy)
    sim.advance(60)
    sim.click(dl)
    sim.advance(60)
    counts = sim.counts()
    assert counts["bought"]["achieved"] == 1 and counts["downloaded"]["achieved"] == 0
    assert counts["customer"]["active"] + counts["customer"]["finished"] == 1
    assert counts["thanks"] == {"active": 0, "finished": 0, "stopped": 0}


def test_every_upstream_sequence_stops(sim: Sim) -> None:
    draft = sim.draft()
    draft.add_node(Sequence("webinar", "Webinar", emails=[
        email("web-1", [link("replay")]), email("web-2", [link("replay2")], delay=600)]))
    draft.connect("webinar", "downloaded")
    sim.go_live()
    sim.enrol("welcome", "ann@example.com")
    sim.enrol("webinar", "ann@example.com")
    sim.advance(60)
    sim.click(sim.url("ann@example.com", "dl", index=0))
    sim.advance(120)
    counts = sim.counts()
    assert counts["welcome"]["stopped"] == 1 and counts["webinar"]["stopped"] == 1
    sim.advance(86400)
    with sim.ws.reading() as session:
        assert "web-2" not in {e for (e,) in session.execute(select(SendRow.email_id))}
        kinds = [k for (k,) in session.execute(select(EventRow.kind).order_by(EventRow.id))]
    assert kinds.count("stopped") == 2 and "goal_achieved" in kinds


def test_a_goal_leading_back_to_an_earlier_sequence_re_enrols(sim: Sim) -> None:
    draft = sim.draft()
    draft.add_node(Goal("more-please", "Wants more", links=["more"]))
    draft.connect("thanks", "more-please")
    draft.connect("more-please", "welcome")
    sim.go_live()
    sim.enrol("welcome", "ann@example.com")
    sim.advance(60)
    sim.click(sim.url("ann@example.com", "dl"))
    sim.advance(2 * 3600)
    sim.click(sim.url("ann@example.com", "more"))
    sim.advance(120)
    counts = sim.counts()
    assert counts["more-please"]["achieved"] == 1
    assert counts["welcome"]["stopped"] == 1
    assert counts["welcome"]["active"] + counts["welcome"]["finished"] == 1


def test_a_goal_choice_changed_by_republish_is_never_achieved_retroactively(sim: Sim) -> None:
    two_step_welcome(sim)
    sim.go_live()
    sim.enrol("welcome", "ann@example.com")
    sim.advance(60)
    blog = sim.url("ann@example.com", "blog")
    sim.click(blog)
    sim.advance(120)
    sim.draft().set_goal_links("downloaded", ["dl", "dl2", "blog"])
    outcome = publish(sim.ws, "ebook")
    assert any("only clicks from now on count" in line for line in outcome.contacts)
    sim.advance(3600)
    assert sim.counts()["downloaded"]["achieved"] == 0  # the earlier click does not count
    sim.click(blog)
    sim.advance(120)
    assert sim.counts()["downloaded"]["achieved"] == 1

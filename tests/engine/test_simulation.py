"""Editor read-outs of a running simulation, the scanner visit and reset."""

from canvas_app.domain.model import BotPolicy
from canvas_app.engine.publishing import publish
from canvas_app.engine.reports import inbox
from canvas_app.engine.simulation import contacts, describe, log, members, reset, scanner_visit
from tests.engine.conftest import Sim


def test_who_is_where_and_the_log(live: Sim) -> None:
    live.enrol("welcome", "ann@example.com", "bob@example.com")
    live.advance(60)
    assert [c.email for c in contacts(live.ws)] == ["ann@example.com", "bob@example.com"]
    assert members(live.ws, "ebook", "welcome") == (["Ann", "Bob"], 2)
    assert members(live.ws, "ebook", "welcome", limit=1) == (["Ann"], 2)
    assert members(live.ws, "ebook", "downloaded") == ([], 0)
    entries = log(live.ws, "ebook")
    names = {"welcome": "Welcome"}
    lines = [describe(e, names) for e in entries]
    assert "'Welcome' sent 'Hello' to ann@example.com" in lines  # the subject she got
    assert "ann@example.com entered 'Welcome'" in lines
    only_ann = log(live.ws, "ebook", contact_id=contacts(live.ws)[0].id)
    assert all(e.contact in ("ann@example.com", None) for e in only_ann)


def test_a_scanner_visit_is_all_bots_and_achieves_nothing_unless_count_all(live: Sim) -> None:
    live.enrol("welcome", "ann@example.com")
    live.advance(600)
    send_id = inbox(live.ws, "ann@example.com")[0]["send_id"]
    outcomes = scanner_visit(live.ws, "ann@example.com", send_id)
    assert len(outcomes) == 2 and all(o.recorded and o.bot for o in outcomes)  # dl + honeypot
    live.advance(600)
    assert live.counts()["downloaded"]["achieved"] == 0
    live.draft().set_bot_policy(BotPolicy.COUNT_ALL)
    publish(live.ws, "ebook")
    scanner_visit(live.ws, "ann@example.com", send_id)
    live.advance(600)
    assert live.counts()["downloaded"]["achieved"] == 1


def test_reset_keeps_the_design_and_contacts_and_clears_progress(live: Sim) -> None:
    live.enrol("welcome", "ann@example.com")
    live.advance(60)
    live.click(live.url("ann@example.com", "dl"))
    live.advance(60)
    reset(live.ws, "ebook")
    counts = live.counts()
    assert counts["welcome"] == {"active": 0, "finished": 0, "stopped": 0}
    assert counts["downloaded"]["achieved"] == 0
    assert inbox(live.ws, "ann@example.com") == []
    assert [c.email for c in contacts(live.ws)] == ["ann@example.com"]
    assert [e.kind for e in log(live.ws, "ebook")] == ["activated", "published"]


def test_step_moves_the_clock_to_exactly_the_next_event(live: Sim) -> None:
    from canvas_app.engine.runner import next_event_time, step
    from canvas_app.engine.simulation import last_event_id, movements

    live.enrol("welcome", "ann@example.com")
    live.advance(60)
    before = last_event_id(live.ws)
    live.click(live.url("ann@example.com", "dl"))
    with live.ws.reading() as session:
        from canvas_app.engine import clock
        clicked_at = clock.now(session)
    assert next_event_time(live.ws) == clicked_at + 20  # the settle window ends
    result = step(live.ws)
    assert result is not None and result.goals_achieved == 1 and result.reached == clicked_at + 20
    moved = movements(live.ws, "ebook", before)
    assert [(m.kind, m.node_id) for m in moved] == [("goal_achieved", "downloaded"),
                                                   ("enrolled", "thanks")]
    assert next_event_time(live.ws) == clicked_at + 20 + 3600  # thanks-1 after an hour


def test_the_log_names_links_by_their_text_and_reasons_in_words(live: Sim) -> None:
    from canvas_app.engine.clock import log_time

    live.enrol("welcome", "ann@example.com", "bob@example.com")
    live.advance(60)
    live.click(live.url("ann@example.com", "dl"))
    live.click(live.url("bob@example.com", "dl"), ua="bingbot/2.0")
    live.advance(60)
    draft = live.draft()
    names = {n.id: n.name for n in draft.nodes}
    links = {k.id: k.text for s in draft.sequences for e in s.emails for k in e.links}
    lines = [describe(e, names, links) for e in log(live.ws, "ebook")]
    text = links["dl"]
    assert f"ann@example.com clicked '{text}'" in lines
    assert any(line.startswith("ann@example.com achieved") and f"by clicking '{text}'" in line
               for line in lines)
    ignored = next(line for line in lines if line.startswith("A bot click for bob@example.com"))
    assert f"'{text}'" in ignored and "known crawler" in ignored
    assert "'dl'" not in " ".join(lines)  # no link id where a text is known
    assert log_time(3 * 3600 + 62.0) == "01 Jan 03:01:02"  # seconds show

"""A new click is judged against a bounded window of its email's recent clicks, so a link
clicked thousands of times costs the same per click as one clicked ten times."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from canvas_app.engine import click_window, clock
from canvas_app.engine import clicks as clicks_module
from canvas_app.engine.bots import ClickFacts, classify, is_crawler
from canvas_app.engine.click_window import Wanted, recent_clicks_query
from canvas_app.engine.clicks import RECENT_CLICKS, ClickRequest, record_clicks
from canvas_app.engine.settings import EngineSettings
from canvas_app.store.orm_runtime import ClickRow
from tests.engine.conftest import BROWSER, Sim

AGENTS = [BROWSER, "", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"]


def pairwise_reasons(clicks: list[ClickFacts], sent_at: float, s: EngineSettings
                     ) -> dict[int, tuple[str, ...]]:
    """The definition, click against every other click (what classify used to do)."""
    result: dict[int, tuple[str, ...]] = {}
    for click in clicks:
        reasons = []
        if not click.user_agent.strip():
            reasons.append("missing_user_agent")
        elif is_crawler(click.user_agent.strip()):
            reasons.append("crawler_user_agent")
        if click.link_id is None or any(abs(click.at - c.at) <= s.honeypot_window_seconds
                                        for c in clicks if c.link_id is None):
            reasons.append("honeypot")
        if len({c.link_id for c in clicks
                if abs(c.at - click.at) <= s.burst_window_seconds}) >= s.burst_min_links:
            reasons.append("burst")
        if click.at - sent_at <= s.too_soon_seconds:
            reasons.append("too_soon")
        result[click.id] = tuple(reasons)
    return result


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", None]),
                          st.floats(0, 300, allow_nan=False), st.sampled_from(AGENTS)),
                max_size=25),
       st.integers(1, 3))
def test_classify_gives_the_pairwise_verdicts(raw: list[tuple[str | None, float, str]],
                                              min_links: int) -> None:
    s = EngineSettings(burst_min_links=min_links)
    facts = [ClickFacts(i, link, at, agent) for i, (link, at, agent) in enumerate(raw)]
    found = classify(facts, 10.0, s)
    assert {k: v.reasons for k, v in found.items()} == pairwise_reasons(facts, 10.0, s)


def _many_clicks(live: Sim, count: int) -> str:
    live.enrol("welcome", "ann@example.com")
    live.advance(600)
    url = live.url("ann@example.com", "dl")
    record_clicks(live.ws, [ClickRequest(url, BROWSER) for _ in range(count)])
    return url


def _count_loaded(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many clicks each judging loads (stored and new), one entry per batch."""
    loaded: list[int] = []
    original = clicks_module.recent_clicks

    def counting(session: Any, wanted: Any) -> dict[int, list[Any]]:
        found = original(session, wanted)
        loaded.append(sum(len(rows) for rows in found.values()))
        return found

    monkeypatch.setattr(clicks_module, "recent_clicks", counting)
    return loaded


def test_a_click_on_a_much_clicked_link_loads_a_bounded_number_of_earlier_clicks(
        live: Sim, monkeypatch: pytest.MonkeyPatch) -> None:
    url = _many_clicks(live, RECENT_CLICKS + 300)
    live.advance(10)
    live.click(live.honeypot("ann@example.com"))  # not only that link among the recent clicks
    live.advance(25)  # (the honeypot hit is too long before the next click to mark it)
    loaded = _count_loaded(monkeypatch)
    outcome = live.click(url)  # close enough in time to all the others: all in the window
    assert outcome.recorded and not outcome.bot
    assert loaded == [RECENT_CLICKS + 1]
    live.advance(3600)
    live.click(url)  # an hour later, none of them is near enough in time to be loaded
    assert loaded[1:] == [1]


@pytest.mark.files_only("the counting statement is SQLite's own")
def test_a_window_of_clicks_on_the_same_link_alone_is_not_read(
        live: Sim, monkeypatch: pytest.MonkeyPatch) -> None:
    """A room clicking the same link again and again: the new click's window holds nothing but
    that link, so it is counted, not read, and the click is judged as before."""
    url = _many_clicks(live, RECENT_CLICKS + 300)
    loaded = _count_loaded(monkeypatch)
    outcome = live.click(url)
    assert outcome.recorded and not outcome.bot
    assert loaded == [1]  # the new click alone
    live.click(live.honeypot("ann@example.com"))  # a honeypot hit: its window is read
    assert loaded[1] == RECENT_CLICKS + 1


@pytest.mark.files_only("reads SQLite's EXPLAIN QUERY PLAN")
def test_the_recent_clicks_query_walks_the_index_and_sorts_nothing(live: Sim) -> None:
    _many_clicks(live, 50)
    query = recent_clicks_query(1, Wanted(RECENT_CLICKS + 1, 0.0, 1e12))
    with live.ws.reading() as session:
        sql = str(query.compile(session.get_bind(), compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(row[-1]) for row in session.connection()
                        .exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "ix_clicks_send_id" in plan and "TEMP B-TREE" not in plan, plan


def test_a_honeypot_hit_still_marks_the_click_just_before_it_after_many_clicks(live: Sim
                                                                             ) -> None:
    url = _many_clicks(live, RECENT_CLICKS + 50)
    live.advance(3600)
    human = live.click(url)
    live.advance(10)
    live.click(live.honeypot("ann@example.com"))
    with live.ws.reading() as session:
        row = session.get(ClickRow, human.click_id)
        old = session.get(ClickRow, 1)
    assert row is not None and row.bot and json.loads(row.reasons) == ["honeypot"]
    assert old is not None and not old.bot  # an hour before: out of the window, untouched


def test_one_batch_of_many_emails_judges_like_one_click_at_a_time(sim: Sim) -> None:
    people = [f"p{i}@example.com" for i in range(40)]
    sim.go_live()
    sim.enrol("welcome", *people)
    sim.advance(600)
    with sim.ws.reading() as session:
        now = clock.now(session)
    offsets = [0.0, 3.0, 15.0, 200.0]  # the third is a honeypot hit: the two before are bots
    plan = [(sim.url(p, "dl") if i != 2 or n % 2 else sim.honeypot(p),
             BROWSER if n % 7 else "", now + offsets[i] + n) for n, p in enumerate(people)
            for i in range(4)]
    record_clicks(sim.ws, [ClickRequest(url, agent, at=at) for url, agent, at in plan])
    with sim.ws.reading() as session:
        batch = sorted((r.send_id, r.at, r.bot, r.reasons) for r in session.scalars(
            select(ClickRow)))
    with sim.ws.transaction() as session:
        session.execute(ClickRow.__table__.delete())  # type: ignore[arg-type]
    for url, agent, at in sorted(plan, key=lambda c: c[2]):
        record_clicks(sim.ws, [ClickRequest(url, agent, at=at)])
    with sim.ws.reading() as session:
        single = sorted((r.send_id, r.at, r.bot, r.reasons) for r in session.scalars(
            select(ClickRow)))
    assert batch == single
    assert {c[2] for c in batch} == {True, False}


def _stored(sim: Sim) -> list[tuple[Any, ...]]:
    with sim.ws.reading() as session:
        return [(r.send_id, r.link_id, r.at, r.bot, r.reasons) for r in session.scalars(
            select(ClickRow).order_by(ClickRow.id))]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_only_earlier_clicks_a_new_click_can_change_are_judged_again(
        sim: Sim, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    """Judging again only the earlier clicks a new one can touch stores exactly what judging
    every earlier click of the window again stores: the same verdicts and reasons for all, over
    a room of clicks on two links and the honeypot, seconds apart, in batches of any size."""
    import random

    people = ["ann@example.com", "bob@example.com"]
    sim.go_live()
    sim.enrol("welcome", *people)
    sim.advance(600)
    with sim.ws.reading() as session:
        now = clock.now(session)
    urls = [u for p in people for u in (sim.url(p, "dl"), sim.url(p, "call"), sim.honeypot(p))]
    chance = random.Random(seed)
    at, plan = now, []
    for _ in range(160):
        at += chance.choice([0.0, 0.0, 1.0, 2.5, 4.0, 9.0, 40.0])
        plan.append(ClickRequest(chance.choice(urls[:2] * 6 + urls[2:4] * 3 + urls[4:]),
                                 chance.choice(AGENTS[:1] * 8 + AGENTS), at=at))
    sizes = [chance.choice([1, 1, 2, 5]) for _ in plan]

    def record_all() -> list[tuple[Any, ...]]:
        start = 0
        for size in sizes:
            record_clicks(sim.ws, plan[start:start + size])
            start += size
        found = _stored(sim)
        with sim.ws.transaction() as session:
            session.execute(ClickRow.__table__.delete())  # type: ignore[arg-type]
        return found

    selective = record_all()
    monkeypatch.setattr(clicks_module, "touched_by",
                        lambda earlier, new, s: {c.id for c in earlier})
    monkeypatch.setattr(click_window, "only_its_own_link", lambda *args: False)
    everything = record_all()
    assert selective == everything
    assert any(row[3] for row in selective) and not all(row[3] for row in selective)
    assert {r for row in selective for r in json.loads(row[4])} >= {"honeypot", "burst"}


def test_a_large_batch_judges_each_send_against_its_own_clicks_only(
        sim: Sim, monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch of many clicks on many emails judges each email's clicks with a set of its own
    size, not the whole batch's (that made 100,000 clicks take a minute: quadratic)."""
    people = [f"p{i}@example.com" for i in range(40)]
    sim.go_live()
    sim.enrol("welcome", *people)
    sim.advance(600)
    sizes: list[int] = []
    original = clicks_module.classify

    def spying(window: Any, sent_at: float, s: EngineSettings, judge: Any = None) -> Any:
        sizes.append(len(judge) if judge is not None else len(window))
        return original(window, sent_at, s, judge=judge)

    monkeypatch.setattr(clicks_module, "classify", spying)
    outcomes = record_clicks(sim.ws, [ClickRequest(sim.url(p, "dl"), BROWSER) for p in people])
    assert all(o.recorded and not o.bot for o in outcomes)
    assert len(sizes) == len(people) and max(sizes) == 1

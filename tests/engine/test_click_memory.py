"""The tracking server's click writer keeps one connection and remembers, between its batches,
what it read and wrote (engine/click_memory) while nothing else commits to the workspace: it
stores exactly what a transaction of its own per click stores, sees at once whatever another
program committed, and reads a send and its recent clicks once, not for every click."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from canvas_app.engine import clock
from canvas_app.engine import settings as engine_settings
from canvas_app.engine.clicks import ClickCache, ClickOutcome, ClickRequest, record_clicks
from canvas_app.engine.reports import inbox
from canvas_app.engine.runner import advance
from canvas_app.store.driver import driver
from canvas_app.store.held_connection import HeldConnection
from canvas_app.store.workspace import Workspace
from tests.engine.conftest import BROWSER, Sim

CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
PEOPLE = [f"p{i}@example.com" for i in range(4)]
SETTINGS = ["burst_min_links=2", "honeypot_window_seconds=30", "settle_seconds=120",
            "burst_window_seconds=5", "too_soon_seconds=20"]


@pytest.fixture
def writer_cache(live: Sim) -> Iterator[ClickCache]:
    """A cache as the server's writer has it, on its own connection (settings never stale:
    a test does not wait)."""
    held = HeldConnection(live.ws)
    yield ClickCache(settings_seconds=3600.0, connection=held)
    held.close()


def _table(ws: Workspace, sql: str) -> list[tuple[Any, ...]]:
    with ws.reading() as session:
        return [tuple(row) for row in session.execute(text(sql))]


def _stored(ws: Workspace) -> tuple[list[tuple[Any, ...]], ...]:
    return (_table(ws, "SELECT * FROM clicks ORDER BY id"),
            _table(ws, "SELECT * FROM events ORDER BY id"),
            _table(ws, "SELECT key, value FROM workspace_meta ORDER BY key"))


def _clock(ws: Workspace) -> float:
    with ws.reading() as session:
        now = clock.peek(session)
    assert now is not None
    return now


def _links(sim: Sim) -> list[str]:
    """Every tracked URL of every email sent so far, honeypots included."""
    urls = []
    for person in PEOPLE:
        for index, mail in enumerate(inbox(sim.ws, person)):
            urls += [str(u) for u in mail["links"].values()] + [sim.honeypot(person, index)]
    return urls


@pytest.mark.files_only("the two workspaces compared are copies of one file")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_writer_stores_exactly_what_a_transaction_per_click_stores(
        live: Sim, tmp_path: Path, seed: int) -> None:
    """The same clicks, one transaction each, go to a workspace through the writer's cache
    and to a copy of it the plain way; in between, other programs advance the clock, record
    clicks and change the settings in both. Every stored click, verdict, event and counter is
    the same, and so is every answer."""
    live.enrol("welcome", *PEOPLE)
    live.advance(600)
    twin_path = tmp_path / "twin.canvas-workspace"
    live.ws.save_as(twin_path)
    rng = random.Random(seed)
    held = HeldConnection(live.ws)
    cache = ClickCache(settings_seconds=0.0, connection=held)  # read as each plain click does
    answers: tuple[list[ClickOutcome], list[ClickOutcome]] = ([], [])
    with Workspace.open(twin_path) as twin:
        try:
            urls = _links(live)
            for _ in range(160):
                roll = rng.random()
                if roll < 0.05:  # the clock moves: goals are met, the next emails go out
                    seconds = rng.choice([5, 40, 400])
                    for ws in (live.ws, twin):
                        advance(ws, seconds)
                    urls = _links(live)
                elif roll < 0.12:  # another program records a click
                    other = ClickRequest(rng.choice(urls), rng.choice([BROWSER, CRAWLER]))
                    for ws in (live.ws, twin):
                        record_clicks(ws, [other])
                elif roll < 0.15:
                    change = [rng.choice(SETTINGS)]
                    for ws in (live.ws, twin):
                        engine_settings.change(ws, change)
                else:
                    now = _clock(live.ws)  # some clicks later than the clock, in any order
                    batch = [ClickRequest(rng.choice(urls), rng.choice([BROWSER] * 4 + [CRAWLER]),
                                          at=None if rng.random() < 0.5 else
                                          now + rng.uniform(0, 90))
                             for _ in range(rng.choice([1, 1, 1, 2, 3]))]
                    answers[0].extend(record_clicks(live.ws, batch, cache, wait=False))
                    answers[1].extend(record_clicks(twin, batch))
        finally:
            held.close()
        assert _stored(live.ws) == _stored(twin)
    assert [a.to_json() | {"id": a.click_id, "to": a.target} for a in answers[0]] == \
        [a.to_json() | {"id": a.click_id, "to": a.target} for a in answers[1]]
    assert any(a.bot for a in answers[0]) and any(not a.bot for a in answers[0])


def test_a_honeypot_hit_recorded_elsewhere_marks_the_writers_next_click(
        live: Sim, writer_cache: ClickCache) -> None:
    live.enrol("welcome", "ann@example.com")
    live.advance(600)
    url = live.url("ann@example.com", "dl")
    first = record_clicks(live.ws, [ClickRequest(url, BROWSER)], writer_cache, wait=False)[0]
    live.click(live.honeypot("ann@example.com"))  # the `click` command, say
    second = record_clicks(live.ws, [ClickRequest(url, BROWSER)], writer_cache, wait=False)[0]
    assert not first.bot
    assert second.bot and "honeypot" in second.reasons


@pytest.mark.files_only("traces SQLite's statements")
def test_while_nothing_else_writes_a_send_and_its_clicks_are_read_once(
        live: Sim, writer_cache: ClickCache) -> None:
    live.enrol("welcome", "ann@example.com", "bob@example.com")
    live.advance(600)
    url = live.url("ann@example.com", "dl")
    assert writer_cache.connection is not None
    with writer_cache.connection.transaction() as session:
        raw = driver(session)[1]
    statements: list[str] = []
    raw.set_trace_callback(statements.append)

    def reads_of_a_click() -> list[str]:
        statements.clear()
        outcome = record_clicks(live.ws, [ClickRequest(url, BROWSER)], writer_cache,
                                wait=False)[0]
        assert outcome.recorded and outcome.click_id is not None
        return [s for s in statements if s.lstrip().upper().startswith("SELECT")]

    first = reads_of_a_click()
    assert any("FROM sends" in s for s in first) and any("FROM clicks" in s for s in first)
    assert reads_of_a_click() == []  # known: the send, its clicks, the clock, the counter
    assert reads_of_a_click() == []
    live.click(live.url("bob@example.com", "dl"))  # another program writes: all read again
    again = reads_of_a_click()
    assert any("FROM sends" in s for s in again) and any("FROM clicks" in s for s in again)
    raw.set_trace_callback(None)
    with live.ws.reading() as session:
        stored = session.execute(text("SELECT count(*) FROM clicks")).scalar()
    assert stored == 5

"""Every bot signal, the settle window, and both bot policies."""

import pytest

from canvas_app.domain.model import BotPolicy
from canvas_app.engine import settings as engine_settings
from canvas_app.engine.bots import ClickFacts, classify, not_a_click
from canvas_app.engine.publishing import publish
from canvas_app.engine.reports import report
from canvas_app.engine.settings import EngineSettings
from tests.engine.conftest import Sim
from tests.factories import email, link

SCANNER_UA = "Mozilla/5.0 (compatible; Barracuda Sentinel (EE))"
CRAWLER_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def sent_and_waited(live: Sim, wait: float = 600) -> str:
    live.enrol("welcome", "ann@example.com")
    live.advance(wait)
    return live.url("ann@example.com", "dl")


def test_a_crawler_user_agent_is_a_bot_and_achieves_nothing(live: Sim) -> None:
    outcome = live.click(sent_and_waited(live), ua=CRAWLER_UA)
    assert (outcome.recorded, outcome.bot, outcome.reasons) == (True, True, ["crawler_user_agent"])
    live.advance(600)
    assert live.counts()["downloaded"]["achieved"] == 0


def test_a_missing_user_agent_is_a_bot(live: Sim) -> None:
    outcome = live.click(sent_and_waited(live), ua="")
    assert outcome.bot and outcome.reasons == ["missing_user_agent"]


def test_head_and_prefetch_requests_are_not_clicks(live: Sim) -> None:
    url = sent_and_waited(live)
    head = live.click(url, method="HEAD")
    prefetch = live.click(url, headers={"Sec-Purpose": "prefetch;prerender"})
    assert (head.recorded, head.reasons) == (False, ["head_request"])
    assert (prefetch.recorded, prefetch.reasons) == (False, ["prefetch"])
    assert head.target == "https://example.com/x"
    assert not_a_click("GET", {"Purpose": "prefetch"}) == "prefetch"
    live.advance(600)
    assert live.counts()["downloaded"]["achieved"] == 0


def test_a_honeypot_hit_just_after_a_click_reclassifies_it_before_goals_are_evaluated(
        live: Sim) -> None:
    url = sent_and_waited(live)
    first = live.click(url)
    assert not first.bot  # provisional: nothing suspicious yet
    live.advance(8)
    trap = live.click(live.honeypot("ann@example.com"))
    assert trap.recorded and trap.link is None and trap.bot and "honeypot" in trap.reasons
    live.advance(600)
    assert live.counts()["downloaded"]["achieved"] == 0
    links = report(live.ws, "ebook").links
    assert links["dl"] == {"human": 0, "bot": 1}


def test_a_honeypot_hit_long_before_does_not_taint_a_later_human_click(live: Sim) -> None:
    url = sent_and_waited(live)
    live.click(live.honeypot("ann@example.com"))
    live.advance(3600)
    assert not live.click(url).bot
    live.advance(60)
    assert live.counts()["downloaded"]["achieved"] == 1


def test_a_burst_across_links_of_one_send_is_bots(sim: Sim) -> None:
    draft = sim.draft()
    draft.set_sequence_emails("welcome", [email("welcome-1", [link("dl"), link("blog")])])
    sim.go_live()
    sim.enrol("welcome", "ann@example.com")
    sim.advance(600)
    first = sim.click(sim.url("ann@example.com", "dl"))
    sim.advance(2)
    second = sim.click(sim.url("ann@example.com", "blog"))
    assert not first.bot and second.bot and second.reasons == ["burst"]
    sim.advance(600)
    assert sim.counts()["downloaded"]["achieved"] == 0


def test_too_soon_alone_is_human_but_counts_with_a_second_signal(live: Sim) -> None:
    url = sent_and_waited(live, wait=5)
    alone = live.click(url)
    assert not alone.bot and alone.reasons == ["too_soon"]
    with_agentless = live.click(url, ua="")
    assert with_agentless.bot and set(with_agentless.reasons) == {"too_soon", "missing_user_agent"}


def test_count_all_lets_bot_clicks_achieve_goals(sim: Sim) -> None:
    sim.draft().set_bot_policy(BotPolicy.COUNT_ALL)
    sim.go_live()
    sim.click(sent_and_waited(sim), ua=CRAWLER_UA)
    sim.advance(600)
    assert sim.counts()["downloaded"]["achieved"] == 1


def test_thresholds_are_settings(live: Sim) -> None:
    with live.ws.transaction() as session:
        engine_settings.save(session, EngineSettings(settle_seconds=300))
    live.click(sent_and_waited(live))
    live.advance(120)
    assert live.counts()["downloaded"]["achieved"] == 0
    live.advance(200)
    assert live.counts()["downloaded"]["achieved"] == 1


@pytest.mark.parametrize(("clicks", "expected"), [
    ([(1, "a", 100.0, "Mozilla/5.0 Firefox/120")], {1: False}),
    ([(1, "a", 100.0, "Mozilla/5.0 Firefox/120"), (2, "b", 103.0, "Mozilla/5.0 Firefox/120")],
     {1: True, 2: True}),
    ([(1, "a", 100.0, "Mozilla/5.0 Firefox/120"), (2, "b", 200.0, "Mozilla/5.0 Firefox/120")],
     {1: False, 2: False}),
    ([(1, "a", 100.0, "Mozilla/5.0 Firefox/120"), (2, None, 115.0, SCANNER_UA)],
     {1: True, 2: True}),
    ([(1, "a", 100.0, "Mozilla/5.0 Firefox/120"), (2, "a", 101.0, "Mozilla/5.0 Firefox/120")],
     {1: False, 2: False}),  # the same link twice is a double click, not a burst
])
def test_classify(clicks: list[tuple[int, str | None, float, str]],
                  expected: dict[int, bool]) -> None:
    facts = [ClickFacts(*c) for c in clicks]
    verdicts = classify(facts, sent_at=0.0, settings=EngineSettings())
    assert {k: v.bot for k, v in verdicts.items()} == expected


def test_republishing_with_count_all_changes_the_policy_for_later_clicks(live: Sim) -> None:
    url = sent_and_waited(live)
    live.draft().set_bot_policy(BotPolicy.COUNT_ALL)
    publish(live.ws, "ebook")
    live.click(url, ua=CRAWLER_UA)
    live.advance(600)
    assert live.counts()["downloaded"]["achieved"] == 1

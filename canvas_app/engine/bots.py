"""Classifying clicks as human or bot, with reasons.

Strong signals (any one makes a bot click): a known crawler user agent (crawlerdetect), no
user agent, a hit on the invisible honeypot link or a click within its window, a burst across
several links of one send. Weak signal (a bot only when a second signal agrees): a click very
soon after the send. HEAD and prefetch requests are not clicks at all (see ``not_a_click``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from crawlerdetect import CrawlerDetect

from canvas_app.domain.vocabulary import BotReason
from canvas_app.engine.settings import EngineSettings

STRONG = (BotReason.CRAWLER_USER_AGENT, BotReason.MISSING_USER_AGENT, BotReason.HONEYPOT,
          BotReason.BURST)
WEAK = (BotReason.TOO_SOON,)
#: The order reasons are listed in.
ORDER = (BotReason.MISSING_USER_AGENT, BotReason.CRAWLER_USER_AGENT, BotReason.HONEYPOT,
         BotReason.BURST, BotReason.TOO_SOON)

REASON_TEXT: dict[str, str] = {
    BotReason.CRAWLER_USER_AGENT: "the browser name is a known crawler or link scanner",
    BotReason.MISSING_USER_AGENT: "the request named no browser",
    BotReason.HONEYPOT: "the invisible link of this email was opened around the same time",
    BotReason.BURST: "several links of this email were opened within seconds",
    BotReason.TOO_SOON: "opened very soon after the email was sent",
    BotReason.HEAD_REQUEST: "a HEAD request only checks the link; it is not a click",
    BotReason.PREFETCH: "the browser prefetched the link; it is not a click",
}

_detector = CrawlerDetect()
#: Real browsers' and crawlers' names fit in this; the detector's cost grows faster than the
#: length, so a 20 kB name would hold the click's write transaction for half a minute.
USER_AGENT_CHARS = 512


@lru_cache(maxsize=4096)
def is_crawler(user_agent: str) -> bool:
    return bool(_detector.isCrawler(user_agent[:USER_AGENT_CHARS]))


def not_a_click(method: str, headers: Mapping[str, str]) -> str | None:
    """The reason a request is not a click (HEAD, prefetch), or None for a real click."""
    if method.upper() == "HEAD":
        return BotReason.HEAD_REQUEST
    lowered = {k.lower(): v.lower() for k, v in headers.items()}
    purpose = lowered.get("sec-purpose", "") + " " + lowered.get("purpose", "")
    if "prefetch" in purpose or "prerender" in purpose or lowered.get("x-moz") == "prefetch":
        return BotReason.PREFETCH
    return None


class ClickLike(Protocol):
    """What judging reads of a click (a ``ClickFacts``, a stored row, a new click)."""

    @property
    def id(self) -> int: ...
    @property
    def link_id(self) -> str | None: ...
    @property
    def at(self) -> float: ...
    @property
    def user_agent(self) -> str: ...


@dataclass(frozen=True)
class ClickFacts:
    id: int
    link_id: str | None  # None: the honeypot
    at: float
    user_agent: str


@dataclass(frozen=True)
class Verdict:
    bot: bool
    reasons: tuple[str, ...]


def classify(clicks: Sequence[ClickLike], sent_at: float, settings: EngineSettings,
             judge: Container[int] | None = None) -> dict[int, Verdict]:
    """Verdicts for clicks of one send, each seen against the others given: O(n log n), one
    binary search per click and per distinct link rather than a scan of every other click.
    With ``judge``, only the clicks whose ids it holds get a verdict (all are still seen)."""
    if len(clicks) == 1:  # the usual case: a click alone in its window
        return {clicks[0].id: _alone(clicks[0], sent_at, settings)}
    honeypot_hits = sorted(c.at for c in clicks if c.link_id is None)
    times_by_link = _times_by_link(clicks)
    verdicts: dict[int, Verdict] = {}
    for click in clicks:
        if judge is not None and click.id not in judge:
            continue
        reasons: list[str] = []
        agent = click.user_agent.strip()
        if not agent:
            reasons.append(BotReason.MISSING_USER_AGENT)
        elif is_crawler(agent):
            reasons.append(BotReason.CRAWLER_USER_AGENT)
        if click.link_id is None or _any_within(honeypot_hits, click.at,
                                                settings.honeypot_window_seconds):
            reasons.append(BotReason.HONEYPOT)
        nearby = sum(1 for times in times_by_link.values()
                     if _any_within(times, click.at, settings.burst_window_seconds))
        if nearby >= settings.burst_min_links:
            reasons.append(BotReason.BURST)
        if click.at - sent_at <= settings.too_soon_seconds:
            reasons.append(BotReason.TOO_SOON)
        verdicts[click.id] = verdict_of(reasons)
    return verdicts


def _times_by_link(clicks: Sequence[ClickLike]) -> dict[str | None, list[float]]:
    """Each link's click times, sorted (the honeypot's under None)."""
    links = {click.link_id for click in clicks}
    if len(links) == 1:  # the usual window: one link clicked again and again
        return {links.pop(): sorted(click.at for click in clicks)}
    times_by_link: dict[str | None, list[float]] = {link: [] for link in links}
    for click in clicks:
        times_by_link[click.link_id].append(click.at)
    for times in times_by_link.values():
        times.sort()
    return times_by_link


def touched_by(earlier: Sequence[ClickLike], new: Sequence[ClickLike],
               settings: EngineSettings) -> set[int]:
    """The ids of the ``earlier`` clicks whose verdict ``new`` clicks could change: those with
    a new honeypot hit within the honeypot window, or a new click within the burst window on
    a link none of the earlier clicks near it used. (Every other signal depends on the click
    alone, and an earlier click was already judged with its earlier neighbours, so the others
    keep the reasons they have.)"""
    honeypot, burst = settings.honeypot_window_seconds, settings.burst_window_seconds
    links = {click.link_id for click in earlier}
    if not links or all(other.link_id is not None and links == {other.link_id}
                        for other in new):
        return set()  # the usual case: one link clicked again and again
    by_link: dict[str | None, list[tuple[float, int]]] = {}
    for click in earlier:
        by_link.setdefault(click.link_id, []).append((click.at, click.id))
    for items in by_link.values():
        items.sort()
    times = {link: [at for at, _ in items] for link, items in by_link.items()}
    touched: set[int] = set()
    for other in new:
        for link, items in by_link.items():
            if other.link_id is None:  # a honeypot hit marks every click around it
                touched.update(_ids_within(items, times[link], other.at, honeypot))
            if link == other.link_id:
                continue  # the click's own link is near it already: the count stays
            own = times.get(other.link_id, [])
            touched.update(i for at, i in _within(items, times[link], other.at, burst)
                           if not _any_within(own, at, burst))
    return touched


def _within(items: list[tuple[float, int]], times: list[float], at: float, window: float
            ) -> list[tuple[float, int]]:
    """The (time, id) pairs of ``items`` (sorted, times as ``times``) within ``window`` of
    ``at``."""
    return items[bisect_left(times, at - window):bisect_right(times, at + window)]


def _ids_within(items: list[tuple[float, int]], times: list[float], at: float, window: float
                ) -> list[int]:
    return [i for _, i in _within(items, times, at, window)]


def _alone(click: ClickLike, sent_at: float, settings: EngineSettings) -> Verdict:
    """``classify`` of one click with no other: only its own link is near it."""
    reasons: list[str] = []
    agent = click.user_agent.strip()
    if not agent:
        reasons.append("missing_user_agent")
    elif is_crawler(agent):
        reasons.append("crawler_user_agent")
    if click.link_id is None:
        reasons.append("honeypot")
    if settings.burst_min_links <= 1:
        reasons.append("burst")
    if click.at - sent_at <= settings.too_soon_seconds:
        reasons.append("too_soon")
    return verdict_of(reasons)


def _any_within(sorted_times: list[float], at: float, window: float) -> bool:
    """Whether any time lies in [at - window, at + window]."""
    index = bisect_left(sorted_times, at - window)
    return index < len(sorted_times) and sorted_times[index] <= at + window


def verdict_of(reasons: Iterable[str]) -> Verdict:
    """The verdict a set of reasons gives, reasons in their usual order."""
    return _verdict(frozenset(reasons))


@lru_cache(maxsize=1024)
def _verdict(found: frozenset[str]) -> Verdict:
    ordered = tuple(r for r in ORDER if r in found) + tuple(sorted(found - set(ORDER)))
    strong = sum(1 for r in ordered if r in STRONG)
    weak = sum(1 for r in ordered if r in WEAK)
    return Verdict(strong > 0 or weak >= 2, ordered)

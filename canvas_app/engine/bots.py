"""Classifying clicks as human or bot, with reasons.

Strong signals (any one makes a bot click): a known crawler user agent (crawlerdetect), no
user agent, a hit on the invisible honeypot link or a click within its window, a burst across
several links of one send. Weak signal (a bot only when a second signal agrees): a click very
soon after the send. HEAD and prefetch requests are not clicks at all (see ``not_a_click``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from crawlerdetect import CrawlerDetect

from canvas_app.engine.settings import EngineSettings

STRONG = ("crawler_user_agent", "missing_user_agent", "honeypot", "burst")
WEAK = ("too_soon",)

REASON_TEXT = {
    "crawler_user_agent": "the browser name is a known crawler or link scanner",
    "missing_user_agent": "the request named no browser",
    "honeypot": "the invisible link of this email was opened around the same time",
    "burst": "several links of this email were opened within seconds",
    "too_soon": "opened very soon after the email was sent",
    "head_request": "a HEAD request only checks the link; it is not a click",
    "prefetch": "the browser prefetched the link; it is not a click",
}

_detector = CrawlerDetect()


@lru_cache(maxsize=4096)
def is_crawler(user_agent: str) -> bool:
    return bool(_detector.isCrawler(user_agent))


def not_a_click(method: str, headers: Mapping[str, str]) -> str | None:
    """The reason a request is not a click (HEAD, prefetch), or None for a real click."""
    if method.upper() == "HEAD":
        return "head_request"
    lowered = {k.lower(): v.lower() for k, v in headers.items()}
    purpose = lowered.get("sec-purpose", "") + " " + lowered.get("purpose", "")
    if "prefetch" in purpose or "prerender" in purpose or lowered.get("x-moz") == "prefetch":
        return "prefetch"
    return None


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


def classify(clicks: list[ClickFacts], sent_at: float, settings: EngineSettings
             ) -> dict[int, Verdict]:
    """Verdicts for all clicks of one send, each seen against the others."""
    honeypot_hits = [c.at for c in clicks if c.link_id is None]
    verdicts: dict[int, Verdict] = {}
    for click in clicks:
        reasons: list[str] = []
        agent = click.user_agent.strip()
        if not agent:
            reasons.append("missing_user_agent")
        elif is_crawler(agent):
            reasons.append("crawler_user_agent")
        if click.link_id is None or any(abs(click.at - h) <= settings.honeypot_window_seconds
                                        for h in honeypot_hits):
            reasons.append("honeypot")
        nearby = {c.link_id for c in clicks
                  if abs(c.at - click.at) <= settings.burst_window_seconds}
        if len(nearby) >= settings.burst_min_links:
            reasons.append("burst")
        if click.at - sent_at <= settings.too_soon_seconds:
            reasons.append("too_soon")
        strong = sum(1 for r in reasons if r in STRONG)
        weak = sum(1 for r in reasons if r in WEAK)
        verdicts[click.id] = Verdict(strong > 0 or weak >= 2, tuple(reasons))
    return verdicts

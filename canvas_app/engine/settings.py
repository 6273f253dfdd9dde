"""Thresholds of the engine, with their defaults. Stored per workspace (``engine_settings``
in the workspace's meta table as JSON); any key left out takes its default."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any

from sqlalchemy.orm import Session

from canvas_app.store import meta


@dataclass(frozen=True)
class EngineSettings:
    #: Seconds a click waits before it can achieve a goal, so that a burst or a honeypot hit
    #: arriving just after it can still mark it as a bot.
    settle_seconds: float = 20.0
    #: A click on a send within this many seconds (before or after) of a hit on that send's
    #: invisible honeypot link is a bot click.
    honeypot_window_seconds: float = 20.0
    #: Clicks on ``burst_min_links`` or more distinct links of one send within this many
    #: seconds of each other are a burst: bot clicks.
    burst_window_seconds: float = 5.0
    burst_min_links: int = 2
    #: A click this soon after the send is suspicious (a weak signal: a click is a bot only
    #: when a second signal agrees).
    too_soon_seconds: float = 60.0
    #: The loopback port of the click-tracking server, written into every tracked link.
    tracking_port: int = 8765
    #: The word that replaces {{first_name}} when a contact has no name.
    first_name_fallback: str = "there"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


DESCRIPTIONS = {
    "settle_seconds": "seconds a click waits before it can achieve a goal",
    "honeypot_window_seconds": "clicks this close to a honeypot hit on the same email are bots",
    "burst_window_seconds": "window in which clicks on several links of one email form a burst",
    "burst_min_links": "distinct links clicked within the burst window that make a burst",
    "too_soon_seconds": "a click this soon after sending is suspicious (needs a second signal)",
    "tracking_port": "port of the loopback click-tracking server",
    "first_name_fallback": "word used for {{first_name}} when a contact has no name",
}

META_KEY = "engine_settings"


def load(session: Session) -> EngineSettings:
    raw = meta.get(session, META_KEY)
    if not raw:
        return EngineSettings()
    data = json.loads(raw)
    known = {f.name for f in fields(EngineSettings)}
    return EngineSettings(**{k: v for k, v in data.items() if k in known})


def save(session: Session, settings: EngineSettings) -> None:
    meta.put(session, META_KEY, json.dumps(settings.to_json()))

"""Thresholds of the engine, with their defaults. Stored per workspace (``engine_settings``
in the workspace's meta table as JSON); any key left out takes its default."""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlalchemy.orm import Session

from canvas_app.engine.errors import Refused
from canvas_app.store import meta
from canvas_app.store.workspace import Workspace


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

DAY = 86400
#: The allowed values of each number: (smallest, largest, unit).
RANGES: dict[str, tuple[int, int, str]] = {
    "settle_seconds": (0, DAY, "seconds"),
    "honeypot_window_seconds": (0, DAY, "seconds"),
    "burst_window_seconds": (0, DAY, "seconds"),
    "burst_min_links": (2, 1000, "links"),  # 1 would make every single click a burst
    "too_soon_seconds": (0, DAY, "seconds"),
    "tracking_port": (1, 65535, ""),
}
MAX_FALLBACK = 100
_WHOLE = re.compile(r"\+?[0-9]+", re.ASCII)
_DECIMAL = re.compile(r"\+?[0-9]+(\.[0-9]*)?|\+?\.[0-9]+", re.ASCII)


def allowed(key: str) -> str:
    """The allowed values of one setting, in words."""
    if key == "first_name_fallback":
        return f"a word or two of at most {MAX_FALLBACK} characters, on one line"
    low, high, unit = RANGES[key]
    whole = "a whole number" if key in ("burst_min_links", "tracking_port") else "a number"
    return f"{whole} from {low} to {high}" + (f" ({unit})" if unit else "")


def problem(key: str, value: object) -> str | None:
    """Why ``value`` cannot be setting ``key``, or None when it can."""
    if key == "first_name_fallback":
        ok = (isinstance(value, str) and len(value) <= MAX_FALLBACK
              and value.isprintable())
    elif key in RANGES:
        low, high, _unit = RANGES[key]
        whole = key in ("burst_min_links", "tracking_port")
        ok = (isinstance(value, int | float) and not isinstance(value, bool)
              and (isinstance(value, int) or (not whole and math.isfinite(value)))
              and low <= value <= high)
    else:
        return f"'{key}' is not a setting; settings: {', '.join(DESCRIPTIONS)}"
    return None if ok else f"{key} must be {allowed(key)}, not {value!r}"


def parse(key: str, text: str) -> object:
    """The value of ``KEY=TEXT`` as typed on the command line; Refused names the key and the
    allowed values (digits 0-9 only: no nan, inf, 1e400 or other scripts' digits)."""
    if key not in DESCRIPTIONS:
        raise Refused(f"'{key}' is not a setting; settings: {', '.join(DESCRIPTIONS)}")
    value: object = text
    if key in RANGES:
        whole = key in ("burst_min_links", "tracking_port")
        pattern = _WHOLE if whole else _DECIMAL
        shown = text if len(text) <= 40 else f"{text[:40]}…"
        if not pattern.fullmatch(text.strip()):
            raise Refused(f"{key} must be {allowed(key)}, not '{shown}'")
        if len(text.strip().lstrip("+-").lstrip("0")) > 15:  # past any range, and past what
            raise Refused(f"{key} must be {allowed(key)}, not '{shown}'")  # int() would read
        value = int(text) if whole else float(text)
    reason = problem(key, value)
    if reason:
        raise Refused(reason if key in RANGES else f"{key} must be {allowed(key)}")
    return value


def with_changes(current: EngineSettings, items: list[str]) -> EngineSettings:
    """``current`` with every ``KEY=VALUE`` applied; all are checked before any is used."""
    changes: dict[str, Any] = {}
    for item in items:
        key, sep, text = item.partition("=")
        if not sep:
            raise Refused(f"'{item}' is not KEY=VALUE; settings: {', '.join(DESCRIPTIONS)}")
        changes[key.strip()] = parse(key.strip(), text.strip())
    return replace(current, **changes)


def read(workspace: Workspace) -> EngineSettings:
    """The workspace's settings, read in a transaction of their own."""
    with workspace.reading() as session:
        return load(session)


def change(workspace: Workspace, assignments: list[str]) -> EngineSettings:
    """Applies ``KEY=VALUE`` assignments, all checked before any is stored, in one
    transaction; returns the settings as they now are."""
    with workspace.transaction() as session:
        current = load(session)
        if assignments:
            current = with_changes(current, assignments)
            save(session, current)
        return current


def load(session: Session) -> EngineSettings:
    """The workspace's settings; a stored value that is not allowed (an older version let
    nan, inf or a negative count in) is read as its default."""
    raw = meta.get(session, META_KEY)
    if not raw:
        return EngineSettings()
    try:
        data = json.loads(raw)
    except ValueError:
        return EngineSettings()
    if not isinstance(data, dict):
        return EngineSettings()
    known = {f.name for f in fields(EngineSettings)}
    return EngineSettings(**{k: v for k, v in data.items()
                             if k in known and problem(k, v) is None})


def save(session: Session, settings: EngineSettings) -> None:
    meta.put(session, META_KEY, json.dumps(settings.to_json(), allow_nan=False))

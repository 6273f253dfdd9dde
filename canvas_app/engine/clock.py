"""The workspace clock: simulated time that only moves when told to (or follows real time)."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from canvas_app.engine.errors import Refused
from canvas_app.store import meta

CLOCK_KEY = "clock"
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$")


def now(session: Session) -> float:
    """The workspace's current time (seconds since the epoch); starts at the first use."""
    value = meta.get(session, CLOCK_KEY)
    if value is None:
        start = float(int(time.time() // 60 * 60))
        meta.put(session, CLOCK_KEY, repr(start))
        return start
    return float(value)


def peek(session: Session) -> float | None:
    """The clock without starting it (read-only sessions)."""
    value = meta.get(session, CLOCK_KEY)
    return None if value is None else float(value)


def set_now(session: Session, value: float) -> None:
    meta.put(session, CLOCK_KEY, repr(float(value)))


def parse_duration(text: str) -> float:
    """``90s``, ``10m``, ``2h``, ``3d`` -> seconds."""
    match = _DURATION.match(text)
    if not match:
        raise Refused(f"'{text}' is not a duration; write a number followed by s, m, h or d "
                      "(for example 90s, 10m, 2h or 3d)")
    return float(match.group(1)) * _UNITS[match.group(2)]


def format_time(value: float) -> str:
    return datetime.fromtimestamp(value, UTC).strftime("%a %d %b %Y %H:%M:%S UTC")


def short_time(value: float) -> str:
    """Day, month, year and minute, for lists: "26 Nov 2026 19:40"."""
    return datetime.fromtimestamp(value, UTC).strftime("%d %b %Y %H:%M")


def log_time(value: float) -> str:
    """Day, month and the time to the second, for event logs (settle windows are seconds)."""
    return datetime.fromtimestamp(value, UTC).strftime("%d %b %H:%M:%S")


def iso(value: float) -> str:
    return datetime.fromtimestamp(value, UTC).isoformat().replace("+00:00", "Z")

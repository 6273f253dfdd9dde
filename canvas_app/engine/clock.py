"""The workspace clock: simulated time that only moves when told to (or follows real time)."""

from __future__ import annotations

import math
import re
import time
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from canvas_app.engine.errors import Refused
from canvas_app.store import meta

CLOCK_KEY = "clock"
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([smhd])\s*", re.ASCII)
#: The longest single move of the clock.
MAX_ADVANCE_YEARS = 100
MAX_ADVANCE = MAX_ADVANCE_YEARS * 365.25 * 86400
#: The last moment the clock can show (dates have four-digit years).
LATEST = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp()


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
    check_target(value)
    meta.put(session, CLOCK_KEY, repr(float(value)))


def check_duration(seconds: float) -> None:
    """Refuses a move of the clock that is negative, not a number or over 100 years."""
    if not math.isfinite(seconds) or seconds < 0:
        raise Refused("the clock moves forward by a positive duration only")
    if seconds > MAX_ADVANCE:
        raise Refused(f"the clock moves at most {MAX_ADVANCE_YEARS} years at a time; "
                      "advance in smaller steps")


def check_target(value: float) -> None:
    """Refuses a clock time that dates cannot show (past the year 9999)."""
    if not math.isfinite(value) or value > LATEST:
        raise Refused("the clock cannot go past the end of the year 9999; "
                      "nothing was changed")


def parse_duration(text: str) -> float:
    """``90s``, ``10m``, ``2h``, ``3d`` -> seconds; digits 0-9 only, at most 100 years."""
    match = _DURATION.fullmatch(text)
    if not match:
        digits = "" if text.isascii() else " with the digits 0-9"
        raise Refused(f"'{text}' is not a duration; write a number{digits} followed by s, m, h "
                      "or d (for example 90s, 10m, 2h or 3d)")
    seconds = float(match.group(1)) * _UNITS[match.group(2)]
    if seconds > MAX_ADVANCE:
        raise Refused(f"'{text.strip()}' is too long: the clock moves at most "
                      f"{MAX_ADVANCE_YEARS} years at a time")
    return seconds


def _datetime(value: float) -> datetime | None:
    try:
        return datetime.fromtimestamp(value, UTC)
    except (ValueError, OverflowError, OSError):
        return None


def _beyond(value: float) -> str:
    """A clock an older version moved past what dates can show (so it can still be read)."""
    return f"{value:.0f} seconds after 1970 (past the year 9999)"


def format_time(value: float) -> str:
    moment = _datetime(value)
    return moment.strftime("%a %d %b %Y %H:%M:%S UTC") if moment else _beyond(value)


def short_time(value: float) -> str:
    """Day, month, year and minute, for lists: "26 Nov 2026 19:40"."""
    moment = _datetime(value)
    return moment.strftime("%d %b %Y %H:%M") if moment else _beyond(value)


def log_time(value: float) -> str:
    """Day, month and the time to the second, for event logs (settle windows are seconds)."""
    return datetime.fromtimestamp(value, UTC).strftime("%d %b %H:%M:%S")


def iso(value: float) -> str:
    moment = _datetime(value)
    return moment.isoformat().replace("+00:00", "Z") if moment else _beyond(value)

"""The earlier clicks a new click is judged against: a bounded window of its send's most recent
clicks, close enough in time to matter.

The window is loaded light (id, link and time: all that judging needs of a click it does not
judge again); the few earlier clicks a new one can change are then read whole (``full_clicks``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from canvas_app.engine.bulk import chunks, rows_in
from canvas_app.store.driver import driver
from canvas_app.store.orm_runtime import ClickRow

if TYPE_CHECKING:
    from canvas_app.engine.click_memory import ClickMemory

#: Up to this many sends in one batch, each send's recent clicks are one bounded query.
FEW_SENDS = 32

_LIGHT_COLUMNS = (ClickRow.id, ClickRow.send_id, ClickRow.link_id, ClickRow.at)


class Light(NamedTuple):
    """A stored click as a window holds it."""
    id: int
    send_id: int
    link_id: str | None
    at: float


class Click(NamedTuple):
    """A click as judging sees it (a stored one is a row with the same names)."""
    id: int
    send_id: int
    link_id: str | None
    at: float
    user_agent: str
    bot: bool
    reasons: str


@dataclass(frozen=True, slots=True)
class Wanted:
    """Which clicks of one send to judge: among its ``limit`` most recent stored ones, those
    from ``low`` to ``high`` (workspace clock), then the ``new`` ones not stored yet (ids
    above every stored one)."""
    limit: int
    low: float
    high: float
    new: tuple[Click, ...] = ()


def recent_clicks_query(send_id: int, want: Wanted) -> Select[Any]:
    """One send's clicks that ``want`` names: the index on ``send_id`` walked backwards for at
    most ``want.limit`` rows, then the time window applied to those."""
    latest = (select(*_LIGHT_COLUMNS).where(ClickRow.send_id == send_id)
              .order_by(ClickRow.id.desc()).limit(want.limit).subquery())
    return (select(*(latest.c[c.key] for c in _LIGHT_COLUMNS))
            .where(latest.c.at.between(want.low, want.high)))


def _prepared_recent() -> Select[Any]:
    """``recent_clicks_query`` with its values as parameters: built once, so each click of the
    tracking server runs a cached statement instead of building one."""
    latest = (select(*_LIGHT_COLUMNS).where(ClickRow.send_id == bindparam("send_id"))
              .order_by(ClickRow.id.desc()).limit(bindparam("limit")).subquery())
    return (select(*(latest.c[c.key] for c in _LIGHT_COLUMNS))
            .where(latest.c.at.between(bindparam("low"), bindparam("high"))))


def _prepared_chunk() -> Select[Any]:
    """The windows of many sends at once: each send's clicks ranked newest first, the first
    ``limit`` of each kept."""
    recent = func.row_number().over(partition_by=ClickRow.send_id,
                                    order_by=ClickRow.id.desc()).label("recent")
    ranked = (select(*_LIGHT_COLUMNS, recent)
              .where(ClickRow.send_id.in_(bindparam("sends", expanding=True))).subquery())
    return (select(*(ranked.c[c.key] for c in _LIGHT_COLUMNS), ranked.c.recent)
            .where(ranked.c.recent <= bindparam("limit"))
            .order_by(ranked.c.send_id, ranked.c.id))


_RECENT = _prepared_recent()
#: A send's window as SQLite's own statement, run on the driver's cursor (no Row per row):
#: its ``limit`` most recent clicks, then those in the time window.
_WINDOW_SQLITE = ("FROM (SELECT id, send_id, link_id, at FROM clicks WHERE send_id = ? "
                  "ORDER BY id DESC LIMIT ?) WHERE at BETWEEN ? AND ?")
#: ``_RECENT`` on SQLite.
_RECENT_SQLITE = "SELECT id, send_id, link_id, at " + _WINDOW_SQLITE
_CHUNK = _prepared_chunk()
_BY_ID = attrgetter("id")


#: What a send's window holds: how many clicks, how many on links (not the honeypot), and
#: the least and greatest link id among them.
_KINDS_SQLITE = "SELECT count(*), count(link_id), min(link_id), max(link_id) " + _WINDOW_SQLITE


def only_its_own_link(raw: Any, params: tuple[Any, ...], want: Wanted) -> bool:
    """Whether the one new click of a send is on a link (not the honeypot) and every earlier
    click in its window is on that same link. Then nothing earlier can change its verdict
    (no honeypot hit, no other link nearby: it is judged as if alone), and it changes no
    earlier verdict (see ``bots.touched_by``), so the window need not be read: one counting
    statement instead of a hundred rows when a room clicks the same link again and again."""
    if len(want.new) != 1 or want.new[0].link_id is None:
        return False
    total, on_links, least, greatest = raw.execute(_KINDS_SQLITE, params).fetchone()
    return bool(total == 0 or (on_links == total and least == greatest == want.new[0].link_id))


class Window:
    """A send's most recent clicks, oldest first, with their times and links side by side (so
    the usual questions, "all in the time window?" and "all on this link?", are answered
    without a loop in Python)."""

    __slots__ = ("rows", "ats", "links")

    def __init__(self, rows: list[Light]) -> None:
        self.rows = rows
        self.ats = [row.at for row in rows]
        self.links = [row.link_id for row in rows]

    def add(self, click: Light, depth: int) -> None:
        self.rows.append(click)
        self.ats.append(click.at)
        self.links.append(click.link_id)
        if len(self.rows) > depth:
            del self.rows[0], self.ats[0], self.links[0]


#: A send's ``limit`` most recent clicks, newest first (a window to remember, see click_memory).
_LATEST_SQLITE = ("SELECT id, send_id, link_id, at FROM clicks WHERE send_id = ? "
                  "ORDER BY id DESC LIMIT ?")


def _remembered(raw: Any, memory: ClickMemory, send_id: int, want: Wanted) -> list[Light]:
    """The window ``want`` names from the send's most recent clicks as ``memory`` holds them
    (read once while it holds them), as the two statements would find it: the clicks in the
    time window, or none when they are all on the one new click's link (``only_its_own_link``)."""
    latest = memory.windows.get(send_id)
    if latest is None:
        latest = memory.windows[send_id] = Window(sorted(
            map(Light._make, raw.execute(_LATEST_SQLITE, (send_id, want.limit))), key=_BY_ID))
    if not latest.rows:
        return []
    link = want.new[0].link_id if len(want.new) == 1 else None
    if want.low <= min(latest.ats) and max(latest.ats) <= want.high:  # all in time
        if link is not None and latest.links.count(link) == len(latest.links):
            return []
        return list(latest.rows)
    window = [click for click in latest.rows if want.low <= click.at <= want.high]
    if link is not None and all(click.link_id == link for click in window):
        return []
    return window


def recent_clicks(session: Session, wanted: Mapping[int, Wanted],
                  memory: ClickMemory | None = None) -> dict[int, list[Any]]:
    """For each send id, the clicks ``wanted`` names, oldest first: stored ones light (``id``,
    ``send_id``, ``link_id``, ``at``), then the new ones.

    With few sends (the tracking server: one per click) each send is one query that walks the
    ``send_id`` index backwards, stops after ``limit`` rows and hands back only those in the
    time window, so the cost does not grow with the clicks the email already has; a large
    batch uses one windowed query per chunk. A window that holds nothing but clicks on the
    new click's own link is not read at all (see ``only_its_own_link``). With ``memory`` (the
    click writer's, on SQLite) each send's most recent clicks are read once while it holds
    them."""
    found: dict[int, list[Any]] = {}
    dialect, raw = driver(session)
    if len(wanted) <= FEW_SENDS and dialect == "sqlite":
        for send_id, want in wanted.items():
            if memory is not None and want.limit == memory.depth:
                found[send_id] = _remembered(raw, memory, send_id, want)
                continue
            params = (send_id, want.limit, want.low, want.high)
            if only_its_own_link(raw, params, want):
                found[send_id] = []
                continue
            rows = raw.execute(_RECENT_SQLITE, params)
            found[send_id] = sorted(map(Light._make, rows), key=_BY_ID)
    elif len(wanted) <= FEW_SENDS:
        connection = session.connection()
        for send_id, want in wanted.items():
            rows = connection.execute(_RECENT, {"send_id": send_id, "limit": want.limit,
                                                "low": want.low, "high": want.high})
            found[send_id] = sorted(rows, key=_BY_ID)
    else:
        for chunk in chunks(wanted):
            limit = max(wanted[s].limit for s in chunk)
            rows = session.connection().execute(_CHUNK, {"sends": list(chunk),
                                                          "limit": limit})
            for row in rows:
                want = wanted[row.send_id]
                if row.recent <= want.limit and want.low <= row.at <= want.high:
                    found.setdefault(row.send_id, []).append(row)
    for send_id, want in wanted.items():
        if want.new:
            found.setdefault(send_id, []).extend(want.new)
    return found


def full_clicks(session: Session, ids: Iterable[int]) -> dict[int, Click]:
    """Stored clicks read whole, by id."""
    return {row[0]: Click(*row) for row in rows_in(
        session, "SELECT id, send_id, link_id, at, user_agent, bot, reasons FROM clicks "
                 "WHERE id IN :values", ids)}

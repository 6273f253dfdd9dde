"""Recording clicks on tracked links, exactly as the tracking server does.

The token must verify against the workspace secret; the redirect target comes from the stored
link of the published version that was sent, never from the URL. Many clicks can be recorded
in one transaction (``record_clicks``); one click is a batch of one.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from canvas_app.domain.links import is_web_target
from canvas_app.domain.model import Campaign, Email
from canvas_app.engine import clock
from canvas_app.engine import settings as engine_settings
from canvas_app.engine.bots import Verdict, classify, not_a_click, touched_by, verdict_of
from canvas_app.engine.bulk import collector_paused, insert_tuples, rows_in, update_rows
from canvas_app.engine.click_memory import ClickMemory
from canvas_app.engine.click_window import Click, Light, Wanted, full_clicks, recent_clicks
from canvas_app.engine.events_log import link_detail, log_tuples
from canvas_app.engine.row_ids import id_source
from canvas_app.engine.tokens import Signer, workspace_secret
from canvas_app.engine.versions import VersionCache
from canvas_app.store.held_connection import HeldConnection
from canvas_app.store.orm_runtime import ClickRow
from canvas_app.store.workspace import Workspace

#: Characters of a user agent kept with a click (reports show it; nobody needs 20 kB of it).
STORED_USER_AGENT = 1024
#: A batch of at least this many clicks is built with the cyclic collector held off (see
#: bulk.collector_paused); the tracking server's small batches leave it alone.
_MANY = 100
#: A new click is judged against at most this many earlier clicks of its email (the most
#: recent), so a link clicked 10,000 times costs the same per click as one clicked 10 times.
RECENT_CLICKS = 100


@dataclass(frozen=True)
class ClickRequest:
    url: str  # a tracked URL, or its bare token
    user_agent: str = ""
    method: str = "GET"
    headers: Mapping[str, str] = field(default_factory=dict)
    at: float | None = None  # default: the workspace clock; never earlier than it


@dataclass(slots=True)
class ClickOutcome:
    recorded: bool
    link: str | None = None
    bot: bool = False
    reasons: list[str] = field(default_factory=list)
    target: str | None = None  # where to redirect; None when the token did not verify
    click_id: int | None = None
    verified: bool = True

    def to_json(self) -> dict[str, object]:
        return {"recorded": self.recorded, "link": self.link, "bot": self.bot,
                "reasons": list(self.reasons)}


class _Send(NamedTuple):
    id: int
    campaign_id: str
    version: int
    email_id: str
    contact_id: int
    sequence_id: str
    sent_at: float


def decoy_target(email: Email) -> str | None:
    """Where the honeypot redirects: the email's first web link, so it looks like any other."""
    return next((k.target for k in email.links if is_web_target(k.target)), None)


def record_click(workspace: Workspace, url: str, *, user_agent: str = "", method: str = "GET",
                 headers: Mapping[str, str] | None = None, at: float | None = None
                 ) -> ClickOutcome:
    request = ClickRequest(url, user_agent, method, headers or {}, at)
    return record_clicks(workspace, [request])[0]


class ClickCache:
    """What one long-running writer (the tracking server's) keeps between its batches: the
    signer (a workspace's secret never changes once made) and the engine settings, read
    again when older than ``settings_seconds``, so a change made elsewhere applies within
    that time."""

    def __init__(self, settings_seconds: float = 1.0,
                 connection: HeldConnection | None = None) -> None:
        self.settings_seconds = settings_seconds
        #: The writer's own connection, kept for all its transactions (else each batch is
        #: a transaction of the workspace's).
        self.connection = connection
        self._signer: Signer | None = None
        self._settings: engine_settings.EngineSettings | None = None
        self._read_at = 0.0
        #: published versions parsed by earlier batches (a version never changes)
        self.versions: dict[tuple[str, int], Campaign] = {}
        #: With the writer's own connection: what its earlier batches read and wrote.
        self.memory = ClickMemory(RECENT_CLICKS) if connection is not None else None

    @property
    def known_signer(self) -> Signer | None:
        """The signer, once a batch has read the secret."""
        return self._signer

    def signer(self, session: Session) -> Signer:
        if self._signer is None:
            self._signer = Signer(workspace_secret(session))
        return self._signer

    def settings(self, session: Session) -> engine_settings.EngineSettings:
        now = time.monotonic()
        if self._settings is None or now - self._read_at > self.settings_seconds:
            self._settings, self._read_at = engine_settings.load(session), now
        return self._settings


def record_clicks(workspace: Workspace, requests: Sequence[ClickRequest],
                  cache: ClickCache | None = None, *, wait: bool = True) -> list[ClickOutcome]:
    """Records ``requests`` in one transaction. ``wait=False``: WorkspaceBusy at once, nothing
    recorded, while another program is writing to the workspace."""
    paused = collector_paused() if len(requests) >= _MANY else nullcontext()
    known = cache.known_signer if cache is not None else None
    checked = [known.verify_url(r.url) for r in requests] if known is not None else None
    stores_nothing = checked is not None and _stores_nothing(requests, checked)
    held = cache.connection if cache is not None and not stores_nothing else None
    memory = cache.memory if cache is not None and held is not None else None
    opened = workspace.reading() if stores_nothing else \
        held.transaction(wait=wait) if held is not None else workspace.transaction(wait=wait)
    with opened as session, paused:
        if memory is not None:
            memory.start(held is not None and held.unchanged)
        if checked is None:
            signer = cache.signer(session) if cache else Signer(workspace_secret(session))
            checked = [signer.verify_url(r.url) for r in requests]
        targets = checked
        sends = _load_sends(session, {t.send_id for t in targets if t is not None}, memory)
        versions = VersionCache(session, cache.versions if cache else None)
        settings = cache.settings(session) if cache else engine_settings.load(session)
        current = _clock(session, memory)  # a refused click never starts the clock
        outcomes: list[ClickOutcome] = []
        new: list[tuple[int, Click, str]] = []  # (outcome index, click, method)
        emails: dict[tuple[str, int, str], Email | None] = {}
        for index, (request, target) in enumerate(zip(requests, targets, strict=True)):
            send = sends.get(target.send_id) if target else None
            email = _email_of(versions, send, emails) if send else None
            if target is None or send is None or email is None:
                outcomes.append(ClickOutcome(False, verified=False, reasons=["invalid_token"]))
                continue
            link = next((k for k in email.links if k.id == target.link_id), None)
            if target.link_id is not None and link is None:
                outcomes.append(ClickOutcome(False, verified=False, reasons=["invalid_token"]))
                continue
            redirect = link.target if link is not None else decoy_target(email)
            skip = not_a_click(request.method, request.headers)
            outcomes.append(ClickOutcome(not skip, target.link_id, reasons=[skip] if skip else [],
                                         target=redirect))
            if skip:
                continue
            if current is None:
                current = clock.now(session)
            when = current if request.at is None else max(request.at, current)
            new.append((index, Click(0, send.id, target.link_id, when,
                                     request.user_agent[:STORED_USER_AGENT], False, "[]"),
                        request.method.upper()))
        if memory is not None:
            memory.clock = current
        if not new:  # nothing verified: nothing stored, not even an id taken
            return outcomes
        first = _reserve(session, len(new), memory)
        new = [(index, click._replace(id=first + n), method)
               for n, (index, click, method) in enumerate(new)]
        verdicts = _reclassify_many(session, [click for _, click, _ in new], sends, settings,
                                    memory)
        for index, click, _method in new:
            outcome, verdict = outcomes[index], verdicts[click.id]
            outcome.click_id = click.id
            outcome.bot, outcome.reasons = verdict.bot, list(verdict.reasons)
        settle = settings.settle_seconds
        insert_tuples(session, ClickRow, _STORED_COLUMNS, (  # stored with their verdicts
            (click.id, click.send_id, sends[click.send_id].campaign_id, click.link_id, click.at,
             click.user_agent, method, verdicts[click.id].bot,
             _reasons_json(verdicts[click.id].reasons), click.at + settle, False)
            for _, click, method in new))
        log_tuples(session, (_event(sends[click.send_id], click) for _, click, _ in new))
        if memory is not None:
            memory.stored(Light(c.id, c.send_id, c.link_id, c.at) for _, c, _ in new)
        return outcomes


def _clock(session: Session, memory: ClickMemory | None) -> float | None:
    """The workspace clock if started (as the writer last saw it, when it knows)."""
    if memory is not None and memory.clock is not None:
        return memory.clock
    return clock.peek(session)


def _reserve(session: Session, count: int, memory: ClickMemory | None) -> int:
    """The first of ``count`` new click ids (the counter as the writer stored it, when it
    knows it)."""
    source = id_source(session)
    if memory is not None and memory.next_click_id is not None:
        source.known(ClickRow, memory.next_click_id)
    first = source.reserve(ClickRow, count)
    if memory is not None:
        memory.next_click_id = first + count
    return first


def _stores_nothing(requests: Sequence[ClickRequest], targets: Sequence[object | None]
                    ) -> bool:
    """Whether none of ``requests`` can be stored (HEAD, prefetch, tokens that do not verify:
    ``targets`` None): those are answered from a read, never waiting for, nor holding, the
    workspace's write lock (mail scanners send many; a flood of forged links cannot queue up
    the writers)."""
    return all(target is None or not_a_click(r.method, r.headers) is not None
               for r, target in zip(requests, targets, strict=True))


def _event(send: _Send, click: Click) -> tuple[Any, ...]:
    return (click.at, send.campaign_id, send.contact_id, "clicked", send.sequence_id,
            link_detail(click.link_id, click.id, send.id))


_STORED_COLUMNS = ("id", "send_id", "campaign_id", "link_id", "at", "user_agent", "method",
                   "bot", "reasons", "evaluate_at", "evaluated")


@lru_cache(maxsize=256)
def _stored_reasons(text: str) -> tuple[str, ...]:
    """A stored click's reasons (few distinct lists: each is parsed once)."""
    return tuple(json.loads(text))


def _reasons_json(reasons: tuple[str, ...]) -> str:
    return json.dumps(list(reasons)) if reasons else "[]"


def _load_sends(session: Session, ids: set[int], memory: ClickMemory | None = None
                ) -> dict[int, _Send]:
    known = memory.sends if memory is not None else {}
    found = {i: known[i] for i in ids if i in known}
    if len(found) < len(ids):
        found.update((row[0], _Send(*row)) for row in rows_in(
            session, "SELECT id, campaign_id, version, email_id, contact_id, sequence_id, "
                     "sent_at FROM sends WHERE id IN :values", ids - found.keys()))
        if memory is not None:
            known.update(found)
    return found


def _email_of(versions: VersionCache, send: _Send,
              found: dict[tuple[str, int, str], Email | None]) -> Email | None:
    """The email that was sent, looked up once per batch in ``found``."""
    key = (send.campaign_id, send.version, send.email_id)
    if key not in found:
        found[key] = versions.get(send.campaign_id, send.version).find_email(send.email_id)
    return found[key]


def _earliest(clicks: list[Click]) -> float:
    return clicks[0].at if len(clicks) == 1 else min(c.at for c in clicks)


def _latest(clicks: list[Click]) -> float:
    return clicks[0].at if len(clicks) == 1 else max(c.at for c in clicks)


def _reclassify_many(session: Session, new_clicks: Sequence[Click],
                     sends: Mapping[int, _Send], settings: engine_settings.EngineSettings,
                     memory: ClickMemory | None = None) -> dict[int, Verdict]:
    """Judges new clicks (not stored yet) against a bounded window of their email's recent
    clicks: at most ``RECENT_CLICKS`` earlier clicks, and of those only the ones close enough in
    time to matter. Earlier clicks within that window may gain reasons from the new ones (a
    honeypot hit or a burst marks the clicks just before it), never lose any: every signal only
    grows with more clicks; those are written here. Returns the verdicts by click id."""
    new_by_send: dict[int, list[Click]] = {}
    for click in new_clicks:
        new_by_send.setdefault(click.send_id, []).append(click)
    reach = 2 * max(settings.honeypot_window_seconds, settings.burst_window_seconds)
    wanted = {send_id: Wanted(RECENT_CLICKS, _earliest(new) - reach, _latest(new) + reach,
                              tuple(new)) for send_id, new in new_by_send.items()}
    loaded = recent_clicks(session, wanted) if memory is None else \
        recent_clicks(session, wanted, memory)
    new_counts = {send_id: len(new) for send_id, new in new_by_send.items()}
    del new_by_send
    verdicts: dict[int, Verdict] = {}
    changed: list[dict[str, Any]] = []
    for send_id, window in loaded.items():
        count = new_counts[send_id]  # the new clicks come last in their window
        earlier, new = window[:-count], window[-count:]
        judge = touched_by(earlier, new, settings)
        whole = full_clicks(session, judge) if judge else {}
        if whole:
            window = [whole.get(row.id, row) for row in window]
        found = classify(window, sends[send_id].sent_at, settings,
                         judge=judge | {row.id for row in new})  # this send's: not the batch's
        for click in whole.values():
            verdict = verdict_of((*_stored_reasons(click.reasons), *found[click.id].reasons))
            reasons = _reasons_json(verdict.reasons)
            if click.bot != verdict.bot or click.reasons != reasons:
                changed.append({"id": click.id, "bot": verdict.bot, "reasons": reasons})
        verdicts.update((row.id, found[row.id]) for row in new)
    update_rows(session, ClickRow, changed)
    return verdicts

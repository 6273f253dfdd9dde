"""Sending what falls due, a batch at a time: store each send (its subject and the values its
body is merged with: the body itself is rendered when read), move each contact on."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from canvas_app.domain.model import Email
from canvas_app.domain.vocabulary import CampaignState, MembershipStatus
from canvas_app.engine import settings as engine_settings
from canvas_app.engine.bulk import collector_paused, insert_tuples, rows, update_tuples
from canvas_app.engine.events_log import log_tuples
from canvas_app.engine.render import Template
from canvas_app.engine.row_ids import id_source
from canvas_app.engine.tokens import workspace_secret
from canvas_app.engine.versions import VersionCache
from canvas_app.store.orm import CampaignRow
from canvas_app.store.orm_runtime import MembershipRow, SendRow

BATCH = 5000
_SEND_COLUMNS = ("id", "campaign_id", "version", "membership_id", "contact_id", "sequence_id",
                 "email_id", "sent_at", "subject", "html", "contact_name", "name_fallback",
                 "tracking_port")
_GOING_ON = ("last_email_pos", "last_email_id", "anchor_at", "next_due_at")
_FINISHING = ("last_email_pos", "last_email_id", "anchor_at", "status", "next_due_at",
              "ended_at")
_EMPTIED = ("status", "next_due_at", "ended_at")


def next_send_due(session: Session) -> float | None:
    return session.scalar(
        select(func.min(MembershipRow.next_due_at))
        .join(CampaignRow, CampaignRow.id == MembershipRow.campaign_id)
        .where(MembershipRow.status == MembershipStatus.ACTIVE,
               CampaignRow.state == CampaignState.ACTIVE))


#: What falls due, earliest first, with the contact it goes to (one query for a batch).
_DUE = ("SELECT m.id, m.campaign_id, m.contact_id, m.sequence_id, m.last_email_pos, "
        "m.next_due_at, c.email, c.name FROM memberships m "
        "JOIN campaigns k ON k.id = m.campaign_id JOIN contacts c ON c.id = m.contact_id "
        "WHERE m.status = :active AND k.state = :running AND m.next_due_at <= :horizon "
        "ORDER BY m.next_due_at, m.id LIMIT :batch")


def send_due(session: Session, horizon: float, floor: float) -> tuple[int, float] | None:
    """Sends one batch of emails due by ``horizon`` (earliest first). A send that fell due while
    its campaign was paused goes out at ``floor``. Returns how many emails went out and the
    time of the last one, or None when nothing was due."""
    with collector_paused():
        return _send_due(session, horizon, floor)


def _send_due(session: Session, horizon: float, floor: float) -> tuple[int, float] | None:
    due = rows(session, _DUE, {"active": str(MembershipStatus.ACTIVE),
                               "running": str(CampaignState.ACTIVE), "horizon": horizon,
                               "batch": BATCH})
    if not due:
        return None
    plans = _Plans(session)
    fallback, port = plans.fallback, plans.port
    next_id = id_source(session).reserve(SendRow, len(due))  # at most one send per row
    sends: list[tuple[object, ...]] = []
    going_on: list[tuple[object, ...]] = []  # moved to their next email
    finishing: list[tuple[object, ...]] = []  # sent their last email
    emptied: list[tuple[object, ...]] = []  # nothing left to send
    events: list[tuple[object, ...]] = []
    latest_time = floor
    finished = MembershipStatus.FINISHED
    last_key = ("", "")  # the (campaign, sequence) of the row before: rows come in runs
    number, emails, steps = 0, list[Email](), list[_Step | None]()
    for m_id, campaign_id, contact_id, sequence_id, pos, due_at, address, name in due:
        if campaign_id != last_key[0] or sequence_id != last_key[1]:
            last_key = (campaign_id, sequence_id)
            number, emails, steps = plans.get(campaign_id, sequence_id)
        index = pos + 1
        sent_at = due_at if due_at > floor else floor  # due_at: selected by <= horizon
        if sent_at > latest_time:
            latest_time = sent_at
        if index >= len(steps):  # nothing left (defensive: republish handles this)
            emptied.append((finished, None, sent_at, m_id))
            continue
        email_id, subject_of, next_delay = steps[index] or plans.step(emails, steps, index)
        send_id = next_id
        next_id += 1
        sends.append((send_id, campaign_id, number, m_id, contact_id, sequence_id, email_id,
                      sent_at, subject_of(address, name), "", name, fallback, port))
        events.append((sent_at, campaign_id, contact_id, "sent", sequence_id, email_id))
        if next_delay is not None:
            going_on.append((index, email_id, sent_at, sent_at + next_delay, m_id))
        else:
            finishing.append((index, email_id, sent_at, finished, None, sent_at, m_id))
            events.append((sent_at, campaign_id, contact_id, "finished", sequence_id, ""))
    insert_tuples(session, SendRow, _SEND_COLUMNS, sends)
    update_tuples(session, MembershipRow, _GOING_ON, going_on)
    update_tuples(session, MembershipRow, _FINISHING, finishing)
    update_tuples(session, MembershipRow, _EMPTIED, emptied)
    log_tuples(session, events)
    return len(sends), latest_time


#: One email of a sequence as a batch sends it: its id, its subject for (address, name), and
#: the delay in seconds before the next email (None: it is the last).
_Step = tuple[str, Callable[[str, str], str], float | None]


class _Plans:
    """What one batch sends from: each campaign's newest version, its sequences' emails
    compiled (each once per batch, when first sent), and the settings they are merged with,
    looked up once per batch."""

    def __init__(self, session: Session) -> None:
        settings = engine_settings.load(session)
        workspace_secret(session)  # made with the first send: its links' tokens are signed by it
        self.port = settings.tracking_port
        self.fallback = settings.first_name_fallback
        self._versions = VersionCache(session)
        self._found: dict[tuple[str, str], tuple[int, list[Email], list[_Step | None]]] = {}

    def get(self, campaign_id: str, sequence_id: str
            ) -> tuple[int, list[Email], list[_Step | None]]:
        """(version number, the sequence's emails, their steps made so far)."""
        plan = self._found.get((campaign_id, sequence_id))
        if plan is None:
            latest = self._versions.latest(campaign_id)
            assert latest is not None
            emails = next(s for s in latest[1].sequences if s.id == sequence_id).emails
            plan = self._found[campaign_id, sequence_id] = (latest[0], emails,
                                                            [None] * len(emails))
        return plan

    def step(self, emails: list[Email], steps: list[_Step | None], index: int) -> _Step:
        """Makes (and keeps in ``steps``) the step of ``emails[index]`` (as from ``get``)."""
        email = emails[index]
        subject_of = Template(email).subject_renderer(self.fallback)
        made = steps[index] = (email.id, subject_of, emails[index + 1].delay_minutes * 60
                               if index + 1 < len(emails) else None)
        return made

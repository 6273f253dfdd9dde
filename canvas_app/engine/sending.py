"""Sending what falls due, a batch at a time: render, track, store, move each contact on."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from canvas_app.domain.model import Sequence
from canvas_app.domain.vocabulary import CampaignState, MembershipStatus
from canvas_app.engine import settings as engine_settings
from canvas_app.engine.bulk import insert_tuples, update_tuples
from canvas_app.engine.events_log import log_tuples
from canvas_app.engine.render import Contact, Template
from canvas_app.engine.row_ids import id_source
from canvas_app.engine.tokens import Signer, tracking_base, workspace_secret
from canvas_app.engine.versions import VersionCache
from canvas_app.store.orm import CampaignRow
from canvas_app.store.orm_runtime import ContactRow, MembershipRow, SendRow

BATCH = 5000
_SEND_COLUMNS = ("id", "campaign_id", "version", "membership_id", "contact_id", "sequence_id",
                 "email_id", "sent_at", "subject", "html")
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


def send_due(session: Session, horizon: float, floor: float) -> tuple[int, float] | None:
    """Sends one batch of emails due by ``horizon`` (earliest first). A send that fell due while
    its campaign was paused goes out at ``floor``. Returns how many emails went out and the
    time of the last one, or None when nothing was due."""
    due = session.execute(
        select(MembershipRow.id, MembershipRow.campaign_id, MembershipRow.contact_id,
               MembershipRow.sequence_id, MembershipRow.last_email_pos, MembershipRow.next_due_at)
        .join(CampaignRow, CampaignRow.id == MembershipRow.campaign_id)
        .where(MembershipRow.status == MembershipStatus.ACTIVE,
               CampaignRow.state == CampaignState.ACTIVE,
               MembershipRow.next_due_at <= horizon)
        .order_by(MembershipRow.next_due_at, MembershipRow.id).limit(BATCH)).all()
    if not due:
        return None
    settings = engine_settings.load(session)
    signer = Signer(workspace_secret(session))
    base = tracking_base(settings.tracking_port)
    fallback = settings.first_name_fallback
    versions = VersionCache(session)
    people = {contact_id: Contact(email, name) for contact_id, email, name in session.execute(
        select(ContactRow.id, ContactRow.email, ContactRow.name)
        .where(ContactRow.id.in_({d.contact_id for d in due})))}
    next_id = id_source(session).reserve(SendRow, len(due))  # at most one send per row
    plans: dict[tuple[str, str], tuple[int, Sequence, list[Template | None]]] = {}
    sends: list[tuple[object, ...]] = []
    going_on: list[tuple[object, ...]] = []  # moved to their next email
    finishing: list[tuple[object, ...]] = []  # sent their last email
    emptied: list[tuple[object, ...]] = []  # nothing left to send
    events: list[tuple[object, ...]] = []
    latest_time = floor
    for m_id, campaign_id, contact_id, sequence_id, pos, due_at in due:
        plan = plans.get((campaign_id, sequence_id))
        if plan is None:
            latest = versions.latest(campaign_id)
            assert latest is not None
            found = next(s for s in latest[1].sequences if s.id == sequence_id)
            plan = plans[campaign_id, sequence_id] = (latest[0], found,
                                                      [None] * len(found.emails))
        number, sequence, templates = plan
        emails = sequence.emails
        index = pos + 1
        assert due_at is not None  # selected by next_due_at <= horizon
        sent_at = due_at if due_at > floor else floor
        if sent_at > latest_time:
            latest_time = sent_at
        if index >= len(emails):  # nothing left (defensive: republish handles this)
            emptied.append((MembershipStatus.FINISHED, None, sent_at, m_id))
            continue
        email = emails[index]
        template = templates[index]
        if template is None:
            template = templates[index] = Template(email)
        send_id = next_id
        next_id += 1
        subject, html = template.render(people[contact_id], _url_maker(base, signer, send_id),
                                        fallback)
        sends.append((send_id, campaign_id, number, m_id, contact_id, sequence_id, email.id,
                      sent_at, subject, html))
        events.append((sent_at, campaign_id, contact_id, "sent", sequence_id, email.id))
        if index + 1 < len(emails):
            going_on.append((index, email.id, sent_at,
                             sent_at + emails[index + 1].delay_minutes * 60, m_id))
        else:
            finishing.append((index, email.id, sent_at, MembershipStatus.FINISHED, None, sent_at,
                              m_id))
            events.append((sent_at, campaign_id, contact_id, "finished", sequence_id, ""))
    insert_tuples(session, SendRow, _SEND_COLUMNS, sends)
    update_tuples(session, MembershipRow, _GOING_ON, going_on)
    update_tuples(session, MembershipRow, _FINISHING, finishing)
    update_tuples(session, MembershipRow, _EMPTIED, emptied)
    log_tuples(session, events)
    return len(sends), latest_time


def _url_maker(base: str, signer: Signer, send_id: int) -> Callable[[str | None], str]:
    return lambda link_id: base + signer.token(send_id, link_id)

"""Sending what falls due, a batch at a time: render, track, store, move each contact on."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from canvas_app.domain.vocabulary import CampaignState, MembershipStatus
from canvas_app.engine import settings as engine_settings
from canvas_app.engine.bulk import insert_rows, update_rows
from canvas_app.engine.events_log import log_many
from canvas_app.engine.render import Contact, Template
from canvas_app.engine.row_ids import id_source
from canvas_app.engine.tokens import Signer, tracking_base, workspace_secret
from canvas_app.engine.versions import VersionCache
from canvas_app.store.orm import CampaignRow
from canvas_app.store.orm_runtime import ContactRow, MembershipRow, SendRow

BATCH = 5000


def next_send_due(session: Session) -> float | None:
    return session.scalar(
        select(func.min(MembershipRow.next_due_at))
        .join(CampaignRow, CampaignRow.id == MembershipRow.campaign_id)
        .where(MembershipRow.status == MembershipStatus.ACTIVE, CampaignRow.state == CampaignState.ACTIVE))


def send_due(session: Session, horizon: float, floor: float) -> tuple[int, float] | None:
    """Sends one batch of emails due by ``horizon`` (earliest first). A send that fell due while
    its campaign was paused goes out at ``floor``. Returns how many emails went out and the
    time of the last one, or None when nothing was due."""
    due = session.execute(
        select(MembershipRow.id, MembershipRow.campaign_id, MembershipRow.contact_id,
               MembershipRow.sequence_id, MembershipRow.last_email_pos, MembershipRow.next_due_at)
        .join(CampaignRow, CampaignRow.id == MembershipRow.campaign_id)
        .where(MembershipRow.status == MembershipStatus.ACTIVE, CampaignRow.state == CampaignState.ACTIVE,
               MembershipRow.next_due_at <= horizon)
        .order_by(MembershipRow.next_due_at, MembershipRow.id).limit(BATCH)).all()
    if not due:
        return None
    settings = engine_settings.load(session)
    signer = Signer(workspace_secret(session))
    base = tracking_base(settings.tracking_port)
    versions = VersionCache(session)
    people = {row.id: Contact(row.email, row.name) for row in session.execute(
        select(ContactRow.id, ContactRow.email, ContactRow.name)
        .where(ContactRow.id.in_({d.contact_id for d in due})))}
    next_id = id_source(session).reserve(SendRow, len(due))  # at most one send per row
    templates: dict[tuple[str, int, str], Template] = {}
    sends: list[dict[str, object]] = []
    moves: list[dict[str, object]] = []
    events: list[dict[str, object]] = []
    latest_time = floor
    for m_id, campaign_id, contact_id, sequence_id, pos, due_at in due:
        latest = versions.latest(campaign_id)
        assert latest is not None
        number, version = latest
        sequence = next(s for s in version.sequences if s.id == sequence_id)
        index = pos + 1
        assert due_at is not None  # selected by next_due_at <= horizon
        sent_at = max(due_at, floor)
        latest_time = max(latest_time, sent_at)
        if index >= len(sequence.emails):  # nothing left (defensive: republish handles this)
            moves.append({"id": m_id, "status": MembershipStatus.FINISHED, "next_due_at": None,
                          "ended_at": sent_at})
            continue
        email = sequence.emails[index]
        key = (campaign_id, number, email.id)
        if key not in templates:
            templates[key] = Template(email)
        template = templates[key]
        send_id = next_id
        next_id += 1
        subject, html = template.render(people[contact_id], _url_maker(base, signer, send_id),
                                        settings.first_name_fallback)
        sends.append({"id": send_id, "campaign_id": campaign_id, "version": number,
                      "membership_id": m_id, "contact_id": contact_id,
                      "sequence_id": sequence_id, "email_id": email.id, "sent_at": sent_at,
                      "subject": subject, "html": html})
        events.append({"at": sent_at, "campaign_id": campaign_id, "contact_id": contact_id,
                       "kind": "sent", "node_id": sequence_id, "detail": email.id})
        move = {"id": m_id, "last_email_pos": index, "last_email_id": email.id,
                "anchor_at": sent_at}
        if index + 1 < len(sequence.emails):
            move["next_due_at"] = sent_at + sequence.emails[index + 1].delay_minutes * 60
        else:
            move.update(status=MembershipStatus.FINISHED, next_due_at=None, ended_at=sent_at)
            events.append({"at": sent_at, "campaign_id": campaign_id, "contact_id": contact_id,
                           "kind": "finished", "node_id": sequence_id, "detail": ""})
        moves.append(move)
    insert_rows(session, SendRow, sends)
    update_rows(session, MembershipRow, moves)
    log_many(session, events)
    return len(sends), latest_time


def _url_maker(base: str, signer: Signer, send_id: int) -> Callable[[str | None], str]:
    return lambda link_id: base + signer.token(send_id, link_id)

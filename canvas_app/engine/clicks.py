"""Recording clicks on tracked links, exactly as the tracking server does.

The token must verify against the workspace secret; the redirect target comes from the stored
link of the published version that was sent, never from the URL.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from canvas_app.domain.links import WEB_SCHEMES
from canvas_app.domain.model import Email
from canvas_app.engine import clock
from canvas_app.engine import settings as engine_settings
from canvas_app.engine.bots import ClickFacts, classify, not_a_click
from canvas_app.engine.events_log import log
from canvas_app.engine.tokens import Signer, token_from_url, workspace_secret
from canvas_app.engine.versions import VersionCache
from canvas_app.store.orm_runtime import ClickRow, SendRow
from canvas_app.store.workspace import Workspace


@dataclass
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


def _email_of(versions: VersionCache, send: SendRow) -> Email | None:
    campaign = versions.get(send.campaign_id, send.version)
    return next((e for _, e in campaign.all_emails() if e.id == send.email_id), None)


def decoy_target(email: Email) -> str | None:
    """Where the honeypot redirects: the email's first web link, so it looks like any other."""
    return next((k.target for k in email.links
                 if k.target.split(":", 1)[0].lower() in WEB_SCHEMES), None)


def record_click(workspace: Workspace, url: str, *, user_agent: str = "", method: str = "GET",
                 headers: Mapping[str, str] | None = None, at: float | None = None
                 ) -> ClickOutcome:
    token = token_from_url(url) if "/" in url else url.strip()
    with workspace.transaction() as session:
        target = Signer(workspace_secret(session)).verify(token or "")
        send = session.get(SendRow, target.send_id) if target else None
        versions = VersionCache(session)
        email = _email_of(versions, send) if send else None
        if target is None or send is None or email is None:
            return ClickOutcome(False, verified=False, reasons=["invalid_token"])
        if target.link_id is None:
            redirect = decoy_target(email)
        else:
            link = next((k for k in email.links if k.id == target.link_id), None)
            if link is None:
                return ClickOutcome(False, verified=False, reasons=["invalid_token"])
            redirect = link.target
        skip = not_a_click(method, headers or {})
        if skip:
            return ClickOutcome(False, target.link_id, reasons=[skip], target=redirect)
        settings = engine_settings.load(session)
        when = clock.now(session) if at is None else at
        row = ClickRow(send_id=send.id, campaign_id=send.campaign_id, link_id=target.link_id,
                       at=when, user_agent=user_agent, method=method.upper(), bot=False,
                       reasons="[]", evaluate_at=when + settings.settle_seconds, evaluated=False)
        session.add(row)
        session.flush()
        reclassify(session, send, settings)
        log(session, when, send.campaign_id, "clicked", contact_id=send.contact_id,
            node_id=send.sequence_id,
            detail=json.dumps({"link": target.link_id, "click": row.id, "send": send.id}))
        return ClickOutcome(True, target.link_id, row.bot, json.loads(row.reasons), redirect,
                            row.id)


def reclassify(session: Session, send: SendRow, settings: engine_settings.EngineSettings) -> None:
    """Re-judges every click of the send in the light of the others (bursts, honeypot)."""
    rows = list(session.scalars(select(ClickRow).where(ClickRow.send_id == send.id)
                                .order_by(ClickRow.at, ClickRow.id)))
    facts = [ClickFacts(r.id, r.link_id, r.at, r.user_agent) for r in rows]
    verdicts = classify(facts, send.sent_at, settings)
    for row in rows:
        verdict = verdicts[row.id]
        reasons = json.dumps(list(verdict.reasons))
        if row.bot != verdict.bot or row.reasons != reasons:
            row.bot, row.reasons = verdict.bot, reasons

"""A headless end-to-end run of the demo campaign with a few hundred contacts, some of them
behind a mail security gateway that opens every link. The same seeded run is made twice, with
and without the bot filter, so the report can show what the filter prevented.

It runs in scratch workspaces in a temporary folder and never touches the user's workspace.
"""

from __future__ import annotations

import heapq
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from canvas_app.domain.interchange import read_campaign_file
from canvas_app.domain.model import BotPolicy
from canvas_app.engine import clock, lifecycle
from canvas_app.engine.clicks import record_click
from canvas_app.engine.contacts import import_csv
from canvas_app.engine.enrolment import enroll
from canvas_app.engine.publishing import publish
from canvas_app.engine.reports import Report, report
from canvas_app.engine.runner import advance_to
from canvas_app.engine.sending import next_send_due
from canvas_app.engine.settings import load as load_settings
from canvas_app.engine.tokens import Signer, tracking_base, workspace_secret
from canvas_app.resources import resource_path
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.orm_runtime import ContactRow, SendRow
from canvas_app.store.workspace import Workspace

SAMPLE = "yoga-trial.campaign.json"
ENTRY = "nurture"
SCANNED_DOMAIN = "northwind-legal.example"
BROWSER = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/124.0 Safari/537.36")
PHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
         "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1")
#: Which link a person clicks in which email, and how likely.
INTEREST = {"nurture-1": [("book-trial", 0.22), ("see-prices", 0.12)],
            "nurture-2": [("book-trial-2", 0.12), ("timetable", 0.10)],
            "nurture-3": [("book-trial-3", 0.08)]}
FIRST = ["Ava", "Ben", "Chloe", "Dev", "Elena", "Finn", "Grace", "Hugo", "Isla", "Jon", "Kira",
         "Liam", "Maya", "Noah", "Olga", "Pia", "Raj", "Sara", "Tom", "Uma", "Vik", "Wen"]


@dataclass
class DemoResult:
    contacts: int
    scanned_contacts: int
    days: int
    filtered: Report  # with the bot filter (ignore_bots)
    unfiltered: Report  # the same clicks with count_all


def run_demo(contacts: int = 300, days: int = 10, seed: int = 2026) -> DemoResult:
    with tempfile.TemporaryDirectory(prefix="campaign-canvas-demo-") as folder:
        filtered = _run(Path(folder) / "filtered.ws", BotPolicy.IGNORE_BOTS, contacts, days, seed)
        unfiltered = _run(Path(folder) / "unfiltered.ws", BotPolicy.COUNT_ALL, contacts, days,
                          seed)
    scanned = sum(1 for i in range(contacts) if _address(i).endswith(SCANNED_DOMAIN))
    return DemoResult(contacts, scanned, days, filtered, unfiltered)


def _address(i: int) -> str:
    domain = SCANNED_DOMAIN if i % 4 == 0 else ("gmail.example" if i % 2 else "mail.example")
    return f"{FIRST[i % len(FIRST)].lower()}.{i}@{domain}"


def _run(path: Path, policy: BotPolicy, contacts: int, days: int, seed: int) -> Report:
    rng = random.Random(seed)
    with Workspace.open(path, create=True) as ws:
        campaign = read_campaign_file(resource_path("samples", SAMPLE))
        campaign.set_bot_policy(policy)
        CampaignStore(ws).add(campaign)
        publish(ws, campaign.id)
        lifecycle.activate(ws, campaign.id)
        csv_path = path.with_suffix(".csv")
        rows = [f"{_address(i)},{FIRST[i % len(FIRST)]} {chr(65 + i % 26)}."
                for i in range(contacts)]
        csv_path.write_text("email,name\n" + "\n".join(rows) + "\n", "utf-8")
        import_csv(ws, csv_path)
        enroll(ws, campaign.id, ENTRY, [_address(i) for i in range(contacts)])
        with ws.transaction() as session:
            start = clock.now(session)
            signer = Signer(workspace_secret(session))
            base = tracking_base(load_settings(session).tracking_port)
        planned: list[tuple[float, int, str, str]] = []  # (time, order, url, user agent)
        order = 0
        seen = 0
        end = start + days * 86400
        now = start
        while now < end:
            with ws.reading() as session:
                due = next_send_due(session)
            target = min(end, now + 3600, max(now, due) if due is not None else end)
            target = min(target, planned[0][0]) if planned else target
            advance_to(ws, target)
            now = target
            while planned and planned[0][0] <= now:
                _, _, url, agent = heapq.heappop(planned)
                record_click(ws, url, user_agent=agent, at=now)
            seen, order = plan_clicks(ws, seen, order, planned, rng, base, signer)
        return report(ws, campaign.id)


Planned = list[tuple[float, int, str, str]]  # (time, order, url, user agent): a heap


def plan_clicks(ws: Workspace, seen: int, order: int, planned: Planned, rng: random.Random,
                base: str, signer: Signer) -> tuple[int, int]:
    """Plans how the contacts will react to the emails sent since send ``seen`` (pushed onto
    ``planned``); the newest send id and the order counter, for the next call."""
    with ws.reading() as session:
        new = session.execute(
            select(SendRow.id, SendRow.email_id, SendRow.sent_at, ContactRow.email)
            .join(ContactRow, ContactRow.id == SendRow.contact_id)
            .where(SendRow.id > seen).order_by(SendRow.id)).all()
    for send_id, email_id, sent_at, address in new:
        seen = max(seen, send_id)
        for when, link, agent in _behaviour(rng, email_id, sent_at, address):
            order += 1
            heapq.heappush(planned, (when, order, base + signer.token(send_id, link), agent))
    return seen, order


def _behaviour(rng: random.Random, email_id: str, sent_at: float, address: str
               ) -> list[tuple[float, str | None, str]]:
    """The clicks one delivered email receives: (time, link id or None for honeypot, agent)."""
    clicks: list[tuple[float, str | None, str]] = []
    links = [link for link, _ in INTEREST.get(email_id, [])]
    if address.endswith(SCANNED_DOMAIN):
        t = sent_at + rng.uniform(8, 40)
        for link in [*links, None]:  # the gateway opens every link, the invisible one too
            clicks.append((t, link, BROWSER))
            t += rng.uniform(0.2, 1.5)
    for link, chance in INTEREST.get(email_id, []):
        if rng.random() < chance:
            clicks.append((sent_at + rng.uniform(2 * 3600, 30 * 3600), link,
                           rng.choice([BROWSER, PHONE])))
            break
    return clicks

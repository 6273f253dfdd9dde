"""The engine's outputs on a small run of the benchmark's scenario, for checking that a faster
engine says exactly what the original one said.

Two seeded runs in scratch workspaces with a fixed tracking secret and a fixed clock start:

- the demo campaign (yoga) with 300 contacts, a quarter of them behind a link-scanning mail
  gateway, for 30 days, clicks recorded a batch at a time as they fall due (``ignore_bots``);
- the benchmark's campaign (sourdough) with 200 contacts: every first email clicked in one
  batch, mixed with scanner clicks (crawler names, no name, honeypot hits, bursts, HEAD and
  prefetch requests, forged tokens), then 30 days (``count_all``).

The outputs are what a user sees through the command line: ``report --json`` and ``--csv``,
``status --json``, ``explain --json`` and ``inbox --json`` of a few contacts, and the event log
in words (``simulation.log`` with ``describe``, as the Simulation panel shows it).

    python tests/benchmarks/equivalence.py --write   # (re)writes the fixture

The fixture tests/engine/fixtures/equivalence.json was written by the engine before the
performance work (issue 16); tests/engine/test_equivalence.py asserts it is reproduced. It was
written again once, on 2026-11-28, when the event log began naming each send by the subject
its contact got: the 1,548 "sent an email" lines became "sent '<subject>'", and every other
line and figure stayed as the original engine wrote it.
"""

from __future__ import annotations

import argparse
import contextlib
import heapq
import io
import json
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import select

from canvas_app.cli.main import main as cli_main
from canvas_app.domain.interchange import read_campaign_file
from canvas_app.domain.model import BotPolicy
from canvas_app.engine import clock, lifecycle, simulation
from canvas_app.engine.clicks import ClickRequest, record_clicks
from canvas_app.engine.contacts import import_csv
from canvas_app.engine.demo import BROWSER, FIRST, PHONE, SCANNED_DOMAIN, plan_clicks
from canvas_app.engine.enrolment import enroll
from canvas_app.engine.publishing import publish
from canvas_app.engine.runner import advance, advance_to
from canvas_app.engine.sending import next_send_due
from canvas_app.engine.settings import load as load_settings
from canvas_app.engine.tokens import SECRET_KEY, Signer, tracking_base
from canvas_app.engine.versions import VersionCache
from canvas_app.resources import resource_path
from canvas_app.store import meta
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.orm_runtime import ContactRow, SendRow
from canvas_app.store.workspace import Workspace

FIXTURE = Path(__file__).resolve().parents[1] / "engine" / "fixtures" / "equivalence.json"
SECRET = "5eed" * 16
START = 1_780_000_020.0  # a fixed clock start: a Thursday in 2026, on a whole minute
CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def _workspace(path: Path) -> Workspace:
    ws = Workspace.open(path, create=True)
    with ws.transaction() as session:
        meta.put(session, SECRET_KEY, SECRET)
        clock.set_now(session, START)
    return ws


def _cli(path: Path, *args: str) -> Any:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = cli_main(["--workspace", str(path), *args])
    assert code == 0, (args, code)
    text = out.getvalue()
    return json.loads(text) if "--json" in args else text


def _outputs(path: Path, campaign_id: str, addresses: list[str]) -> dict[str, Any]:
    ws = Workspace.open(path)
    try:
        names: dict[str, str] = {}
        links: dict[str, str] = {}
        with ws.reading() as session:
            latest = VersionCache(session).latest(campaign_id)
            assert latest is not None
            version = latest[1]
        names.update({s.id: s.name for s in version.sequences})
        names.update({g.id: g.name for g in version.goals})
        for _, email in version.all_emails():
            links.update({k.id: k.text for k in email.links})
        log = [simulation.describe(entry, names, links) + f" @{entry.at:.3f}"
               for entry in simulation.log(ws, campaign_id, limit=1_000_000)]
        per_contact = {}
        for address in addresses[:3]:
            with ws.reading() as session:
                contact_id = session.scalar(select(ContactRow.id)
                                            .where(ContactRow.email == address))
            per_contact[address] = [
                simulation.describe(entry, names, links) + f" @{entry.at:.3f}"
                for entry in simulation.log(ws, campaign_id, contact_id, limit=1000)]
    finally:
        ws.close()
    return {
        "report_json": _cli(path, "report", campaign_id, "--json"),
        "report_csv": _cli(path, "report", campaign_id, "--csv"),
        "report_text": _cli(path, "report", campaign_id),
        "status_json": _cli(path, "status", campaign_id, "--json"),
        "explain_json": {a: _cli(path, "explain", a, "--json") for a in addresses},
        "inbox_json": {a: _cli(path, "inbox", a, "--json") for a in addresses},
        "event_log": log,
        "event_log_per_contact": per_contact,
    }


def _address(i: int) -> str:
    domain = SCANNED_DOMAIN if i % 4 == 0 else ("gmail.example" if i % 2 else "mail.example")
    return f"{FIRST[i % len(FIRST)].lower()}.{i}@{domain}"


def yoga(folder: Path, contacts: int = 300, days: int = 30, seed: int = 2026) -> dict[str, Any]:
    """The demo's run, clicks recorded in batches as they fall due."""
    rng = random.Random(seed)
    path = folder / "yoga.ws"
    ws = _workspace(path)
    try:
        campaign = read_campaign_file(resource_path("samples", "yoga-trial.campaign.json"))
        campaign.set_bot_policy(BotPolicy.IGNORE_BOTS)
        CampaignStore(ws).add(campaign)
        publish(ws, campaign.id)
        lifecycle.activate(ws, campaign.id)
        csv_path = folder / "yoga.csv"
        csv_path.write_text("email,name\n" + "".join(
            f"{_address(i)},{FIRST[i % len(FIRST)]} {chr(65 + i % 26)}.\n"
            for i in range(contacts)), "utf-8")
        import_csv(ws, csv_path)
        enroll(ws, campaign.id, "nurture", [_address(i) for i in range(contacts)])
        with ws.reading() as session:
            signer = Signer(bytes.fromhex(SECRET))
            base = tracking_base(load_settings(session).tracking_port)
        planned: list[tuple[float, int, str, str]] = []
        order = seen = 0
        now, end = START, START + days * 86400
        while now < end:
            with ws.reading() as session:
                due = next_send_due(session)
            target = min(end, now + 3600, max(now, due) if due is not None else end)
            target = min(target, planned[0][0]) if planned else target
            advance_to(ws, target)
            now = target
            batch: list[ClickRequest] = []
            while planned and planned[0][0] <= now:
                _, _, url, agent = heapq.heappop(planned)
                batch.append(ClickRequest(url, agent, at=now))
            if batch:
                record_clicks(ws, batch)
            seen, order = plan_clicks(ws, seen, order, planned, rng, base, signer)
    finally:
        ws.close()
    picks = [_address(i) for i in (0, 1, 2, 3, 4, 8, 13, 21, 77, 299) if i < contacts]
    return _outputs(path, campaign.id, picks)


def sourdough(folder: Path, contacts: int = 200, days: int = 30, seed: int = 16
              ) -> dict[str, Any]:
    """The benchmark's run, small: every first email clicked in one batch among scanners."""
    rng = random.Random(seed)
    path = folder / "sourdough.ws"
    ws = _workspace(path)
    try:
        campaign = read_campaign_file(resource_path("samples",
                                                    "sourdough-ebook.campaign.json"))
        campaign.set_bot_policy(BotPolicy.COUNT_ALL)
        CampaignStore(ws).add(campaign)
        publish(ws, campaign.id)
        lifecycle.activate(ws, campaign.id)
        csv_path = folder / "sourdough.csv"
        csv_path.write_text("email,name\n" + "".join(
            f"c{i}@example.com,{'' if i % 7 == 0 else f'Contact {i}'}\n"
            for i in range(contacts)), "utf-8")
        import_csv(ws, csv_path)
        enroll(ws, campaign.id, "ebook-welcome", [f"c{i}@example.com" for i in range(contacts)])
        advance(ws, 25 * 3600)
        with ws.reading() as session:
            base = tracking_base(load_settings(session).tracking_port)
            sends = session.execute(select(SendRow.id, SendRow.email_id, SendRow.sent_at)
                                    .order_by(SendRow.id)).all()
        signer = Signer(bytes.fromhex(SECRET))
        links = {e.id: [k.id for k in e.links] for _, e in campaign.all_emails()}
        requests: list[ClickRequest] = []
        t = START + 25 * 3600
        for send_id, email_id, _sent_at in sends:
            kind = rng.randrange(10)
            own = links.get(email_id) or [None]
            if kind == 0:  # a gateway: every link and the honeypot within a second or two
                for link in [*own, None]:
                    requests.append(ClickRequest(base + signer.token(send_id, link), BROWSER,
                                                 at=t + rng.uniform(0, 2)))
            elif kind == 1:
                requests.append(ClickRequest(base + signer.token(send_id, own[0]), CRAWLER))
            elif kind == 2:
                requests.append(ClickRequest(signer.token(send_id, own[-1]), ""))
            elif kind == 3:
                requests.append(ClickRequest(base + signer.token(send_id, own[0]), BROWSER,
                                             method="HEAD"))
                requests.append(ClickRequest(base + signer.token(send_id, own[0]), PHONE,
                                             headers={"Sec-Purpose": "prefetch"}))
            elif kind == 4:
                requests.append(ClickRequest(base + signer.token(send_id, own[0])[:-2] + "AA",
                                             BROWSER))
            elif kind in (5, 6, 7):
                requests.append(ClickRequest(base + signer.token(send_id, own[0]),
                                             rng.choice([BROWSER, PHONE]),
                                             at=t + rng.uniform(0, 3600)))
                if kind == 7:  # and again, on the same link, a little later
                    requests.append(ClickRequest(base + signer.token(send_id, own[0]), PHONE,
                                                 at=t + rng.uniform(3600, 7200)))
        outcomes = record_clicks(ws, requests)
        advance(ws, 3 * 3600)
        late = [ClickRequest(base + signer.token(s, (links.get(e) or [None])[-1]), PHONE)
                for s, e, _ in sends[::9]]
        outcomes += record_clicks(ws, late)
        advance(ws, (days - 1) * 86400)
    finally:
        ws.close()
    result = _outputs(path, campaign.id, [f"c{i}@example.com" for i in (0, 1, 2, 3, 10, 11, 57)])
    result["click_outcomes"] = [o.to_json() | {"verified": o.verified, "target": o.target}
                                for o in outcomes]
    return result


def run_all() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="canvas-equivalence-") as folder:
        return {"yoga": yoga(Path(folder)), "sourdough": sourdough(Path(folder))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write the fixture")
    args = parser.parse_args()
    data = run_all()
    if args.write:
        FIXTURE.parent.mkdir(exist_ok=True)
        FIXTURE.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                           "utf-8")
        print(f"wrote {FIXTURE}")
    else:
        expected = json.loads(FIXTURE.read_text("utf-8"))
        print("identical" if expected == data else "DIFFERENT")


if __name__ == "__main__":
    main()

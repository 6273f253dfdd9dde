"""Engine throughput: sends/s and clicks/s end to end, against raw sqlite3.executemany of the
same rows in the same run.

    python tests/benchmarks/bench_engine.py [--contacts 10000] [--days 30]

Prints figures and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import select

from canvas_app.domain.interchange import read_campaign_file
from canvas_app.engine import lifecycle
from canvas_app.engine.clicks import ClickRequest, record_clicks
from canvas_app.engine.contacts import import_csv
from canvas_app.engine.enrolment import enroll
from canvas_app.engine.publishing import publish
from canvas_app.engine.runner import advance
from canvas_app.engine.settings import load as load_settings
from canvas_app.engine.tokens import Signer, tracking_base, workspace_secret
from canvas_app.resources import resource_path
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.orm_runtime import SendRow
from canvas_app.store.workspace import Workspace
from tests.benchmarks.figures import record

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run(Path(folder), args.contacts, args.days)


def run(folder: Path, contacts: int, days: int) -> None:
    """The bakery sample: two welcome emails a day apart; a click on the download link
    achieves the goal and enrols the contact in a class invitation sent two days later, so
    sends and click evaluation are timed apart."""
    ws = Workspace.open(folder / "bench.ws", create=True)
    campaign = read_campaign_file(resource_path("samples", "sourdough-ebook.campaign.json"))
    CampaignStore(ws).add(campaign)
    publish(ws, campaign.id)
    lifecycle.activate(ws, campaign.id)
    csv_path = folder / "contacts.csv"
    csv_path.write_text("email,name\n" + "".join(f"c{i}@example.com,Contact {i}\n"
                                                 for i in range(contacts)), "utf-8")
    t = time.perf_counter()
    import_csv(ws, csv_path)
    enroll(ws, campaign.id, "ebook-welcome", [f"c{i}@example.com" for i in range(contacts)])
    setup = time.perf_counter() - t

    t = time.perf_counter()
    result = advance(ws, 25 * 3600)  # both welcome emails go out
    send_seconds = time.perf_counter() - t
    sent = result.sent

    with ws.reading() as session:
        signer = Signer(workspace_secret(session))
        base = tracking_base(load_settings(session).tracking_port)
        settle = load_settings(session).settle_seconds
        first = list(session.execute(select(SendRow.id).where(SendRow.email_id == "ebook-1")
                                     .order_by(SendRow.id).limit(contacts)).scalars())
    requests = [ClickRequest(base + signer.token(send_id, "download-guide"), BROWSER)
                for send_id in first]
    t = time.perf_counter()
    record_clicks(ws, requests)
    record_seconds = time.perf_counter() - t
    t = time.perf_counter()
    settled = advance(ws, settle + 1)  # every click is judged; goals; enrolment in the class
    evaluate_seconds = time.perf_counter() - t
    click_seconds = record_seconds + evaluate_seconds
    t = time.perf_counter()
    rest = advance(ws, (days - 2) * 86400)
    rest_seconds = time.perf_counter() - t
    with ws.reading() as session:
        rows = [(r.id, r.campaign_id, r.version, r.membership_id, r.contact_id, r.sequence_id,
                 r.email_id, r.sent_at, r.subject, r.html)
                for r in session.scalars(select(SendRow).limit(sent))]
    ws.close()

    raw_sends = raw_insert(folder / "raw.db", "sends", rows)
    raw_clicks = raw_insert(folder / "raw2.db", "clicks",
                            [(i, r[0], r[1], "download-guide", r[7], BROWSER, "GET", 0, "[]",
                              r[7] + 20, 1) for i, r in enumerate(rows[:len(requests)])])
    n = len(requests)
    print(f"contacts: {contacts}, simulated days: {days}, set-up (import + enrol): {setup:.2f} s")
    print(f"sends:  {sent} in {send_seconds:.2f} s = {sent / send_seconds:,.0f}/s "
          f"(target >= 20,000/s); raw executemany of the same rows {len(rows) / raw_sends:,.0f}/s;"
          f" ratio {send_seconds / raw_sends:.1f}x (target <= 5x)")
    print(f"clicks: {n} recorded in {record_seconds:.2f} s and judged, with "
          f"{settled.goals_achieved} goals achieved, in {evaluate_seconds:.2f} s = "
          f"{n / click_seconds:,.0f}/s end to end (target >= 20,000/s); raw executemany "
          f"{n / raw_clicks:,.0f}/s; ratio {click_seconds / raw_clicks:.1f}x (target <= 5x)")
    whole = send_seconds + click_seconds + rest_seconds
    record("engine_sends_per_s", sent / send_seconds, "/s", baseline=len(rows) / raw_sends,
           ratio=(sent / send_seconds) / (len(rows) / raw_sends), target=">= 50000")
    record("engine_sends_ratio_to_floor", send_seconds / raw_sends, "x", target="<= 1.5")
    record("engine_clicks_per_s", n / click_seconds, "/s", baseline=n / raw_clicks,
           ratio=(n / click_seconds) / (n / raw_clicks), target=">= 50000")
    record("engine_clicks_ratio_to_floor", click_seconds / raw_clicks, "x", target="<= 1.5")
    name = "simulation_100k_contacts_30d_s" if (contacts, days) == (100_000, 30) else \
        f"simulation_{contacts}_contacts_{days}d_s"
    record(name, whole, "s", target="<= 30" if contacts == 100_000 else None)
    print(f"the rest of {days} days ({rest.sent} class invitations): {rest_seconds:.2f} s; "
          f"30 days with {contacts} contacts and {n} clicks in all: "
          f"{whole:.2f} s")


def raw_insert(path: Path, table: str, rows: list[tuple[object, ...]]) -> float:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    width = len(rows[0])
    conn.execute(f"create table {table} ({', '.join(f'c{i}' for i in range(width))})")
    t = time.perf_counter()
    with conn:
        conn.executemany(f"insert into {table} values ({', '.join('?' * width)})", rows)
    elapsed = time.perf_counter() - t
    conn.close()
    return elapsed


if __name__ == "__main__":
    main()

"""Engine throughput: sends/s and clicks/s end to end, against the floor: the same writes
made with sqlite3.executemany into the same schema (the real tables with their indexes), from
the same starting state, in the same run (see floor.py).

    python tests/benchmarks/bench_engine.py [--contacts 10000] [--days 30] [--runs 1]

Prints figures and ratios (min and median over the runs; the median is recorded); asserts
nothing. ``--contacts 100000 --days 30`` records simulation_100k_contacts_30d_s and the peak
memory simulation_100k_peak_mb. ``--postgresql`` runs the same rows on SQLite and on a
throwaway PostgreSQL cluster (tests/pg.py) in the same run, and records the PostgreSQL figures
(engine_pg_*) with SQLite's as their baseline.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
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
from tests.benchmarks.floor import difference, floor_seconds, snapshot

#: Above this many contacts the floor is not measured (its row-by-row comparison would hold
#: every row of the run in memory); run the default size for it.
FLOOR_CONTACTS = 20_000
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@dataclass
class Run:
    sent: int
    send_s: float
    send_floor_s: float
    send_rows: int
    clicks: int
    record_s: float
    evaluate_s: float
    click_floor_s: float
    click_rows: int
    goals: int
    rest_sent: int
    rest_s: float
    setup_s: float
    peak_mb: float

    @property
    def click_s(self) -> float:
        return self.record_s + self.evaluate_s

    @property
    def whole_s(self) -> float:
        return self.send_s + self.click_s + self.rest_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--postgresql", action="store_true",
                        help="the same run on SQLite and on PostgreSQL, side by side")
    args = parser.parse_args()
    if args.postgresql:
        compare_postgresql(args.contacts, args.days)
        return
    runs = []
    for _ in range(max(1, args.runs)):
        with tempfile.TemporaryDirectory() as folder:
            runs.append(run(Path(folder), args.contacts, args.days))
        show(runs[-1], args.contacts, args.days)
    summarise(runs, args.contacts, args.days)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def compare_postgresql(contacts: int, days: int) -> None:
    from tests.pg import Cluster, missing_binaries

    reason = missing_binaries()
    if reason:
        print(f"PostgreSQL figures not measured: {reason}")
        return
    cluster = Cluster()
    try:
        with tempfile.TemporaryDirectory() as folder:
            lite = run(Path(folder), contacts, days, floor=False)
        with tempfile.TemporaryDirectory() as folder:
            pg = run(Path(folder), contacts, days, url=cluster.url(cluster.new_database()))
    finally:
        cluster.stop()
    for name, r in (("SQLite", lite), ("PostgreSQL", pg)):
        print(f"{name:>10}: sends {r.sent / r.send_s:,.0f}/s, clicks {r.clicks / r.click_s:,.0f}"
              f"/s end to end, {days} days in {r.whole_s:.2f} s")
    record("engine_pg_sends_per_s", pg.sent / pg.send_s, "/s", baseline=lite.sent / lite.send_s,
           ratio=(pg.sent / pg.send_s) / (lite.sent / lite.send_s))
    record("engine_pg_clicks_per_s", pg.clicks / pg.click_s, "/s",
           baseline=lite.clicks / lite.click_s,
           ratio=(pg.clicks / pg.click_s) / (lite.clicks / lite.click_s))
    record(f"simulation_pg_{contacts}_contacts_{days}d_s", pg.whole_s, "s",
           baseline=lite.whole_s, ratio=pg.whole_s / lite.whole_s)


def run(folder: Path, contacts: int, days: int, *, url: str | None = None,
        floor: bool = True) -> Run:
    """The bakery sample: two welcome emails a day apart; a click on the download link
    achieves the goal and enrols the contact in a class invitation sent two days later, so
    sends and click evaluation are timed apart. With ``url``, on that PostgreSQL database
    (without the SQLite floor)."""
    path = folder / "bench.ws"
    ws = Workspace.open(url or path, create=True)
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
    with_floor = floor and url is None and contacts <= FLOOR_CONTACTS
    copies = [folder / name for name in ("before-sends.db", "after-sends.db", "after-clicks.db")]

    if with_floor:
        snapshot(path, copies[0])
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
    clicks = len(requests)
    del first
    if with_floor:
        snapshot(path, copies[1])
    t = time.perf_counter()
    record_clicks(ws, requests)
    record_seconds = time.perf_counter() - t
    t = time.perf_counter()
    settled = advance(ws, settle + 1)  # every click is judged; goals; enrolment in the class
    evaluate_seconds = time.perf_counter() - t
    del requests
    if with_floor:
        snapshot(path, copies[2])
    t = time.perf_counter()
    rest = advance(ws, (days - 2) * 86400)
    rest_seconds = time.perf_counter() - t
    peak = _peak_mb()  # the simulation's peak, before the floor's comparisons
    ws.close()
    send_floor = click_floor = 0.0
    send_rows = click_rows = 0
    if with_floor:
        writes = difference(copies[0], copies[1])
        send_rows, send_floor = writes.rows, floor_seconds(copies[0], writes)
        writes = difference(copies[1], copies[2])
        click_rows, click_floor = writes.rows, floor_seconds(copies[1], writes)
    return Run(sent, send_seconds, send_floor, send_rows, clicks, record_seconds,
               evaluate_seconds, click_floor, click_rows, settled.goals_achieved, rest.sent,
               rest_seconds, setup, peak)


def show(r: Run, contacts: int, days: int) -> None:
    print(f"contacts: {contacts}, simulated days: {days}, set-up (import + enrol): "
          f"{r.setup_s:.2f} s")
    floor = (f"; floor (executemany of the same {r.send_rows} row writes into the same schema) "
             f"{r.sent / r.send_floor_s:,.0f}/s, ratio {r.send_s / r.send_floor_s:.2f}x"
             if r.send_floor_s else "")
    print(f"sends:  {r.sent} in {r.send_s:.2f} s = {r.sent / r.send_s:,.0f}/s{floor}")
    floor = (f"; floor (executemany of the same {r.click_rows} row writes) "
             f"{r.clicks / r.click_floor_s:,.0f}/s, ratio {r.click_s / r.click_floor_s:.2f}x"
             if r.click_floor_s else "")
    print(f"clicks: {r.clicks} recorded in {r.record_s:.2f} s and judged, with {r.goals} goals "
          f"achieved, in {r.evaluate_s:.2f} s = {r.clicks / r.click_s:,.0f}/s end to end{floor}")
    print(f"the rest of {days} days ({r.rest_sent} class invitations): {r.rest_s:.2f} s; "
          f"{days} days with {contacts} contacts and {r.clicks} clicks in all: "
          f"{r.whole_s:.2f} s; peak memory {r.peak_mb:.0f} MB")


def summarise(runs: list[Run], contacts: int, days: int) -> None:
    def both(values: list[float]) -> tuple[float, float]:
        return min(values), statistics.median(values)

    sends = [r.sent / r.send_s for r in runs]
    clicks = [r.clicks / r.click_s for r in runs]
    whole = [r.whole_s for r in runs]
    peak = [r.peak_mb for r in runs]
    if len(runs) > 1:
        print(f"over {len(runs)} runs (min / median): sends/s {both(sends)[0]:,.0f} / "
              f"{both(sends)[1]:,.0f}; clicks/s {both(clicks)[0]:,.0f} / {both(clicks)[1]:,.0f};"
              f" whole run {both(whole)[0]:.2f} / {both(whole)[1]:.2f} s")
    if runs[0].send_floor_s:
        send_floor = statistics.median(r.sent / r.send_floor_s for r in runs)
        click_floor = statistics.median(r.clicks / r.click_floor_s for r in runs)
        send_ratio = statistics.median(r.send_s / r.send_floor_s for r in runs)
        click_ratio = statistics.median(r.click_s / r.click_floor_s for r in runs)
        if len(runs) > 1:
            print(f"ratios to the floor (min / median): sends "
                  f"{both([r.send_s / r.send_floor_s for r in runs])[0]:.2f} / {send_ratio:.2f}"
                  f"x; clicks {both([r.click_s / r.click_floor_s for r in runs])[0]:.2f} / "
                  f"{click_ratio:.2f}x")
        record("engine_sends_per_s", statistics.median(sends), "/s", baseline=send_floor,
               ratio=statistics.median(sends) / send_floor, target=">= 50000")
        record("engine_sends_ratio_to_floor", send_ratio, "x", target="<= 1.5")
        record("engine_clicks_per_s", statistics.median(clicks), "/s", baseline=click_floor,
               ratio=statistics.median(clicks) / click_floor, target=">= 50000")
        record("engine_clicks_ratio_to_floor", click_ratio, "x", target="<= 1.5")
    big = (contacts, days) == (100_000, 30)
    name = "simulation_100k_contacts_30d_s" if big else f"simulation_{contacts}_contacts_{days}d_s"
    record(name, statistics.median(whole), "s", target="<= 30" if big else None)
    if big:
        record("simulation_100k_peak_mb", max(peak), "MB", target="<= 300")


if __name__ == "__main__":
    main()

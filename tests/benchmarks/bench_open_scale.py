"""Opening a workspace with 100,000 contacts (enrolled, a day of sending in the log) against
opening one with the same campaign and a single contact, in fresh processes, median of 3; and
the panel actions a user takes on the large one (a search, one contact's events, their inbox
and Why?, the report, a rename that refreshes the status), each timed to its repaint.

    python tests/benchmarks/bench_open_scale.py [--contacts N]

Prints figures and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.figures import record  # noqa: E402

OPEN = """
import time, sys
start = time.perf_counter()
from pathlib import Path
from PySide6.QtWidgets import QApplication
from canvas_app.ui.window.main_window import MainWindow
from canvas_app.ui.window.opening import open_for_editing
app = QApplication(sys.argv[:1])
w = MainWindow(open_for_editing(Path(sys.argv[1]), None, ask=False))
w.resize(1440, 900); w.show(); w.simulation_dock.raise_(); app.processEvents()
opened = time.perf_counter() - start
def timed(action):
    t = time.perf_counter()
    action()
    app.processEvents()
    return time.perf_counter() - t
def search():
    w.simulation.contacts.search.setText("user0999")
    w.simulation.contacts.apply_search()
def rename():
    node = w.document.campaign.sequences[0]
    w.controller.rename(node.id, node.name + " (renamed)")
actions = {
    "search the contact list": search,
    "show one contact's events": lambda: w.simulation.event_log.show_contact(
        sys.argv[2]),
    "open a contact's inbox": lambda: w.simulation_dialogs.open_inbox(
        sys.argv[2]).close(),
    "open a contact's Why?": lambda: w.simulation_dialogs.open_why(
        sys.argv[2]).close(),
    "open the report": lambda: w.simulation_dialogs.open_report().close(),
    "rename a node (status and counts refresh)": rename,
}
print(opened, " ".join(f"{timed(a):.6f}" for a in actions.values()))
print("|".join(actions))
w.close()
"""


def build(path: Path, contacts: int) -> None:
    from canvas_app.domain.interchange import read_campaign_file
    from canvas_app.engine import lifecycle
    from canvas_app.engine.contacts import import_csv
    from canvas_app.engine.enrolment import enroll
    from canvas_app.engine.publishing import publish
    from canvas_app.engine.runner import advance
    from canvas_app.store.campaigns import CampaignStore
    from canvas_app.store.workspace import Workspace

    campaign = read_campaign_file(ROOT / "resources" / "samples" / "sourdough-ebook.campaign.json")
    with Workspace.open(path, create=True) as ws:
        CampaignStore(ws).add(campaign)
        publish(ws, campaign.id)
        lifecycle.activate(ws, campaign.id)
        csv = path.with_suffix(".csv")
        emails = [f"user{i:06d}@example.com" for i in range(contacts)]
        csv.write_text("email,name\n" + "\n".join(f"{e},Person {i}" for i, e in enumerate(emails))
                       + "\n", "utf-8")
        import_csv(ws, csv)
        enroll(ws, campaign.id, campaign.sequences[0].id, emails)
        advance(ws, 86400)


def open_times(path: Path, contacts: int) -> tuple[float, dict[str, float]]:
    """(seconds to the shown editor, seconds per panel action by name)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    someone = f"user{contacts // 2:06d}@example.com"  # half way down the list
    lines = subprocess.run([sys.executable, "-c", OPEN, str(path), someone], check=True,
                           capture_output=True, text=True, env=env, cwd=ROOT
                           ).stdout.strip().splitlines()
    figures, names = lines[-2].split(), lines[-1].split("|")
    return float(figures[0]), dict(zip(names, map(float, figures[1:]), strict=True))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        small, big = Path(folder, "small.canvas-workspace"), Path(folder, "big.canvas-workspace")
        started = time.perf_counter()
        build(small, 1)
        build(big, args.contacts)
        print(f"built the workspaces in {time.perf_counter() - started:.1f} s")
        small_runs, big_runs = [], []
        for _ in range(3):
            small_runs.append(open_times(small, 1))
            big_runs.append(open_times(big, args.contacts))
    s = [r[0] for r in small_runs]
    b = [r[0] for r in big_runs]
    actions = {name: statistics.median(r[1][name] for r in big_runs) * 1000
               for name in big_runs[0][1]}
    search_ms = actions["search the contact list"]
    ratio = statistics.median(b) / statistics.median(s)
    print(f"open, 1 contact:      min {min(s) * 1000:7.0f} ms  median {statistics.median(s) * 1000:7.0f} ms")
    print(f"open, {args.contacts:,} contacts: min {min(b) * 1000:7.0f} ms  median "
          f"{statistics.median(b) * 1000:7.0f} ms  ratio {ratio:.2f}x (target <= 1.2)")
    for name, ms in actions.items():
        print(f"{name} ({args.contacts:,} contacts): median {ms:.0f} ms (target <= 100)")
    if args.contacts == 100_000:
        record("open_100k_contacts_ratio_to_small", ratio, "x",
               baseline=statistics.median(s), target="<= 1.2")
        record("contact_search_100k_ms", search_ms, "ms", target="<= 100")
        record("slowest_panel_action_100k_ms", max(actions.values()), "ms", target="<= 100")


if __name__ == "__main__":
    main()

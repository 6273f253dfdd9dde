"""Start-up: time to the first paint (the editor's picture from the light read) and to the
full editor on a workspace with the demo campaign, both through `main.py` as a user starts it,
against a bare PySide6 window in the same run (fresh processes, min and median of 5); and the
goal setup dialog for a goal after 100 emails of 20 links each.

    python tests/benchmarks/bench_startup.py

Prints figures and ratios; asserts nothing.
"""

from __future__ import annotations

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

BARE = """
import time, sys
start = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("hello")); w.resize(1440, 900); w.show()
app.processEvents()
print(time.perf_counter() - start)
"""



def run(code: str, *args: str, probe: str = "") -> float:
    """Wall time of the whole process (interpreter start and exit included, as for the bare
    window); ``probe`` "first" or "ready" starts the real editor and ends it at that point."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               CAMPAIGN_CANVAS_STARTUP_PROBE=probe)
    command = [sys.executable, "-c", code, *args] if code else \
        [sys.executable, str(ROOT / "main.py"), "gui", *args]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


def goal_dialog_ms() -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from canvas_app.domain.links import LinkKind
    from canvas_app.domain.model import Campaign, Edge, Email, Goal, Link, Sequence
    from canvas_app.ui.email.goal_setup import GoalSetupDialog

    app = QApplication.instance() or QApplication(sys.argv[:1])
    emails = []
    for e in range(100):
        links = [Link(f"l{e}-{k}", LinkKind.URL, f"Link {k}", f"https://shop.example/{e}/{k}")
                 for k in range(20)]
        body = "".join(f'<p>Offer {k}: <a data-link="l{e}-{k}">Link {k}</a></p>' for k in range(20))
        emails.append(Email(f"e{e}", 60, f"Email {e}", body, links))
    campaign = Campaign("b", "Bench", None, [Sequence("s", "Big", (0, 0), emails)],
                        [Goal("g", "Goal", (300, 0), [f"l{e}-0" for e in range(100)])],
                        [Edge("s", "g")])
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        dialog = GoalSetupDialog(campaign, "g")
        dialog.show()
        app.processEvents()
        samples.append(time.perf_counter() - start)
        dialog.close()
        dialog.deleteLater()
        app.processEvents()
    return statistics.median(samples) * 1000


def main() -> None:
    from canvas_app.domain.interchange import read_campaign_file
    from canvas_app.resources import resource_path
    from canvas_app.store.campaigns import CampaignStore
    from canvas_app.store.workspace import Workspace

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "startup.canvas-workspace"
        with Workspace.open(path, create=True) as ws:
            CampaignStore(ws).add(read_campaign_file(
                resource_path("samples", "yoga-trial.campaign.json")))
        run(BARE)
        run("", str(path), probe="ready")  # warm the file cache (and remember the panels)
        bares = [run(BARE) for _ in range(5)]
        firsts = [run("", str(path), probe="first") for _ in range(5)]
        readies = [run("", str(path), probe="ready") for _ in range(5)]
    bare, first, ready = (statistics.median(v) for v in (bares, firsts, readies))
    for label, values in (("bare PySide6 window", bares), ("first paint", firsts),
                          ("full editor", readies)):
        print(f"{label:20} min {min(values) * 1000:5.0f} ms  median "
              f"{statistics.median(values) * 1000:5.0f} ms  ratio "
              f"{statistics.median(values) / bare:.2f}x")
    record("startup_ratio_to_bare_window", first / bare, "x", baseline=bare * 1000,
           ratio=first / bare, target="<= 1.5")
    record("startup_usable_ratio_to_bare_window", ready / bare, "x", baseline=bare * 1000,
           ratio=ready / bare, target="<= 2.5")
    record("startup_shown_window_ms", ready * 1000, "ms", baseline=bare * 1000,
           ratio=ready / bare)
    print(f"first paint {first / bare:.2f}x a bare window (target <= 1.5x: "
          f"{'met' if first / bare <= 1.5 else 'not met'}); full editor {ready / bare:.2f}x "
          f"(target <= 2.5x: {'met' if ready / bare <= 2.5 else 'not met'})")
    ms = goal_dialog_ms()
    record("goal_setup_dialog_ms", ms, "ms", target="<= 150")
    print(f"goal setup dialog, 100 emails x 20 links: {ms:.0f} ms (target <= 150 ms: "
          f"{'met' if ms <= 150 else 'not met'})")


if __name__ == "__main__":
    main()

"""Start-up: time to a shown main window on a workspace with the demo campaign, against a bare
PySide6 window in the same run (fresh processes, median of 5); and the goal setup dialog for
a goal after 100 emails of 20 links each.

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

OURS = """
import time, sys
start = time.perf_counter()
from pathlib import Path
from PySide6.QtWidgets import QApplication
from canvas_app.ui.window.main_window import MainWindow
from canvas_app.ui.window.opening import open_for_editing
app = QApplication(sys.argv[:1])
w = MainWindow(open_for_editing(Path(sys.argv[1]), None, ask=False))
w.resize(1440, 900); w.show(); app.processEvents(); w.view.fit(); app.processEvents()
print(time.perf_counter() - start)
w.close()
"""


def run(code: str, *args: str) -> float:
    """Wall time of the whole process (interpreter start included)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True,
                   env=env, cwd=ROOT)
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
        run(OURS, str(path))  # warm the file cache
        bare = statistics.median(run(BARE) for _ in range(5))
        ours = statistics.median(run(OURS, str(path)) for _ in range(5))
    ratio = ours / bare
    record("startup_ratio_to_bare_window", ratio, "x", baseline=bare * 1000, ratio=ratio,
           target="<= 1.5")
    record("startup_shown_window_ms", ours * 1000, "ms", baseline=bare * 1000, ratio=ratio)
    print(f"start-up to a shown window: {ours * 1000:.0f} ms; bare PySide6 window "
          f"{bare * 1000:.0f} ms; ratio {ratio:.2f}x (target <= 1.5x: "
          f"{'met' if ratio <= 1.5 else 'not met'})")
    ms = goal_dialog_ms()
    record("goal_setup_dialog_ms", ms, "ms", target="<= 150")
    print(f"goal setup dialog, 100 emails x 20 links: {ms:.0f} ms (target <= 150 ms: "
          f"{'met' if ms <= 150 else 'not met'})")


if __name__ == "__main__":
    main()

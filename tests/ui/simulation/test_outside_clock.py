"""Another process moving only the clock, or only adding a contact, still shows here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from canvas_app.ui.window.main_window import MainWindow
from tests.cli.helpers import ROOT


def _cli(workspace: Path, *args: str) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--workspace", str(workspace),
                           *args], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_a_clock_moved_in_a_shell_shows_in_the_open_window(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                           workspace_path: Path) -> None:
    window.simulation.refresh()
    before = window.simulation.clock_label.text()
    _cli(workspace_path, "advance", "3d")  # no campaign is active: nothing but the clock moves
    qtbot.waitUntil(lambda: window.simulation.clock_label.text() != before, timeout=5000)
    _cli(workspace_path, "contact", "add", "zoe@example.com")
    qtbot.waitUntil(lambda: window.simulation.contact_list.count() == 1, timeout=5000)

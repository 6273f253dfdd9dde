"""The built bundle starts headless (only when `make package` has built it)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from canvas_app import __version__

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "campaign-canvas" / "campaign-canvas"

pytestmark = pytest.mark.skipif(not BUNDLE.exists(), reason="no bundle: run make package")


def test_the_bundle_reports_its_version() -> None:
    proc = subprocess.run([str(BUNDLE), "--version"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0 and __version__ in proc.stdout


def test_the_bundle_renders_a_screenshot(tmp_path: Path) -> None:
    out = tmp_path / "bundle.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"))
    proc = subprocess.run([str(BUNDLE), "gui", "--screenshot", str(out)], capture_output=True,
                          text=True, timeout=180, env=env)
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_size > 10_000

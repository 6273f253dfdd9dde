"""`serve` as a user starts it: refused on a workspace it could not write to."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _as_plain_user() -> list[str]:
    """A command prefix under which file permissions apply (root ignores them otherwise)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only file cannot be simulated")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def test_serve_refuses_a_read_only_workspace(tmp_path: Path) -> None:
    workspace = tmp_path / "ro.canvas-workspace"
    made = subprocess.run([sys.executable, str(ROOT / "main.py"), "--workspace", str(workspace),
                           "settings"], capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    before = workspace.read_bytes()
    workspace.chmod(0o444)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    try:
        proc = subprocess.run([*_as_plain_user(), sys.executable, str(ROOT / "main.py"),
                               "--workspace", str(workspace), "serve", "--port", str(port)],
                              capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:  # run() has killed it
        pytest.fail("serve started on a read-only workspace instead of refusing")
    finally:
        workspace.chmod(0o644)
    assert proc.returncode == 1
    assert "is read-only" in proc.stderr and "Traceback" not in proc.stderr
    assert "Tracking clicks" not in proc.stdout
    assert workspace.read_bytes() == before

"""Killed at random moments (SIGKILL), a workspace stays intact and keeps every edit that was
reported committed."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace
from tests.factories import funnel

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 30


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_random_kills_lose_nothing_committed(tmp_path: Path) -> None:
    path = tmp_path / "crash.canvas-workspace"
    with Workspace.open(path, create=True) as ws:
        CampaignStore(ws).add(funnel())
    rng = random.Random(1234)
    renamed: dict[str, int] = {}
    moved: dict[str, int] = {}
    added: set[str] = set()
    number = 0
    for round_ in range(ROUNDS):
        child = subprocess.Popen([sys.executable, "-m", "tests.reliability.edit_child", str(path),
                                  str(round_), str(number)], cwd=ROOT, stdout=subprocess.PIPE,
                                 text=True)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.01, 0.25))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=10)
        for line in out.splitlines():
            op, node, n = line.split()
            number = max(number, int(n))
            if op == "rename":
                renamed[node] = int(n)
            elif op == "move":
                moved[node] = int(n)
            else:
                added.add(node)
        number += 1000  # the killed child may have committed one edit it could not report
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()
    with Workspace.open(path, read_only=True) as ws:
        campaign = CampaignStore(ws).load("ebook")
    assert added and renamed and moved  # the children really did work
    for node_id in added:
        assert campaign.find_node(node_id) is not None, node_id
    for node_id, n in renamed.items():
        stored = campaign.node(node_id).name
        assert stored.startswith("edit-") and int(stored.split("-")[1]) >= n
    for node_id, n in moved.items():
        position = campaign.node(node_id).position
        assert position is not None and position[0] >= n

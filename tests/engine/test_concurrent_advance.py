"""Two advances at once, in two processes, move the clock by both durations: every batch
reads the clock and writes its new time in one BEGIN IMMEDIATE transaction (issue 12,
item 10)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from canvas_app.engine import clock
from canvas_app.engine.runner import advance
from canvas_app.store.workspace import Workspace
from tests.engine.conftest import Sim

ROOT = Path(__file__).resolve().parents[2]
DAY = 86400.0
#: A second process that gets ready (imports, opens nothing yet), says so, and runs
#: ``advance 1d`` when told to go, so that two of them start at the same moment.
CHILD = """
import sys
from canvas_app.cli.main import main
print("ready", flush=True)
sys.stdin.readline()
sys.exit(main(["--workspace", sys.argv[1], "advance", "1d"]))
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _clock(ws: Workspace) -> float:
    with ws.reading() as session:
        value = clock.peek(session)
    assert value is not None
    return value


def _start_child(path: Path | str) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], cwd=ROOT, env=_env(),
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    return child


def _finish(child: subprocess.Popen[str]) -> tuple[int, str]:
    try:
        out, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    return child.returncode, out + err


def test_an_advance_in_another_process_between_two_batches_is_not_undone(live: Sim) -> None:
    live.enrol("welcome", "ann@example.com")  # starts the clock; her email is due now
    start = _clock(live.ws)
    children: list[tuple[int, str]] = []

    def other_process_advances_once(_fraction: float) -> bool:
        if not children:  # after this advance's first committed batch
            child = _start_child(live.ws.location)
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
            children.append(_finish(child))
        return True

    mine = advance(live.ws, DAY, other_process_advances_once)
    assert children and children[0][0] == 0, children
    assert mine.sent == 1 and not mine.cancelled
    assert _clock(live.ws) == start + 2 * DAY  # one day each, none lost


def test_two_processes_advancing_at_once_move_the_clock_by_both(live: Sim) -> None:
    live.enrol("welcome", "ann@example.com", "bob@example.com")
    before = _clock(live.ws)
    for round_ in range(4):  # bounded rounds; each must add exactly two days
        children = [_start_child(live.ws.location) for _ in range(2)]
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        results = [_finish(child) for child in children]
        assert all(code == 0 for code, _ in results), results
        after = _clock(live.ws)
        assert after == before + 2 * DAY, f"round {round_}: moved {(after - before) / DAY} days"
        before = after
    assert live.counts()["welcome"]["finished"] == 2

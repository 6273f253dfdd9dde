"""A reader that stops reading (`status ID | head -1`) gets no traceback on the terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.cli.helpers import ROOT

YOGA = str(ROOT / "resources/samples/yoga-trial.campaign.json")


def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path) -> None:
    workspace = str(tmp_path / "w.canvas-workspace")
    base = [sys.executable, str(ROOT / "main.py"), "--workspace", workspace]
    subprocess.run([*base, "import", YOGA], check=True, capture_output=True, timeout=60)
    for command in (["status", "yoga-trial"], ["export", "yoga-trial"], ["list", "--json"]):
        proc = subprocess.Popen([*base, *command], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # the reader went away before the first line
        try:
            err = proc.stderr.read().decode()
            proc.wait(timeout=60)
        finally:
            proc.kill()
            proc.stderr.close()
        assert "Traceback" not in err and "BrokenPipeError" not in err, err
        assert err == "", err
        assert proc.returncode in (0, 1)

"""Opening a workspace this process already has open must not drop the SQLite locks the first
connection holds (closing any descriptor of a file drops all of a process's POSIX locks on
it); otherwise another process closing last deletes the write-ahead log under our feet and
writes are lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from canvas_app.engine.contacts import add_contact
from canvas_app.engine.simulation import contacts
from canvas_app.store.workspace import Workspace
from tests.cli.helpers import ROOT


def test_a_second_open_in_this_process_loses_nobodys_writes(tmp_path: Path) -> None:
    path = tmp_path / "w.canvas-workspace"
    with Workspace.open(path, create=True):
        pass
    first = Workspace.open(path)  # an editor window
    try:
        add_contact(first, "ann@example.com")
        for i in range(3):
            Workspace.open(path, read_only=True).close()  # File › Open of the same file, say
            proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--workspace",
                                   str(path), "contact", "add", f"shell{i}@example.com"],
                                  capture_output=True, text=True, timeout=60)
            assert proc.returncode == 0, proc.stderr
            add_contact(first, f"window{i}@example.com")
    finally:
        first.close()
    with Workspace.open(path, read_only=True) as fresh:
        found = {c.email for c in contacts(fresh)}
    assert found == {"ann@example.com"} | {f"{who}{i}@example.com" for i in range(3)
                                          for who in ("shell", "window")}

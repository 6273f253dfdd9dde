"""What a workspace path may hold: special files refused before SQLite opens them, half-made
workspaces of older versions finished, and a creation killed at any point leaving either no
workspace or a whole one."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.errors import WorkspaceError
from canvas_app.store.migrate import head_revision
from canvas_app.store.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        (result,) = conn.execute("PRAGMA integrity_check").fetchone()
    conn.close()
    return str(result)


@pytest.mark.parametrize(("make", "says"), [
    (lambda p: p.mkdir(), "folder"),
    (lambda p: p.write_bytes(b""), "empty file"),
    (lambda p: p.symlink_to(p.parent / "gone" / "w.ws"), "link to .*does not exist"),
])
def test_special_paths_are_refused_with_what_they_are(tmp_path: Path, make, says: str) -> None:
    path = tmp_path / "w.ws"
    make(path)
    for create in (False, True):
        with pytest.raises(WorkspaceError, match=says):
            Workspace.open(path, create=create)
    assert not (tmp_path / "gone").exists()


def test_a_device_is_refused(tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:  # our own copy of /dev/null: a test must never risk the real one
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        device = Path("/dev/null")
    for create in (False, True):
        with pytest.raises(WorkspaceError, match="is a device, not a workspace file"):
            Workspace.open(device, create=create)
    assert stat.S_ISCHR(device.stat().st_mode)


def test_a_fifo_given_as_the_workspace_does_not_hang_the_command_line(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.ws"  # in a child process: before the fix, opening it blocked
    os.mkfifo(fifo)
    try:  # a hang is the failure: the bound only keeps the suite from waiting for ever
        done = subprocess.run([sys.executable, "main.py", "--workspace", str(fifo), "list"],
                              cwd=ROOT, capture_output=True, text=True, timeout=120,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:
        pytest.fail("list hung on a FIFO given as the workspace")
    assert done.returncode == 1
    assert "named pipe (FIFO), not a workspace file" in done.stderr
    assert "Traceback" not in done.stderr


def _old_half_made(path: Path, tables: list[str]) -> None:
    """What an interrupted first run of an older version left: SQLite's header in WAL mode,
    maybe some empty tables, and no application id."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA user_version = 0")
    for name in tables:
        conn.execute(f"CREATE TABLE {name} (key TEXT)")
    conn.execute("CREATE TABLE IF NOT EXISTS _probe (x)")
    conn.execute("DROP TABLE _probe")  # makes sure the header page is written
    conn.commit()
    conn.close()


@pytest.mark.parametrize("tables", [[], ["workspace_meta"], ["workspace_meta", "campaigns"]])
def test_a_half_made_workspace_of_an_older_version_is_finished(
        tmp_path: Path, tables: list[str]) -> None:
    from tests.factories import funnel

    path = tmp_path / "w.ws"
    _old_half_made(path, tables)
    with pytest.raises(WorkspaceError, match="creation was interrupted.*open it for editing"):
        Workspace.open(path, read_only=True)
    with Workspace.open(path) as ws:
        CampaignStore(ws).add(funnel())
    with Workspace.open(path, read_only=True) as ws:
        assert [c.id for c in CampaignStore(ws).list()] == ["ebook"]
    assert integrity(path) == "ok"


def test_a_database_with_our_table_names_but_data_is_never_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "w.ws"
    _old_half_made(path, ["workspace_meta"])
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO workspace_meta VALUES ('precious')")
    conn.close()
    with pytest.raises(WorkspaceError, match="another program"):
        Workspace.open(path, create=True)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT key FROM workspace_meta").fetchall() == [("precious",)]
    conn.close()


_CHILD = textwrap.dedent("""
    import os, signal, sys
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    kill_at, fs_kill = int(sys.argv[1]), sys.argv[2]
    count = 0

    @event.listens_for(Engine, "before_cursor_execute")
    def _count(*_args):
        global count
        count += 1
        if count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def dying(real):
        def call(*args, **kwargs):
            os.kill(os.getpid(), signal.SIGKILL)
        return call

    if fs_kill != "-":
        setattr(os, fs_kill, dying(getattr(os, fs_kill)))
    from canvas_app.store.defaults import open_workspace
    open_workspace().close()
    print(count, flush=True)
""")


def _create_in_child(data_home: Path, kill_at: int, fs_kill: str = "-") -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(data_home)}
    done = subprocess.run([sys.executable, "-c", _CHILD, str(kill_at), fs_kill],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode in (0, -signal.SIGKILL), done.stderr
    return done.stdout.strip()


def test_a_creation_killed_at_any_point_leaves_no_workspace_or_a_whole_one(
        tmp_path: Path) -> None:
    statements = int(_create_in_child(tmp_path / "full", 0))
    assert statements > 10
    rng = random.Random(12)
    points = sorted({2, 3, statements, *rng.sample(range(1, statements + 1), 10)})
    rounds = [(n, "-") for n in points] + [(0, "fsync"), (0, "link"), (0, "unlink")]
    data_home = tmp_path / "data"
    default = data_home / "campaign-canvas" / "default.canvas-workspace"
    for kill_at, fs_kill in rounds:
        _create_in_child(data_home, kill_at, fs_kill)
        if default.exists():  # a whole workspace, with its demo campaign
            with Workspace.open(default) as ws:
                assert [c.id for c in CampaignStore(ws).list()] == ["yoga-trial"], kill_at
            assert integrity(default) == "ok"
            default.unlink()
            for extra in ("-wal", "-shm"):
                default.with_name(default.name + extra).unlink(missing_ok=True)
    _create_in_child(data_home, 0)  # a creation that completes cleans up after the killed ones
    names = sorted(p.name for p in default.parent.iterdir())
    assert names == ["default.canvas-workspace"]
    with Workspace.open(default) as ws:
        assert CampaignStore(ws).list()[0].id == "yoga-trial"


def test_a_new_workspace_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        Workspace.open(tmp_path / "w.ws", create=True).close()
    finally:
        os.umask(old)
    assert (tmp_path / "w.ws").stat().st_mode & 0o777 == 0o644
    with sqlite3.connect(tmp_path / "w.ws") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head_revision(),)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    conn.close()


def test_a_workspace_with_the_longest_file_name_can_be_created(tmp_path: Path) -> None:
    path = tmp_path / ("w" * 250)
    Workspace.open(path, create=True).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_two_commands_creating_the_same_workspace_at_once_both_succeed(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    samples = ROOT / "resources" / "samples"
    for round_ in range(3):
        path = tmp_path / f"w{round_}.ws"
        children = [subprocess.Popen(
            [sys.executable, "main.py", "--workspace", str(path), "import", str(sample)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for sample in (samples / "sourdough-ebook.campaign.json",
                           samples / "yoga-trial.campaign.json")]
        for child in children:
            _out, err = child.communicate(timeout=300)
            assert child.returncode == 0, err
        with Workspace.open(path) as ws:
            assert sorted(c.id for c in CampaignStore(ws).list()) == [
                "sourdough-ebook", "yoga-trial"]
        assert integrity(path) == "ok"

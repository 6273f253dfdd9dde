"""Opening workspaces: refusal of foreign files (left untouched), pragmas, the editor lock."""

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from canvas_app.store.errors import WorkspaceError, WorkspaceInUse
from canvas_app.store.lock import EditorLock
from canvas_app.store.workspace import Workspace
from tests.factories import read_meta, write_meta


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("content", "says"), [
    (b"this is my shopping list\n", "not a database"),
    (b"", "an empty file"),
    (bytes(range(256)) * 40, "not a database"),
])
def test_a_file_that_is_not_a_workspace_is_refused_and_left_untouched(
        tmp_path: Path, content: bytes, says: str) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(WorkspaceError, match=says):
        Workspace.open(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_another_programs_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table t(x)")
    conn.close()
    before = digest(path)
    with pytest.raises(WorkspaceError, match="another program"):
        Workspace.open(path, create=True)
    assert digest(path) == before


def test_a_folder_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="folder"):
        Workspace.open(tmp_path)
    with pytest.raises(WorkspaceError, match="there is no workspace"):
        Workspace.open(tmp_path / "missing.ws")
    assert not (tmp_path / "missing.ws").exists()


def test_new_workspace_uses_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "w.ws", create=True) as ws, ws.reading() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_read_only_workspace_refuses_changes(tmp_path: Path) -> None:
    Workspace.open(tmp_path / "w.ws", create=True).close()
    with Workspace.open(tmp_path / "w.ws", read_only=True) as ws:
        with pytest.raises(WorkspaceError, match="read-only"):
            write_meta(ws, "k", "v")
        assert read_meta(ws, "k") is None


def test_save_as_copies_everything(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "w.ws", create=True) as ws:
        write_meta(ws, "greeting", "hello")
        ws.save_as(tmp_path / "copy.ws")
    with Workspace.open(tmp_path / "copy.ws") as copy:
        assert read_meta(copy, "greeting") == "hello"


def test_a_second_editor_is_told_the_workspace_is_in_use(tmp_path: Path) -> None:
    path = tmp_path / "w.ws"
    Workspace.open(path, create=True).close()
    first, second = EditorLock(path), EditorLock(path)
    first.acquire()
    with pytest.raises(WorkspaceInUse, match="already open for editing.*process"):
        second.acquire()
    first.release()
    second.acquire()
    assert second.held
    second.release()


def test_the_lock_is_seen_across_processes_and_freed_when_the_holder_dies(tmp_path: Path) -> None:
    path = tmp_path / "w.ws"
    Workspace.open(path, create=True).close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from canvas_app.store.lock import EditorLock
        lock = EditorLock(Path({str(path)!r}))
        lock.acquire()
        print("locked", flush=True)
        time.sleep(60)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(WorkspaceInUse, match=f"process {holder.pid}"):
            EditorLock(path).acquire()
    finally:
        holder.kill()
        holder.wait()
    lock = EditorLock(path)
    lock.acquire()
    lock.release()


def test_releasing_the_editor_lock_leaves_no_lock_file(tmp_path: Path) -> None:
    path = tmp_path / "w.canvas-workspace"
    first = EditorLock(path)
    first.acquire()
    assert first.path.exists()
    second = EditorLock(path)
    with pytest.raises(WorkspaceInUse):
        second.acquire()
    first.release()
    assert not first.path.exists()
    second.acquire()  # free again, with a new lock file
    assert second.held and second.path.exists()
    second.release()
    assert not second.path.exists()

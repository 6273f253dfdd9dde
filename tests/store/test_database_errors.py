"""SQLite failures reach the caller as one WorkspaceError sentence that says what to do:
read-only files and folders, a full disk, a damaged page, a lock held by another program."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from canvas_app.store import connection
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.errors import (
    DiskFull,
    WorkspaceBusy,
    WorkspaceDamaged,
    WorkspaceError,
    WorkspaceReadOnly,
)
from canvas_app.store.workspace import Workspace
from tests.damage import corrupt_table
from tests.factories import funnel, read_meta, write_meta
from tests.store.mounts import fill, remount_read_only, tmpfs


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "disk", "2m") as where:
        yield where


def _with_campaign(path: Path) -> None:
    with Workspace.open(path, create=True) as ws:
        CampaignStore(ws).add(funnel())


def test_a_workspace_in_a_read_only_folder_opens_read_only(small_disk: Path) -> None:
    path = small_disk / "w.ws"
    _with_campaign(path)
    remount_read_only(small_disk)
    with Workspace.open(path) as ws:
        assert ws.read_only and "folder" in ws.read_only_reason
        assert [c.id for c in CampaignStore(ws).list()] == ["ebook"]
        assert CampaignStore(ws).load("ebook") == funnel()
        with pytest.raises(WorkspaceReadOnly, match="read-only, so nothing was changed.*folder"):
            write_meta(ws, "greeting", "hello")


def test_creating_in_a_read_only_folder_says_so(small_disk: Path) -> None:
    remount_read_only(small_disk)
    with pytest.raises(WorkspaceReadOnly, match="cannot create the workspace.*read-only"):
        Workspace.open(small_disk / "new.ws", create=True)
    assert list(small_disk.iterdir()) == []


def test_a_full_disk_is_named_and_nothing_is_lost(small_disk: Path) -> None:
    path = small_disk / "w.ws"
    _with_campaign(path)
    other = funnel()
    with Workspace.open(path) as ws:
        CampaignStore(ws).list()  # the log files exist before the disk fills
        fill(small_disk)
        with pytest.raises(DiskFull, match="disk holding .* is full.*free some space"):
            for n in range(200):  # bounded: the disk is full long before
                other.id = f"copy-{n}"
                CampaignStore(ws).add(other)
        (small_disk / "filler").unlink()
        assert CampaignStore(ws).load("ebook") == funnel()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_a_workspace_on_a_full_disk_opens_read_only(small_disk: Path) -> None:
    path = small_disk / "w.ws"
    _with_campaign(path)
    fill(small_disk)
    with Workspace.open(path) as ws:
        assert ws.read_only and CampaignStore(ws).load("ebook") == funnel()
        with pytest.raises(WorkspaceReadOnly, match="disk holding it is full; free some space"):
            write_meta(ws, "greeting", "hello")


def test_creating_on_a_full_disk_leaves_nothing_behind(small_disk: Path) -> None:
    fill(small_disk)
    with pytest.raises(DiskFull, match="is full"):
        Workspace.open(small_disk / "new.ws", create=True)
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "filler-small"]


def test_a_damaged_page_says_restore_the_backup_or_check_integrity(tmp_path: Path) -> None:
    path = tmp_path / "w.ws"
    _with_campaign(path)
    corrupt_table(path, "campaigns")
    with Workspace.open(path) as ws, pytest.raises(WorkspaceDamaged) as caught:
        CampaignStore(ws).list()
    message = str(caught.value)
    assert "is damaged" in message and "PRAGMA integrity_check" in message
    assert "w.ws.before-*.bak; there are none" in message
    backup = tmp_path / "w.ws.before-0002-20260101-120000.bak"
    backup.write_bytes(b"")
    with Workspace.open(path) as ws, pytest.raises(WorkspaceDamaged,
                                                   match=f"restore the automatic backup {backup}"):
        CampaignStore(ws).list()


def test_a_writer_holding_the_lock_past_the_timeout_is_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.ws"
    _with_campaign(path)
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with Workspace.open(path) as ws, pytest.raises(
                WorkspaceBusy, match="locked by another program.*try again"):
            write_meta(ws, "greeting", "hello")
    finally:
        holder.close()
    with Workspace.open(path) as ws:
        write_meta(ws, "greeting", "hello")
        assert read_meta(ws, "greeting") == "hello"


def test_read_only_on_request_says_how_to_edit(tmp_path: Path) -> None:
    path = tmp_path / "w.ws"
    _with_campaign(path)
    with Workspace.open(path, read_only=True) as ws, pytest.raises(
            WorkspaceError, match="open read-only, so nothing was changed"):
        write_meta(ws, "greeting", "hello")

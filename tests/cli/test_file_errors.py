"""Files from the command line: `export -o` / `write-email -o` targets of every kind, and the
read and write commands on read-only, damaged, locked and full workspaces — always one clear
sentence, never a traceback, and nothing lost."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from canvas_app.store import connection
from tests.cli.helpers import ROOT, Cli
from tests.damage import corrupt_table
from tests.store.mounts import fill, remount_read_only, tmpfs

YOGA = str(ROOT / "resources/samples/yoga-trial.campaign.json")
pytestmark = pytest.mark.files_only("workspace files on read-only, damaged, locked and full disks")


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "disk", "2m") as where:
        yield where


def exported(path: Path) -> str:
    return str(json.loads(path.read_text(encoding="utf-8"))["campaign"]["id"])


def test_export_gives_new_files_the_usual_mode_and_keeps_an_existing_files_mode(
        cli: Cli, tmp_path: Path, umask_022: None) -> None:
    cli("import", YOGA)
    new, old = tmp_path / "new.json", tmp_path / "old.json"
    old.write_text("{}")
    old.chmod(0o640)
    assert cli("export", "yoga-trial", "-o", str(new)).code == 0
    assert cli("export", "yoga-trial", "-o", str(old)).code == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    assert exported(new) == exported(old) == "yoga-trial"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_through_a_symlink_writes_its_target(cli: Cli, tmp_path: Path) -> None:
    cli("import", YOGA)
    (tmp_path / "real").mkdir()
    target, link = tmp_path / "real" / "out.json", tmp_path / "link.json"
    target.write_text("{}")
    link.symlink_to(target)
    assert cli("export", "yoga-trial", "-o", str(link)).code == 0
    assert link.is_symlink() and exported(target) == "yoga-trial"
    dangling = tmp_path / "later.json"
    dangling.symlink_to(tmp_path / "real" / "made-later.json")
    assert cli("export", "yoga-trial", "-o", str(dangling)).code == 0
    assert dangling.is_symlink() and exported(tmp_path / "real" / "made-later.json")


def test_export_to_a_named_pipe_writes_to_its_reader_and_refuses_without_one(
        cli: Cli, tmp_path: Path) -> None:
    cli("import", YOGA)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    refused = cli("export", "yoga-trial", "-o", str(pipe))
    assert refused.code == 1 and "named pipe and no program is reading from it" in refused.err
    received: list[bytes] = []
    fd = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # a reader that is already there

    def read_all() -> None:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as handle:
            received.append(handle.read())

    assert cli("export", "yoga-trial", "-o", str(pipe)).code == 0
    reader = threading.Thread(target=read_all)
    reader.start()
    reader.join(timeout=60)
    assert not reader.is_alive()
    assert json.loads(received[0])["campaign"]["id"] == "yoga-trial"
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_export_refuses_folders_and_devices_and_leaves_them_alone(
        cli: Cli, tmp_path: Path) -> None:
    cli("import", YOGA)
    folder = tmp_path / "folder"
    folder.mkdir()
    result = cli("export", "yoga-trial", "-o", str(folder))
    assert result.code == 1 and "it is a folder" in result.err
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device file needs root")
    result = cli("export", "yoga-trial", "-o", str(device))
    assert result.code == 1 and "it is a device" in result.err
    assert stat.S_ISCHR(device.stat().st_mode)


@pytest.mark.parametrize("where", ["/proc/self/campaign.json", "/proc/version"])
def test_export_into_proc_says_it_cannot_write(cli: Cli, where: str) -> None:
    cli("import", YOGA)
    result = cli("export", "yoga-trial", "-o", where)
    assert result.code == 1 and f"cannot write {where}:" in result.err
    assert result.err.count("\n") == 1


def test_export_and_write_email_into_a_read_only_folder_say_so(
        cli: Cli, small_disk: Path) -> None:
    cli("import", YOGA)
    cli("publish", "yoga-trial")
    cli("activate", "yoga-trial")
    cli("contact", "add", "ann@example.com")
    cli("enroll", "yoga-trial", "nurture", "ann@example.com")
    cli("advance", "2m")
    remount_read_only(small_disk)
    result = cli("export", "yoga-trial", "-o", str(small_disk / "out.json"))
    assert result.code == 1 and "cannot be written" in result.err
    result = cli("write-email", "ann@example.com", "-o", str(small_disk / "mail.html"))
    assert result.code == 1 and "cannot be written" in result.err
    assert list(small_disk.iterdir()) == []


def _workspace_in(cli: Cli, folder: Path) -> Cli:
    ws = Cli(cli.capsys, folder / "w.ws")
    assert ws("import", YOGA).code == 0
    return ws


def test_read_commands_work_on_a_read_only_workspace_and_writes_say_why_not(
        cli: Cli, small_disk: Path, tmp_path: Path) -> None:
    ws = _workspace_in(cli, small_disk)
    remount_read_only(small_disk)
    listed = ws("list")
    assert listed.code == 0 and "yoga-trial" in listed.out
    assert ws("status", "yoga-trial", "--json").json()["state"] == "draft"
    assert ws("export", "yoga-trial", "-o", str(tmp_path / "out.json")).code == 0
    assert exported(tmp_path / "out.json") == "yoga-trial"
    refused = ws("publish", "yoga-trial")
    assert refused.code == 1
    assert "read-only, so nothing was changed" in refused.err and "copy" in refused.err
    created = Cli(cli.capsys, small_disk / "new.ws")("import", YOGA)
    assert created.code == 1 and "cannot create the workspace" in created.err
    assert "read-only" in created.err


def test_a_damaged_workspace_is_named_by_every_read_command(cli: Cli, tmp_path: Path) -> None:
    cli("import", YOGA)
    path = cli.workspace
    assert path is not None
    corrupt_table(path, fill=b"\x5a")
    for command in (["list"], ["status", "yoga-trial"], ["export", "yoga-trial"]):
        result = cli(*command)
        assert result.code == 1, command
        assert "is damaged" in result.err and "PRAGMA integrity_check" in result.err, command


def test_a_write_while_another_program_holds_the_lock_says_try_again(
        cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    cli("import", YOGA)
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 50)
    assert cli.workspace is not None
    holder = sqlite3.connect(cli.workspace, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        assert cli("list").code == 0  # reading does not wait for the writer
        result = cli("publish", "yoga-trial")
        assert result.code == 1
        assert "locked by another program" in result.err and "try again" in result.err
    finally:
        holder.close()
    assert cli("publish", "yoga-trial").code == 0


def test_a_full_disk_is_one_sentence_and_loses_nothing(cli: Cli, small_disk: Path) -> None:
    ws = _workspace_in(cli, small_disk)
    fill(small_disk)
    result = ws("import", str(ROOT / "resources/samples/sourdough-ebook.campaign.json"))
    assert result.code == 1 and "is full" in result.err and "free some space" in result.err
    listed = ws("list")  # reading still works
    assert listed.code == 0 and "yoga-trial" in listed.out
    (small_disk / "filler").unlink()
    listed = ws("list", "--json").json()
    assert [c["id"] for c in listed] == ["yoga-trial"]


def test_creating_through_a_dangling_link_says_so(cli: Cli, tmp_path: Path) -> None:
    link = tmp_path / "link.ws"
    link.symlink_to(tmp_path / "missing" / "w.ws")
    result = Cli(cli.capsys, link)("import", YOGA)
    assert result.code == 1 and "which does not exist" in result.err
    assert link.is_symlink() and not (tmp_path / "missing").exists()


def test_a_read_only_workspace_file_is_read_and_never_written(cli: Cli, tmp_path: Path) -> None:
    """The file itself cannot be written (its folder can). As root, permissions do not stop
    writes, so the file is made immutable instead; skipped where that is not possible."""
    cli("import", YOGA)
    path = cli.workspace
    assert path is not None
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if made.returncode != 0:
            pytest.skip(f"cannot make the file immutable here: {made.stderr!r}")
    else:
        path.chmod(0o444)
    before = path.read_bytes()
    try:
        listed = cli("list")
        assert listed.code == 0 and "yoga-trial" in listed.out
        refused = cli("publish", "yoga-trial")
        assert refused.code == 1
        assert "read-only, so nothing was changed: the file is read-only" in refused.err
        assert path.read_bytes() == before
    finally:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True, check=False)
        path.chmod(0o644)


def test_export_to_a_file_with_the_longest_name(cli: Cli, tmp_path: Path) -> None:
    cli("import", YOGA)
    out = tmp_path / ("e" * 255)
    assert cli("export", "yoga-trial", "-o", str(out)).code == 0
    assert exported(out) == "yoga-trial"


def test_serve_on_a_full_disk_names_the_full_disk_not_a_read_only_file(
        cli: Cli, small_disk: Path) -> None:
    """The workspace opens read-only because the disk is full; serve said to make the file
    and its folder writable (they are), instead of what is wrong."""
    ws = _workspace_in(cli, small_disk)
    fill(small_disk)
    served = ws("serve", "--port", "0")
    assert served.code == 1 and served.err.count("\n") == 1
    assert "full" in served.err and "free some space" in served.err
    assert "writable" not in served.err

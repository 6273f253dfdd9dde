"""`copy-workspace SOURCE DEST`: a whole running workspace from a file to a PostgreSQL server
and back, every row of every table, verified by counts; a destination with data is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from canvas_app.store.workspace import Workspace
from tests.cli.helpers import ROOT, Cli

YOGA = str(ROOT / "resources/samples/yoga-trial.campaign.json")


def _running(cli: Cli) -> None:
    for command in (("import", YOGA), ("publish", "yoga-trial"), ("activate", "yoga-trial"),
                    ("contact", "add", "ann@example.com"), ("contact", "add", "bob@example.com"),
                    ("enroll", "yoga-trial", "nurture", "ann@example.com", "bob@example.com"),
                    ("advance", "2d")):
        result = cli(*command)
        assert result.code == 0, (command, result.err)
    url = cli("inbox", "ann@example.com", "--json").json()[0]["links"]
    assert cli("click", next(iter(url.values()))).code == 0
    assert cli("advance", "1h").code == 0


def test_a_running_workspace_goes_to_a_server_and_back_whole(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, pg_url: str) -> None:
    source = Cli(capsys, tmp_path / "shop.canvas-workspace")
    _running(source)
    report = source("report", "yoga-trial", "--json").json()
    inbox = source("inbox", "bob@example.com", "--json").json()

    up = Cli(capsys, None)("copy-workspace", str(source.workspace), pg_url)
    assert up.code == 0, up.err
    assert "the same number in each as in the source" in up.out
    server = Cli(capsys, pg_url)
    assert server("report", "yoga-trial", "--json").json() == report
    assert server("inbox", "bob@example.com", "--json").json() == inbox
    # the server workspace runs on: new contacts and sends get ids after the copied ones
    assert server("contact", "add", "cy@example.com").code == 0
    assert server("enroll", "yoga-trial", "nurture", "cy@example.com").code == 0
    assert server("advance", "2d").code == 0

    back = tmp_path / "back.canvas-workspace"
    down = Cli(capsys, None)("copy-workspace", pg_url, str(back))
    assert down.code == 0, down.err
    assert Cli(capsys, back)("report", "yoga-trial", "--json").json() == \
        server("report", "yoga-trial", "--json").json()


def test_a_destination_with_data_is_refused_and_left_alone(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, pg_url: str) -> None:
    source = Cli(capsys, tmp_path / "a.canvas-workspace")
    _running(source)
    other = Cli(capsys, pg_url)
    assert other("contact", "add", "zoe@example.com").code == 0
    refused = Cli(capsys, None)("copy-workspace", str(source.workspace), pg_url)
    assert refused.code == 1 and "already holds a workspace with data" in refused.err
    assert "1 contacts" in refused.err
    assert other("list", "--json").json() == []  # nothing mixed in
    same = Cli(capsys, None)("copy-workspace", str(source.workspace), str(source.workspace))
    assert same.code == 1 and "the same workspace" in same.err


def test_a_failed_copy_leaves_no_new_file(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    target = tmp_path / "new.canvas-workspace"
    result = Cli(capsys, None)("copy-workspace", str(tmp_path / "missing.ws"), str(target))
    assert result.code == 1 and "there is no workspace at" in result.err
    assert not target.exists()
    with Workspace.open(tmp_path / "empty.ws", create=True):
        pass
    fine = Cli(capsys, None)("copy-workspace", str(tmp_path / "empty.ws"), str(target))
    assert fine.code == 0 and target.exists()


def test_a_file_an_older_version_made_is_copied_and_left_as_it_was(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from canvas_app.store import migrate
    from tests.store.old_schema import downgrade

    source = Cli(capsys, tmp_path / "old.canvas-workspace")
    _running(source)
    report = source("report", "yoga-trial", "--json").json()
    inbox = source("inbox", "bob@example.com", "--json").json()
    downgrade(source.workspace, "0004")  # sends with their bodies stored, as 0004 kept them
    before = source.workspace.read_bytes()

    target = tmp_path / "new.canvas-workspace"
    copied = Cli(capsys, None)("copy-workspace", str(source.workspace), str(target))
    assert copied.code == 0, copied.err
    assert source.workspace.read_bytes() == before  # not upgraded behind the user's back
    copy = Cli(capsys, target)
    assert copy("report", "yoga-trial", "--json").json() == report
    assert copy("inbox", "bob@example.com", "--json").json() == inbox
    with Workspace.open(target, read_only=True) as made:
        assert migrate.current_revision(made.engine) == migrate.head_revision()
    assert not list(tmp_path.glob("*.bak"))  # the upgrade's backup stayed in its own folder

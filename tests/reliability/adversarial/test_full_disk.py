"""A full disk: the workspace lives on a small tmpfs filled up to a few kilobytes. Writing
commands refuse with a clear sentence, the workspace stays intact and logically unchanged, and
once space is freed the same command works and nothing was lost. Skipped, with the reason,
where a tmpfs cannot be mounted; always unmounted."""

from __future__ import annotations

import errno
import json
from pathlib import Path

from tests.reliability.adversarial import tally
from tests.reliability.adversarial.support import (
    EBOOK,
    Template,
    Verdict,
    integrity,
    run_cli,
    snapshot,
)
from tests.reliability.adversarial.system import tmpfs

FREE_BYTES = (0, 8 * 1024, 64 * 1024)


def _fill(disk: Path, leave: int) -> Path:
    """Fills the disk, then frees ``leave`` bytes (rounded to whole pages by tmpfs)."""
    filler = disk / "filler.bin"
    with open(filler, "wb") as handle:
        chunk = b"\0" * 65536
        try:
            while True:
                handle.write(chunk)
                handle.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
    if leave:
        size = filler.stat().st_size
        with open(filler, "r+b") as handle:
            handle.truncate(max(0, size - leave))
    return filler


def _inputs(folder: Path) -> dict[str, list[str]]:
    document = json.loads(EBOOK.read_text("utf-8"))
    document["campaign"]["id"] = "ebook-2"
    campaign = folder / "ebook2.campaign.json"
    campaign.write_text(json.dumps(document), "utf-8")
    people = folder / "people.csv"
    people.write_text("email,name\n" + "".join(f"p{i}@example.com,Person {i}\n"
                                               for i in range(3000)), "utf-8")
    return {"advance": ["advance", "3d"], "contact import": ["contact", "import", str(people)],
            "import": ["import", str(campaign)],
            "settings": ["settings", "--set", "settle_seconds=5"]}


def _problems(label: str, result: object, before: dict[str, object], path: Path) -> list[str]:
    from tests.reliability.adversarial.support import Result

    assert isinstance(result, Result)
    found = []
    if result.traceback:
        found.append(f"{label}: traceback: {(result.crash or result.err)[-400:]}")
    elif result.code not in (0, 1) or (result.code == 1 and not result.err.strip()):
        found.append(f"{label}: exit {result.code} {result.err!r}")
    state = integrity(path)
    if state != "ok":
        found.append(f"{label}: integrity_check: {state}")
    elif result.code != 0 and snapshot(path)["digest"] != before["digest"]:
        found.append(f"{label}: refused, yet the workspace changed")
    return found


def test_writing_to_a_full_disk_refuses_cleanly_and_loses_nothing(template: Template,
                                                                    scratch: Path) -> None:
    commands = _inputs(scratch)
    problems: list[str] = []
    for leave in FREE_BYTES:
        for name, argv in commands.items():
            label = f"{name} with {leave // 1024} kB free"
            with tmpfs(scratch / "disk", "1m") as disk:
                path = template.fresh(disk)
                before = snapshot(path)
                filler = _fill(disk, leave)
                result = run_cli(["--workspace", str(path), *argv])
                found = _problems(label, result, before, path)
                filler.unlink()  # space again: the same command must now work
                retry = run_cli(["--workspace", str(path), *argv])
                if result.code != 0 and (retry.code != 0 or retry.traceback):
                    found.append(f"{label}: after freeing space it still fails: {retry.err[-300:]}")
                after = snapshot(path)
                for key, rows in before["kept"].items():
                    if not rows <= after["kept"][key]:
                        found.append(f"{label}: {key} lost")
            tally.case("full disk", 2)
            if found:
                tally.failure("full disk", Verdict(traceback="traceback" in found[0],
                                                   data_lost="lost" in " ".join(found)),
                              "issue 12 item 6: full disk")
            problems += found
    assert not problems, "\n".join(problems)


def test_creating_a_workspace_on_a_full_disk_leaves_nothing_broken(scratch: Path) -> None:
    problems: list[str] = []
    for leave in FREE_BYTES:
        with tmpfs(scratch / "disk", "1m") as disk:
            path = disk / "new.canvas-workspace"
            filler = _fill(disk, leave)
            result = run_cli(["--workspace", str(path), "contact", "add", "a@example.com"])
            tally.case("full disk: create", 2)
            if result.traceback or result.code not in (0, 1):
                problems.append(f"{leave} B free: exit {result.code}: "
                                f"{(result.crash or result.err)[-300:]}")
            filler.unlink()
            again = run_cli(["--workspace", str(path), "contact", "add", "a@example.com"])
            if again.code != 0:
                problems.append(f"{leave} B free: once there is space the workspace still "
                                f"cannot be used: {again.err.strip()[:300]}")
            if problems:
                tally.failure("full disk: create", Verdict(traceback=result.traceback,
                                                           data_lost=again.code != 0),
                              "issue 12 items 5/6: full disk at creation")
    assert not problems, "\n".join(problems)

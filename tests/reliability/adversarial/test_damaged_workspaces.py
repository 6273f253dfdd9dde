"""Damaged workspaces: read-only file, read-only folder, truncated, corrupt page, zero-length,
a folder, symlinks (good and dangling) and a FIFO (in a subprocess: it must not hang).

Every command either works or refuses with one clear sentence (exit 1), never a traceback, and
a refused command leaves the file byte-identical. A valid workspace that cannot be written is
never called "not a Campaign Canvas workspace".
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.adversarial import tally
from tests.reliability.adversarial.support import EBOOK, Template, integrity, run_cli
from tests.reliability.adversarial.system import cli_process, immutable, remount_read_only, tmpfs

READS = {"list": ["list"], "status": ["status", "yoga-trial"]}
WRITES = {"advance": ["advance", "1m"], "contact add": ["contact", "add", "new@example.com"],
          "settings": ["settings", "--set", "settle_seconds=5"], "import": ["import", "EBOOK2"]}
COMMANDS = {**READS, **WRITES}


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _ebook_copy(folder: Path) -> str:
    document = json.loads(EBOOK.read_text("utf-8"))
    document["campaign"]["id"] = "ebook-2"
    path = folder / "ebook2.campaign.json"
    path.write_text(json.dumps(document), "utf-8")
    return str(path)


@contextlib.contextmanager
def damaged(kind: str, template: Template, folder: Path) -> Iterator[Path]:
    """The workspace path a command is given, damaged as ``kind`` says."""
    path = folder / "w.canvas-workspace"
    if kind == "read-only file":
        template.fresh(folder)
        with immutable(path):
            yield path
    elif kind == "read-only folder":
        with tmpfs(folder / "ro", "4m") as mount:
            template.fresh(mount)
            remount_read_only(mount)
            yield mount / path.name
    elif kind.startswith("truncated"):
        template.fresh(folder)
        size = path.stat().st_size
        os.truncate(path, {"truncated to half": size // 2, "truncated to 100 bytes": 100}[kind])
        yield path
    elif kind == "corrupt page":
        template.fresh(folder)
        data = bytearray(path.read_bytes())
        rng = random.Random(12)
        for page in (2, 5, 9):  # b-tree pages of tables and indexes, not the header
            start = page * 4096
            data[start:start + 4096] = bytes(rng.randrange(256) for _ in range(4096))
        path.write_bytes(bytes(data))
        yield path
    elif kind == "zero-length":
        path.write_bytes(b"")
        yield path
    elif kind == "a folder":
        path.mkdir()
        yield path
    elif kind == "dangling symlink":
        path.symlink_to(folder / "missing" / "target.canvas-workspace")
        yield path
    elif kind == "good symlink":
        real = template.fresh(folder, "real.canvas-workspace")
        path.symlink_to(real)
        yield path
    else:
        raise AssertionError(kind)


#: (damage, command) -> the issue 12 item (or NEW defect) the current code fails it for.
_RO_FILE = "issue 12 item 6: writing to a read-only workspace is a traceback"
_RO_FOLDER = ("issue 12 item 6: a workspace in a read-only folder is wrongly called "
              "'not a Campaign Canvas workspace'")
_CORRUPT = "issue 12 item 6: a corrupted page is a traceback (database disk image is malformed)"
_DANGLING = "issue 12 item 6: creating a workspace through a dangling symlink is a traceback"

DAMAGES = ["read-only file", "read-only folder", "truncated to half", "truncated to 100 bytes",
           "corrupt page", "zero-length", "a folder", "dangling symlink", "good symlink"]
VALID = {"read-only file", "read-only folder", "good symlink"}


def _params() -> list[object]:
    params = []
    for damage in DAMAGES:
        for name in COMMANDS:
            params.append(pytest.param(damage, name, id=f"{damage}-{name}"))
    return params


@pytest.mark.parametrize(("damage", "command"), _params())
def test_damaged_workspace_refused_clearly(damage: str, command: str, template: Template,
                                           scratch: Path) -> None:
    category = f"damaged: {damage}"
    argv = [_ebook_copy(scratch) if a == "EBOOK2" else a for a in COMMANDS[command]]
    with damaged(damage, template, scratch) as path:
        real = path.resolve() if path.is_symlink() and path.exists() else path
        before = _digest(real)
        result = run_cli(["--workspace", str(path), *argv])
        tally.case(category)
        problems = []
        if result.traceback:
            problems.append("traceback:\n" + (result.crash or result.err)[-1500:])
        if result.code not in (0, 1):
            problems.append(f"exit status {result.code}")
        if result.code == 1 and (not result.err.strip() or len(result.err.strip().splitlines()) > 3):
            problems.append(f"not one clear message: {result.err!r}")
        if damage in VALID and "not a Campaign Canvas workspace" in result.err:
            problems.append(f"a valid workspace called not one: {result.err.strip()}")
        if result.code != 0 and before is not None and _digest(real) != before:
            problems.append("a refused command changed the file")
        if damage == "good symlink":
            if not path.is_symlink():
                problems.append("the symlink was replaced by a file")
            if result.code != 0:
                problems.append(f"a workspace reached through a symlink was refused: {result.err}")
            elif integrity(real) != "ok":
                problems.append("integrity_check failed after writing through the symlink")
        if damage in ("read-only file", "read-only folder") and command in READS \
                and result.code != 0:
            problems.append(f"a read-only workspace cannot even be read: {result.err.strip()}")
        if problems:
            from tests.reliability.adversarial.support import Verdict

            tally.failure(category, Verdict(traceback=result.traceback,
                                            wrong_exit=result.code not in (0, 1),
                                            data_lost="changed the file" in " ".join(problems)))
        assert not problems, f"{damage} / {argv}: exit {result.code}\n" + "\n".join(problems)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_as_workspace_never_hangs(scratch: Path) -> None:
    """Four commands at once on a FIFO, each in a subprocess killed after 6 s if it hangs."""
    import concurrent.futures

    fifo = scratch / "w.canvas-workspace"
    os.mkfifo(fifo)
    names = ("list", "status", "advance", "contact add")
    with concurrent.futures.ThreadPoolExecutor(len(names)) as pool:
        runs = dict(zip(names, pool.map(lambda n: cli_process(
            ["--workspace", str(fifo), *COMMANDS[n]], timeout=6, cwd=scratch), names),
            strict=True))
    problems = []
    for name, done in runs.items():
        tally.case("damaged: fifo")
        if done.code is None:
            tally.hang("damaged: fifo")
            problems.append(f"`{name}` on a FIFO hung (killed after 6 s)")
        elif "Traceback" in done.err or done.code != 1 or not done.err.strip():
            problems.append(f"`{name}`: exit {done.code}: {done.err[-500:]}")
    assert fifo.exists() and not fifo.is_file()  # the FIFO is left alone
    assert not problems, "\n".join(problems)

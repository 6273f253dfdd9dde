"""Shared machinery of the adversarial suite: a prepared workspace copied per case, the command
line run in-process as a user would type it, and the invariants every case must keep.

Invariants (the issue 12 contract): no traceback, exit status 0/1/2 only, PRAGMA integrity_check
ok, a refused command (exit 1 or 2) leaves the workspace logically identical, and a successful
one loses nothing (campaigns, contacts, sends and clicks only ever grow).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import sqlite3
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from canvas_app.cli.main import main

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "resources" / "samples"
YOGA = SAMPLES / "yoga-trial.campaign.json"
EBOOK = SAMPLES / "sourdough-ebook.campaign.json"
TRACEBACK = "Traceback (most recent call last)"
BROWSER = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/124.0 Safari/537.36")
PEOPLE = ("ana@example.com", "ben@example.org", "Chloe.Z@Example.NET")


def examples(default: int) -> int:
    """How many examples a property test runs: scaled by CANVAS_FUZZ_EXAMPLES (a multiplier)."""
    factor = float(os.environ.get("CANVAS_FUZZ_EXAMPLES", "1"))
    return max(1, int(default * factor))


@dataclass
class Result:
    code: int
    out: str
    err: str
    crash: str | None  # an exception that escaped main(): a user would see a traceback

    @property
    def traceback(self) -> bool:
        return self.crash is not None or TRACEBACK in self.err or TRACEBACK in self.out


def run_cli(argv: list[str], stdin: str = "") -> Result:
    """``main(argv)`` with stdout/stderr captured; argparse's SystemExit becomes the exit code."""
    # Encoded as a UTF-8 terminal would: stdout strict, stderr backslashreplace (Python's own).
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="\n")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace",
                           newline="\n")
    crash = None
    code: int
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        except BaseException as exc:
            crash = "".join(traceback.format_exception(exc))
            code = -1
    return Result(code, _text(out), _text(err), crash)


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8", "replace")


# -- the prepared workspace ---------------------------------------------------------------------
@dataclass(repr=False)
class Template:
    """A workspace with both samples live, three contacts enrolled and mailed, copied per case."""

    path: Path
    tracked_urls: list[str]
    honeypots: list[str]

    def __repr__(self) -> str:
        return f"Template({self.path.name})"

    def fresh(self, directory: Path, name: str = "w.canvas-workspace") -> Path:
        target = directory / name
        shutil.copyfile(self.path, target)
        return target


def _must(argv: list[str]) -> Result:
    result = run_cli(argv)
    assert result.code == 0 and not result.traceback, (argv, result)
    return result


def build_template(directory: Path) -> Template:
    import json

    path = directory / "template.canvas-workspace"
    w = ["--workspace", str(path)]
    _must([*w, "import", str(YOGA)])
    _must([*w, "import", str(EBOOK)])
    for person in PEOPLE:
        _must([*w, "contact", "add", person, "--name", person.split("@")[0].title()])
    _must([*w, "contact", "add", "dora@example.com"])  # a contact in no campaign
    for cid in ("yoga-trial", "sourdough-ebook"):
        _must([*w, "publish", cid])
        _must([*w, "activate", cid])
    _must([*w, "enroll", "yoga-trial", "nurture", *PEOPLE])
    _must([*w, "enroll", "sourdough-ebook", "ebook-welcome", PEOPLE[0]])
    _must([*w, "advance", "1m"])
    urls: list[str] = []
    honeypots: list[str] = []
    for person in PEOPLE:
        for mail in json.loads(_must([*w, "inbox", person, "--json"]).out):
            urls.extend(mail["links"].values())
            html = mail["html"]
            start = html.rindex('<a href="') + len('<a href="')
            honeypots.append(html[start:html.index('"', start)].replace("&amp;", "&"))
    # A few clicks already stored, so "nothing lost" has clicks to lose.
    _must([*w, "click", urls[0], "--user-agent", BROWSER])
    _must([*w, "click", honeypots[-1], "--user-agent", BROWSER])
    _must([*w, "advance", "5m"])
    assert urls and honeypots
    return Template(path, urls, honeypots)


# -- invariants ---------------------------------------------------------------------------------
def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return f"not a database any more: {exc}"
    finally:
        conn.close()
    return "ok" if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows)


def snapshot(path: Path) -> dict[str, Any]:
    """Logical content: a digest of every table (rows in rowid order) and the row sets that must
    never shrink."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        digest = hashlib.sha256()
        for table in tables:
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                digest.update(repr(row).encode())
        kept = {
            "campaigns": {r[0] for r in conn.execute("SELECT id FROM campaigns")},
            "contacts": {r[0] for r in conn.execute("SELECT lower(email) FROM contacts")},
            "sends": {r[0] for r in conn.execute("SELECT id FROM sends")},
            "clicks": {r[0] for r in conn.execute("SELECT id FROM clicks")},
        }
    finally:
        conn.close()
    return {"digest": digest.hexdigest(), "kept": kept}


@dataclass
class Verdict:
    traceback: bool = False
    wrong_exit: bool = False
    data_lost: bool = False
    corrupt: bool = False
    detail: str = ""

    @property
    def ok(self) -> bool:
        return not (self.traceback or self.wrong_exit or self.data_lost or self.corrupt)


def judge(result: Result, before: dict[str, Any] | None, workspace: Path | None,
          argv: Sequence[str] = ()) -> Verdict:
    """Checks the invariants of one command run against the workspace snapshot taken before."""
    v = Verdict()
    if result.traceback:
        v.traceback = True
        v.detail = (result.crash or result.err)[-1500:]
    if result.code not in (0, 1, 2):
        v.wrong_exit = True
        v.detail = v.detail or f"exit status {result.code}"
    # `validate` exits 1 when it lists errors (its output); `--json` refusals print JSON.
    if result.code == 1 and not result.err.strip() and not result.traceback \
            and "validate" not in argv[:3] and "--json" not in argv:
        v.wrong_exit = True
        v.detail = v.detail or "refused without saying why on stderr"
    if workspace is None or before is None or not workspace.exists():
        return v
    state = integrity(workspace)
    if state != "ok":
        v.corrupt = True
        v.detail += f"\nintegrity_check: {state}"
        return v
    after = snapshot(workspace)
    if result.code != 0 and after["digest"] != before["digest"]:
        v.data_lost = True
        v.detail += "\na refused command changed the workspace"
    for key, rows in before["kept"].items():
        if not rows <= after["kept"][key]:
            v.data_lost = True
            v.detail += f"\n{key} lost: {sorted(rows - after['kept'][key])[:5]}"
    return v

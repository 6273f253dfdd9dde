"""Property-based fuzzing of every command's arguments, in-process through the command line's
entry function, each example on a fresh copy of a prepared live workspace.

CANVAS_FUZZ_EXAMPLES multiplies the example counts (``make fuzz`` sets it to 10).
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from tests.reliability.adversarial import strategies as S
from tests.reliability.adversarial import tally
from tests.reliability.adversarial.cases import run_case
from tests.reliability.adversarial.strategies import NO_SHRINK
from tests.reliability.adversarial.support import PEOPLE, YOGA, Template, examples, run_cli

CAMPAIGNS = ["yoga-trial", "sourdough-ebook"]
SEQUENCES = ["nurture", "trial-prep", "membership-offer", "ebook-welcome", "baking-class"]
CONTACTS = [*PEOPLE, "dora@example.com"]
SETTING_KEYS = ["settle_seconds", "honeypot_window_seconds", "burst_window_seconds",
                "burst_min_links", "too_soon_seconds", "tracking_port", "first_name_fallback"]

Draw = Callable[..., object]


def _flag(data: st.DataObject, flag: str) -> list[str]:
    return [flag] if data.draw(st.booleans(), label=flag) else []


def _file_argument(data: st.DataObject, folder: Path, content: st.SearchStrategy[bytes]) -> str:
    # Note: contents are drawn small; big inputs are built in code so reports stay readable.
    """A path a user might give: a real file with drawn content, or something that is not one."""
    kind = data.draw(st.sampled_from(["file", "file", "missing", "folder", "empty", "devnull",
                                      "weird-name", "proc"]), label="file kind")
    if kind in ("file", "weird-name"):
        name = "in.txt" if kind == "file" else data.draw(
            S.texts(30).filter(lambda s: s and "/" not in s and s not in (".", "..")
                               and len(s.encode("utf-8", "surrogateescape")) < 200), label="name")
        path = folder / name
        try:
            path.write_bytes(data.draw(content, label="content"))
        except (OSError, UnicodeEncodeError):
            return str(folder / "missing.txt")
        return str(path)
    if kind == "folder":
        return str(folder)
    if kind == "empty":
        (folder / "empty.txt").write_bytes(b"")
        return str(folder / "empty.txt")
    if kind == "devnull":
        return private_null(folder)
    if kind == "proc":
        return "/proc/self/status"
    return str(folder / "no" / "such.file")


def private_null(folder: Path) -> str:
    """A null device of the test's own (as root): a defect that replaced the device it writes
    to must never take the machine's /dev/null with it. Without root, /dev/null itself, which
    such a process cannot replace anyway."""
    node = folder / "null"
    if not node.exists():
        try:
            os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except (PermissionError, AttributeError):
            return "/dev/null"
    return str(node)


def _output_argument(data: st.DataObject, folder: Path) -> list[str]:
    kind = data.draw(st.sampled_from(["none", "file", "existing", "missing-folder", "folder",
                                      "name", "proc", "devnull", "the workspace"]),
                     label="output")
    if kind == "none":
        return []
    existing = folder / "existing.out"
    existing.write_text("old\n")
    target = {"file": str(folder / "out.json"), "existing": str(existing),
              "missing-folder": str(folder / "no" / "out.json"), "folder": str(folder),
              "proc": "/proc/self/nope.json", "devnull": private_null(folder),
              "the workspace": str(folder / "w.canvas-workspace")}.get(kind)
    if target is None:
        target = str(folder / data.draw(S.texts(20).filter(
            lambda s: s.strip() and "/" not in s and s not in (".", "..")), label="out name"))
    return ["-o", target]


CSV_ROWS = st.lists(st.tuples(S.emails(CONTACTS), S.texts(20)), max_size=6)


@st.composite
def csv_bytes(draw: st.DrawFn) -> bytes:
    header = draw(st.sampled_from(["email,name", "Email , Name", "name,email", "email",
                                   "first_name,last_name,email", "mail,name", ""]))
    rows = draw(CSV_ROWS)
    sep = draw(st.sampled_from(["\n", "\r\n", "\n\n"]))
    lines = [header] + [f'"{e.replace(chr(34), chr(34) * 2)}",{n}' for e, n in rows]
    if draw(st.integers(0, 9)) == 0:  # a field over csv's 131,072-character limit
        lines.append("big@example.com," + "x" * 140_000)
    text = sep.join(lines)
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text.encode("utf-8", "surrogateescape") if draw(st.booleans()) else \
        text.encode("utf-8", "replace")


def argv_for(command: str, data: st.DataObject, folder: Path, template: Template) -> list[str]:
    d = data.draw
    cid = S.ids(CAMPAIGNS)
    if command == "import":
        sample = YOGA.read_bytes()
        content = st.one_of(st.just(sample), st.just(sample.replace(b'"yoga-trial"', b'"y2"')),
                            st.binary(max_size=64), st.just(b"\xff\xfe{}"),
                            st.just(sample[: len(sample) // 2]))
        return ["import", _file_argument(data, folder, content),
                *(["--into", d(cid, label="into")] if d(st.booleans(), label="into?") else [])]
    if command == "export":
        return ["export", d(cid, label="id"), *_output_argument(data, folder)]
    if command == "list":
        return ["list", *_flag(data, "--json")]
    if command in ("validate", "status"):
        return [command, d(cid, label="id"), *_flag(data, "--json")]
    if command == "publish":
        return ["publish", d(cid, label="id"), *_flag(data, "--json"), *_flag(data, "--dry-run")]
    if command in ("activate", "pause"):
        return [command, d(cid, label="id")]
    if command == "report":
        return ["report", d(cid, label="id"), *d(st.sampled_from([[], ["--json"], ["--csv"],
                                                                  ["--json", "--csv"]]))]
    if command == "contact add":
        name = ["--name", d(S.hostile(), label="name")] if d(st.booleans(), label="name?") else []
        return ["contact", "add", d(S.emails(CONTACTS), label="email"), *name]
    if command == "contact import":
        return ["contact", "import", _file_argument(data, folder, csv_bytes())]
    if command == "enroll":
        people = d(st.lists(S.emails(CONTACTS), min_size=1, max_size=4), label="emails")
        return ["enroll", d(cid, label="id"), d(S.ids(SEQUENCES), label="seq"), *people]
    if command == "advance":
        return ["advance", d(S.durations(), label="duration")]
    if command == "inbox":
        return ["inbox", d(S.emails(CONTACTS), label="email"), *_flag(data, "--json")]
    if command == "click":
        urls = template.tracked_urls + template.honeypots
        url = S.mutate_url(d(st.sampled_from(urls), label="url"), data) \
            if d(st.integers(0, 4), label="url kind") else d(S.hostile(80), label="raw url")
        extra = ["--user-agent", d(S.user_agents(), label="ua")] if d(st.booleans()) else []
        method = ["--method", d(st.sampled_from(["GET", "HEAD", "POST", "get", ""]))] \
            if d(st.booleans()) else []
        return ["click", url, *extra, *method, *_flag(data, "--json")]
    if command == "write-email":
        extra = ["--send", d(S.numbers(), label="send")] if d(st.booleans()) else []
        port = ["--port", d(S.numbers(), label="port")] if d(st.booleans()) else []
        return ["write-email", d(S.emails(CONTACTS), label="email"), *extra, *port,
                *_output_argument(data, folder)]
    if command == "settings":
        sets: list[str] = []
        for _ in range(d(st.integers(0, 3), label="n sets")):
            key = d(st.sampled_from(SETTING_KEYS) | S.hostile(12), label="key")
            value = d(S.numbers() | S.hostile(20), label="value")
            sets += ["--set", f"{key}={value}"]
        return ["settings", *sets, *_flag(data, "--json")]
    if command == "serve":  # only refusals: a valid port would start serving (see test_server)
        port = d(S.numbers(), label="port")
        try:
            if 0 <= int(port) <= 65535:
                port = "65536"
        except ValueError:
            pass
        return ["serve", "--port", port, *_flag(data, "--real-time")]
    if command == "demo":  # only refusals here: one real demo run is enough (below)
        n = d(S.numbers(), label="contacts")
        try:
            if 1 <= int(n) <= 20000:
                n = "0"
        except ValueError:
            pass
        return ["demo", "--contacts", n]
    if command == "raw":
        head = d(st.sampled_from(["import", "export", "list", "validate", "publish", "activate",
                                  "pause", "status", "contact", "enroll", "advance", "inbox",
                                  "click", "report", "settings", "write-email", "gui", "nope",
                                  "-h", "--version", ""]), label="head")
        tail = d(st.lists(S.hostile(16) | st.sampled_from(["--json", "--csv", "--into", "-o",
                                                            "--set", "--", "-"]), max_size=5))
        if head in ("serve", "demo") or "-h" in tail or "--help" in tail:
            tail = [t for t in tail if t not in ("-h", "--help")]
        return [head, *tail] if head else tail
    raise AssertionError(command)


COMMANDS = {  # command -> examples in `make test` (x CANVAS_FUZZ_EXAMPLES)
    "import": 80, "export": 80, "list": 30, "validate": 60, "publish": 80, "activate": 60,
    "pause": 60, "status": 60, "report": 60, "contact add": 120, "contact import": 100,
    "enroll": 120, "advance": 160, "inbox": 80, "click": 200, "write-email": 100,
    "settings": 140, "serve": 40, "demo": 30, "raw": 150, "workspace name": 80,
}

#: Characters a file name may hold that mean something in a URL or a shell.
NAME_CHARS = st.sampled_from(list("?#%&=;:@+ ~*[]{}'\"$!^|<>,") + ["é", "例", "\u202e", "\t",
                                                                     "\n", "%3F", "..."])


@st.composite
def workspace_names(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.text("abcXYZ019-_.", min_size=1, max_size=6) | NAME_CHARS,
                          min_size=1, max_size=5))
    name = "".join(parts) + draw(st.sampled_from([".canvas-workspace", "", ".db", "?x=1"]))
    if name in (".", "..") or "/" in name or len(name.encode()) > 200:
        return "plain.canvas-workspace"
    return name


def run_named_workspace(data: st.DataObject, folder: Path, template: Template) -> None:
    """A workspace whose file name holds URL and shell characters: the command must use that
    very file (or refuse cleanly), and make no other file next to it."""
    name = data.draw(workspace_names(), label="workspace name")
    fresh = data.draw(st.booleans(), label="new workspace?")
    path = folder / name
    if not fresh:
        template.fresh(folder, name)
    argv = data.draw(st.sampled_from([["list"], ["contact", "add", "zed@example.com"],
                                      ["advance", "1m"], ["status", "yoga-trial"]]))
    if fresh:
        result = run_cli(["--workspace", str(path), *argv])
    else:
        result, _ = run_case("cli: workspace name", path, argv, follow_up=False)
    allowed = {name, name + "-wal", name + "-shm", name + ".lock"}
    stray = sorted(p.name for p in folder.iterdir() if p.name not in allowed)
    problem = None
    if result.traceback or result.code not in (0, 1, 2):
        problem = f"exit {result.code}: {(result.crash or result.err)[-500:]}"
    elif stray:
        problem = f"--workspace {name!r}: the command wrote other files: {stray}"
    elif result.code == 0 and argv[0] == "contact" and not path.exists():
        problem = f"--workspace {name!r}: reported success, but that file does not exist"
    if fresh:
        tally.case("cli: workspace name")
    if problem:
        from tests.reliability.adversarial.support import Verdict

        tally.failure("cli: workspace name", Verdict(data_lost=True))
        raise AssertionError(problem)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_command_arguments_keep_the_invariants(command: str, template: Template,
                                               scratch: Path) -> None:
    @settings(max_examples=examples(COMMANDS[command]), deadline=None, database=None,
              suppress_health_check=list(HealthCheck),
              phases=NO_SHRINK, print_blob=True)
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        folder = Path(tempfile.mkdtemp(dir=scratch))
        try:
            if command == "workspace name":
                run_named_workspace(data, folder, template)
                return
            workspace = template.fresh(folder)
            argv = argv_for(command, data, folder, template)
            note(repr(argv)[:3000])
            run_case(f"cli: {command}", workspace, argv)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    fuzz()


def test_fuzz_volume_meets_the_floor() -> None:
    """>= 2,000 invocations in `make test`, >= 20,000 in `make fuzz` (x10); the tally counts
    them (this test runs after the fuzzers: same file, campaign files just before)."""
    if tally.total_invocations() == 0:
        pytest.skip("run together with the fuzzers to count their invocations")
    floor = 2000 * examples(1000) / 1000
    assert tally.total_invocations() >= floor, (tally.total_invocations(), floor)

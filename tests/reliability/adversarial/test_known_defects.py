"""One small, exact reproduction per defect: issue 12's items (those not already pinned by the
damage, server and concurrency files) and the NEW ones this suite found. Each was a strict
xfail until its fix landed; now each guards its fix, and the fuzzers count any failure of the
same kind as new (known.py lists no open defect).
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.reliability.adversarial import tally
from tests.reliability.adversarial.cases import strict_json
from tests.reliability.adversarial.support import (
    BROWSER,
    PEOPLE,
    YOGA,
    Result,
    Template,
    integrity,
    run_cli,
)
from tests.reliability.adversarial.system import cli_process


def cli(path: Path, *argv: str) -> Result:
    tally.invocation("known defects")
    return run_cli(["--workspace", str(path), *argv])


def clean(result: Result) -> bool:
    """Refused or done, in the documented way: no traceback, exit 0/1, a message on refusal."""
    return not result.traceback and result.code in (0, 1) and \
        (result.code == 0 or bool(result.err.strip()))


Test = TypeVar("Test", bound=Callable[..., Any])


def guards(defect: str) -> Callable[[Test], Test]:
    """Names the defect a test keeps out. Each was a strict xfail until its fix landed; now a
    failure here means the defect is back."""
    def mark(test: Test) -> Test:
        test.__doc__ = f"Guards against: {defect}"
        return test
    return mark


@pytest.fixture
def ws(template: Template, scratch: Path) -> Path:
    tally.case("known defects")
    return template.fresh(scratch)


# -- issue 12 item 1 ----------------------------------------------------------------------------
@guards("issue 12 item 1: two campaigns, one contact, two goal clicks: every later advance fails "
       "with UNIQUE constraint failed: memberships.id")
def test_goal_clicks_in_two_campaigns_do_not_break_advance(ws: Path) -> None:
    person = "dora@example.com"
    assert cli(ws, "enroll", "yoga-trial", "nurture", person).code == 0
    assert cli(ws, "enroll", "sourdough-ebook", "ebook-welcome", person).code == 0
    assert cli(ws, "advance", "1m").code == 0
    goal_links = {"yoga-trial": "book-trial", "sourdough-ebook": "download-guide"}
    for mail in json.loads(cli(ws, "inbox", person, "--json").out):
        url = mail["links"][goal_links[mail["campaign"]]]
        assert cli(ws, "click", url, "--user-agent", BROWSER).code == 0
    result = cli(ws, "advance", "2m")
    assert clean(result) and result.code == 0, result.crash or result.err


# -- issue 12 item 2 ----------------------------------------------------------------------------
@pytest.mark.parametrize("duration", ["99999999d", "2920000d"])
@guards("issue 12 item 2: a huge duration saves the clock past year 9999; status and every "
       "advance then raise ValueError/OverflowError")
def test_a_huge_advance_is_refused_before_the_clock_moves(ws: Path, duration: str) -> None:
    result = cli(ws, "advance", duration)
    assert clean(result) and result.code == 1, result.crash or result.err
    assert cli(ws, "status", "yoga-trial").code == 0


@guards("issue 12 item 2: durations accept non-ASCII digits")
@pytest.mark.parametrize("duration", ["٣d", "３h", "۹۹m"])
def test_durations_take_ascii_digits_only(ws: Path, duration: str) -> None:
    result = cli(ws, "advance", duration)
    assert clean(result) and result.code == 1, result.out


# -- issue 12 item 4 ----------------------------------------------------------------------------
@guards("issue 12 item 4: settings --set accepts nan, inf, 1e400, negative counts and "
       "impossible ports")
@pytest.mark.parametrize("setting", ["settle_seconds=nan", "too_soon_seconds=inf",
                                     "burst_window_seconds=1e400", "burst_min_links=-1",
                                     "tracking_port=-5", "tracking_port=99999"])
def test_settings_refuse_out_of_range_values(ws: Path, setting: str) -> None:
    result = cli(ws, "settings", "--set", setting)
    assert clean(result) and result.code == 1, result.out


@guards("issue 12 item 4: with settle_seconds=nan, settings --json prints NaN (invalid JSON)")
def test_settings_json_is_always_valid_json(ws: Path) -> None:
    cli(ws, "settings", "--set", "settle_seconds=nan")
    strict_json(cli(ws, "settings", "--json").out)


# -- issue 12 item 7 ----------------------------------------------------------------------------
@guards("issue 12 item 7: export -o into /proc or an unwritable folder is a traceback")
@pytest.mark.parametrize("target", ["/proc/self/campaign.json", "/proc/version"])
def test_export_to_an_unwritable_place_is_refused_cleanly(ws: Path, target: str) -> None:
    assert clean(cli(ws, "export", "yoga-trial", "-o", target))


@guards("issue 12 item 7: export -o replaces a symlink instead of writing its target")
def test_export_writes_through_a_symlink(ws: Path, scratch: Path) -> None:
    real = scratch / "real.json"
    real.write_text("old")
    link = scratch / "link.json"
    link.symlink_to(real)
    assert cli(ws, "export", "yoga-trial", "-o", str(link)).code == 0
    assert link.is_symlink() and json.loads(real.read_text())["campaign"]["id"] == "yoga-trial"


@guards("issue 12 item 7: export -o resets an existing 0644 file to 0600")
def test_export_keeps_the_permissions_of_the_file_it_replaces(ws: Path, scratch: Path) -> None:
    out = scratch / "out.json"
    out.write_text("old")
    out.chmod(0o644)
    assert cli(ws, "export", "yoga-trial", "-o", str(out)).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@guards("issue 12 item 7: export -o replaces a FIFO with a regular file")
def test_export_to_a_fifo_does_not_replace_it(ws: Path, scratch: Path) -> None:
    fifo = scratch / "pipe"
    os.mkfifo(fifo)
    done = cli_process(["--workspace", str(ws), "export", "yoga-trial", "-o", str(fifo)],
                       timeout=10, cwd=scratch)  # a writer with no reader may block: bounded
    assert "Traceback" not in done.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a file"


# -- issue 12 item 8 ----------------------------------------------------------------------------
def _campaign_file(folder: Path, edit: str) -> Path:
    text = YOGA.read_text("utf-8").replace('"yoga-trial"', '"fz"', 1)
    if edit == "delay":
        text = text.replace('"delay_minutes": 2880', f'"delay_minutes": {2**63}', 1)
    elif edit == "position":
        text = text.replace('"position": [\n          0,', '"position": [\n          1e400,', 1)
    elif edit == "newline id":
        text = text.replace('"fz"', '"fz\\n"', 1)
    elif edit == "huge int position":
        text = text.replace('"position": [\n          0,', '"position": [\n          '
                            + "9" * 400 + ",", 1)
    assert text != YOGA.read_text("utf-8").replace('"yoga-trial"', '"fz"', 1) or edit == "none"
    path = folder / f"{edit.replace(' ', '-')}.campaign.json"
    path.write_text(text, "utf-8")
    return path


@guards("issue 12 item 8: delay_minutes >= 2**63 gives an OverflowError traceback")
def test_a_delay_beyond_sqlite_is_refused_with_its_path(ws: Path, scratch: Path) -> None:
    result = cli(ws, "import", str(_campaign_file(scratch, "delay")))
    assert clean(result) and result.code == 1 and "delay_minutes" in result.err


@guards("issue 12 item 8: a position of 1e400 becomes infinity; the export writes Infinity")
def test_an_infinite_position_is_refused(ws: Path, scratch: Path) -> None:
    result = cli(ws, "import", str(_campaign_file(scratch, "position")))
    assert clean(result) and result.code == 1 and "position" in result.err


@guards("issue 12 item 8: an id ending in a newline passes the pattern ($ before a newline)")
def test_an_id_ending_in_a_newline_is_refused(ws: Path, scratch: Path) -> None:
    result = cli(ws, "import", str(_campaign_file(scratch, "newline id")))
    assert clean(result) and result.code == 1


# -- issue 12 item 9 ----------------------------------------------------------------------------
@guards("issue 12 item 9: a CSV field over 131,072 characters is a traceback")
def test_a_huge_csv_field_is_refused_cleanly(ws: Path, scratch: Path) -> None:
    csv = scratch / "big.csv"
    csv.write_text("email,name\nx@example.com," + "n" * 140_000 + "\n", "utf-8")
    result = cli(ws, "contact", "import", str(csv))
    assert clean(result)


@guards("issue 12 item 9: CSV error line numbers are wrong after blank lines or quoted newlines")
def test_csv_errors_name_the_real_line(ws: Path, scratch: Path) -> None:
    csv = scratch / "lines.csv"
    csv.write_text('email,name\n\n"a@example.com","two\nlines"\nnot-an-address,x\n', "utf-8")
    result = cli(ws, "contact", "import", str(csv))
    assert result.code == 1 and "line 5" in result.err, result.err


@guards("issue 12 item 9: all 100,000 CSV problems are printed (cap the list, say how many more)")
def test_csv_problem_list_is_capped(ws: Path, scratch: Path) -> None:
    csv = scratch / "bad.csv"
    csv.write_text("email\n" + "bad\n" * 5000, "utf-8")
    result = cli(ws, "contact", "import", str(csv))
    assert result.code == 1 and len(result.err.splitlines()) < 100 and "more" in result.err


# -- issue 12 item 11 ---------------------------------------------------------------------------
@guards("issue 12 item 11: write-email copies a body's <script> and remote <img> into the page")
def test_write_email_sanitises_the_body(ws: Path, scratch: Path) -> None:
    document = json.loads(YOGA.read_text("utf-8"))
    document["campaign"]["id"] = "xss"
    email = document["campaign"]["sequences"][0]["emails"][0]
    email["body_html"] += "<script>alert(1)</script><img src='https://tracker.example/p.gif'>"
    source = scratch / "xss.campaign.json"
    source.write_text(json.dumps(document), "utf-8")
    for argv in (["import", str(source)], ["publish", "xss"], ["activate", "xss"],
                 ["enroll", "xss", "nurture", "dora@example.com"], ["advance", "1m"]):
        assert cli(ws, *argv).code == 0, argv
    out = scratch / "mail.html"
    assert cli(ws, "write-email", "dora@example.com", "-o", str(out)).code == 0
    page = out.read_text("utf-8")
    assert "<script" not in page and "tracker.example" not in page


# -- NEW defects found by this suite -----------------------------------------------------------
SURROGATE = "\udcff"  # how Python hands over an argv byte that is not UTF-8 ($'\xff')


@guards("NEW N1: an argument with bytes that are not UTF-8 reaching the database is a "
       "UnicodeEncodeError traceback")
@pytest.mark.parametrize("argv", [
    ["status", f"yoga{SURROGATE}"], ["inbox", f"a{SURROGATE}@example.com"],
    ["contact", "add", "new@example.com", "--name", f"Z{SURROGATE}"],
    ["click", "URL", "--user-agent", SURROGATE]], ids=["status", "inbox", "contact-name", "ua"])
def test_undecodable_arguments_are_refused_cleanly(ws: Path, template: Template,
                                                   argv: list[str]) -> None:
    argv = [template.tracked_urls[0] if a == "URL" else a for a in argv]
    result = cli(ws, *argv)
    assert clean(result) and integrity(ws) == "ok", result.crash


@guards("NEW N3: settings accepts a first_name_fallback that is not UTF-8; from then on every "
       "advance that mails a contact without a name is a traceback (simulation stuck)")
def test_a_fallback_name_that_is_not_utf8_cannot_stop_the_simulation(ws: Path) -> None:
    cli(ws, "settings", "--set", f"first_name_fallback=x{SURROGATE}")
    assert cli(ws, "enroll", "sourdough-ebook", "ebook-welcome", "dora@example.com").code == 0
    result = cli(ws, "advance", "1m")
    assert clean(result), result.crash


@guards("NEW N2: a position given as an integer beyond float range is an OverflowError traceback")
def test_a_huge_integer_position_is_refused_with_its_path(ws: Path, scratch: Path) -> None:
    result = cli(ws, "import", str(_campaign_file(scratch, "huge int position")))
    assert clean(result) and result.code == 1 and "position" in result.err


@guards("NEW N4: write-email --port accepts -5 or 99999 and writes links to a port that cannot "
       "exist (serve refuses the same values)")
@pytest.mark.parametrize("port", ["-5", "99999"])
def test_write_email_refuses_an_impossible_port(ws: Path, scratch: Path, port: str) -> None:
    result = cli(ws, "write-email", PEOPLE[0], "--port", port, "-o", str(scratch / "m.html"))
    assert clean(result) and result.code == 1


@guards("NEW N5: enroll names a repeated address twice as 'Enrolled' though one membership "
       "is made")
def test_enroll_reports_a_repeated_address_once(ws: Path) -> None:
    result = cli(ws, "enroll", "sourdough-ebook", "ebook-welcome", "dora@example.com",
                 "dora@example.com", "DORA@example.com")
    assert result.code == 0 and result.out.count("Enrolled") == 1, result.out


@guards("NEW N6: export -o naming the workspace itself replaces the whole workspace with the "
       "campaign file, exit 0: every campaign, contact, send and click is gone")
@pytest.mark.parametrize("command", [["export", "yoga-trial"],
                                     ["write-email", "ana@example.com"]], ids=lambda c: c[0])
def test_output_onto_the_workspace_itself_is_refused(ws: Path, command: list[str]) -> None:
    result = cli(ws, *command, "-o", str(ws))
    assert clean(result) and result.code == 1, result.out
    assert integrity(ws) == "ok" and cli(ws, "list").code == 0


@guards("NEW N7: a workspace path containing '?' is cut there (it becomes a URL query): the data "
       "goes to another file, and the named workspace never exists")
def test_a_workspace_name_with_a_question_mark_is_the_file_used(scratch: Path) -> None:
    tally.case("known defects")
    named = scratch / "spring?sale.canvas-workspace"
    result = run_cli(["--workspace", str(named), "import", str(YOGA)])
    assert clean(result)
    assert not (scratch / "spring").exists(), "the data went to a file called 'spring'"
    assert result.code == 0 and named.exists()


@guards("NEW N7: a workspace path's %XX escapes are decoded: `list` on '%3F.canvas-workspace' "
       "opens (and creates) '?.canvas-workspace' and shows none of the campaigns")
def test_a_workspace_name_with_a_percent_escape_is_the_file_used(template: Template,
                                                                 scratch: Path) -> None:
    tally.case("known defects")
    named = template.fresh(scratch, "%3F.canvas-workspace")
    result = run_cli(["--workspace", str(named), "list", "--json"])
    assert not (scratch / "?.canvas-workspace").exists(), "another workspace was created"
    assert result.code == 0 and "yoga-trial" in result.out


@guards("NEW N8: a refused publish (exit 1) prints its reason on stdout only; stderr is empty, "
       "against the contract 'exit 1 ... with a clear message on stderr'")
def test_a_refused_publish_says_why_on_stderr(ws: Path, scratch: Path) -> None:
    document = json.loads(YOGA.read_text("utf-8"))
    document["campaign"]["goals"][0]["links"] = []  # a goal nobody can achieve: blocks publish
    source = scratch / "blocked.campaign.json"
    source.write_text(json.dumps(document), "utf-8")
    assert cli(ws, "import", str(source), "--into", "yoga-trial").code == 0
    result = cli(ws, "publish", "yoga-trial")
    assert result.code == 1 and "not published" in result.err
    assert "goal" in result.err.lower(), "the reason is on stderr"


@pytest.mark.skipif(float(os.environ.get("CANVAS_FUZZ_EXAMPLES", "1")) < 2,
                    reason="holds the workspace for 10+ s: `make fuzz` only")
@guards("NEW N9: crawler detection is superlinear in the User-Agent's length (4 kB: 1.3 s, "
       "20 kB: 30 s) and runs inside the click's write transaction: one click with a long "
       "User-Agent locks the workspace, and every other writer fails with 'database is locked'")
def test_a_long_user_agent_does_not_lock_the_workspace(ws: Path, template: Template,
                                                       scratch: Path) -> None:
    import subprocess
    import sys
    import time

    from tests.reliability.adversarial.support import ROOT

    click = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--workspace", str(ws),
                              "click", template.tracked_urls[0], "--user-agent", "a" * 60_000],
                             env={**os.environ, "PYTHONPATH": str(ROOT)},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(3)  # let it reach its transaction (not an assertion on time)
        result = cli(ws, "contact", "add", "late@example.com")
    finally:
        click.kill()
        click.wait(30)
    assert clean(result) and result.code == 0, result.crash or result.err

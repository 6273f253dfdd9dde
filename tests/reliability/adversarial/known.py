"""Failures the fuzzers may hit that are already known defects: issue 12's items, and the new
ones this suite found (each also pinned by a strict xfail test in test_known_defects.py).

A fuzz case whose failure matches an entry is counted as "known" in the tally instead of failing
the run. Once a fix lands, its strict xfail test starts failing (XPASS): remove the marker there
AND the entry here, so the fuzzers guard the fix from then on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tests.reliability.adversarial.support import Result, Verdict


@dataclass(frozen=True)
class Known:
    label: str
    matches: Callable[[list[str], Result, Verdict], bool]


def _in_trace(*needles: str) -> Callable[[list[str], Result, Verdict], bool]:
    def check(_argv: list[str], result: Result, verdict: Verdict) -> bool:
        text = (result.crash or "") + result.err + verdict.detail
        return any(n in text for n in needles)
    return check


def _command(name: str, check: Callable[[list[str], Result, Verdict], bool]
             ) -> Callable[[list[str], Result, Verdict], bool]:
    return lambda argv, result, verdict: name in argv[:2] and check(argv, result, verdict)


def _year_overflow(argv: list[str], result: Result, verdict: Verdict) -> bool:
    text = (result.crash or "") + result.err + verdict.detail
    return bool(re.search(r"year -?\d+ is out of range|OverflowError|out of range for platform|"
                          r"cannot convert float infinity|date value out of range|"
                          r"Value too large for defined data type", text))


def _commands(names: tuple[str, ...], check: Callable[[list[str], Result, Verdict], bool]
              ) -> Callable[[list[str], Result, Verdict], bool]:
    return lambda argv, result, verdict: any(n in argv[:2] for n in names) and check(
        argv, result, verdict)


KNOWN: list[Known] = [
    Known("issue 12 item 1: goal clicks in two campaigns: UNIQUE constraint failed: memberships.id",
          _in_trace("UNIQUE constraint failed: memberships.id")),
    Known("issue 12 item 2: the clock is moved past year 9999 and the workspace is bricked",
          _command("advance", _year_overflow)),
    Known("issue 12 item 4: settings accepts nan/inf and settings --json then prints NaN",
          _command("settings", _in_trace("is not JSON"))),
    Known("issue 12 item 7: export -o / write-email -o: traceback for unwritable or /proc paths",
          _commands(("export", "write-email"), _in_trace("in write_text_atomically"))),
    Known("issue 12 item 8: delay_minutes >= 2**63 is an OverflowError traceback",
          _in_trace("too large to convert to SQLite")),
    Known("issue 12 item 9: a CSV field over 131,072 characters is a traceback",
          _command("contact", _in_trace("field larger than field limit"))),
    Known("NEW N2: a position given as an integer beyond float range (400 digits) is an "
          "OverflowError traceback on import", _in_trace("int too large to convert to float")),
    Known("NEW N6: export -o / write-email -o naming the workspace itself replaces it (every "
          "campaign, contact and click) with the output, exit 0",
          lambda argv, _r, v: "-o" in argv[:-1] and argv[argv.index("-o") + 1].endswith(
              "w.canvas-workspace") and (v.data_lost or v.corrupt)),
    Known("NEW N8: a refused publish (exit 1) says why on stdout only; stderr is empty",
          lambda argv, result, v: argv[:1] == ["publish"] and "--json" not in argv
          and result.code == 1 and not result.err.strip() and v.wrong_exit and not v.traceback),
    Known("NEW N1: an argument with undecodable bytes (not UTF-8) reaching the database is a "
          "UnicodeEncodeError traceback", _in_trace("surrogates not allowed")),
]


N7 = ("NEW N7: a workspace path is read as a URL: '?' cuts it and %XX is decoded, so the data "
      "goes to (or is read from) another file")


def url_like(name: str) -> bool:
    """A file name the current code reads as a URL (NEW N7)."""
    return "?" in name or re.search(r"%[0-9A-Fa-f]{2}", name) is not None


def classify(argv: list[str], result: Result, verdict: Verdict) -> str | None:
    for entry in KNOWN:
        if entry.matches(argv, result, verdict):
            return entry.label
    return None

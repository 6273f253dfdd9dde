"""Failures the fuzzers may hit that are known, still open defects (each also pinned by a strict
xfail test in test_known_defects.py). Issue 12's items and N1-N9 are fixed and no longer listed.

A fuzz case whose failure matches an entry is counted as "known" in the tally instead of failing
the run. Once a fix lands, its strict xfail test starts failing (XPASS): remove the marker there
AND the entry here, so the fuzzers guard the fix from then on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.reliability.adversarial.support import Result, Verdict


@dataclass(frozen=True)
class Known:
    label: str
    matches: Callable[[list[str], Result, Verdict], bool]


KNOWN: list[Known] = [
    # Open defects the fuzzers may hit go here (with a strict xfail reproduction in
    # test_known_defects.py). Every defect found so far is fixed, so none is excused.
]


def classify(argv: list[str], result: Result, verdict: Verdict) -> str | None:
    for entry in KNOWN:
        if entry.matches(argv, result, verdict):
            return entry.label
    return None

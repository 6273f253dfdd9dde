"""Running one adversarial command against a workspace and enforcing the invariants on it.

A successful command that changed the workspace is followed by ``status`` and ``list``: a
workspace that a command left unusable (issue 12 item 2: "bricked") counts as data lost.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.reliability.adversarial import known, tally
from tests.reliability.adversarial.support import Result, Verdict, judge, run_cli, snapshot

FOLLOW_UPS = (["status", "yoga-trial"], ["list", "--json"])


def strict_json(text: str) -> object:
    def refuse(name: str) -> object:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def run_case(category: str, workspace: Path, argv: list[str], *, follow_up: bool = True,
             known_failure: str | None = None) -> tuple[Result, Verdict]:
    """Runs ``argv`` on ``workspace``, checks every invariant, tallies, and raises
    AssertionError on a failure that is not a known defect (``known_failure``: the defect any
    failure of this case is known to be)."""
    before = snapshot(workspace)
    base = ["--workspace", str(workspace)]
    result = run_cli(base + argv)
    invocations = 1
    verdict = judge(result, before, workspace, argv)
    helped = bool({"-h", "--help", "--version"} & set(argv))
    if verdict.ok and result.code == 0 and "--json" in argv and not helped and result.out.strip():
        try:
            strict_json(result.out)
        except ValueError as exc:
            verdict.wrong_exit = True
            verdict.detail = f"--json printed something that is not JSON: {exc}"
    if verdict.ok and result.code == 0 and follow_up and snapshot(workspace) != before:
        for extra in FOLLOW_UPS:
            later = run_cli(base + extra)
            invocations += 1
            if later.code != 0 or later.traceback:
                verdict.data_lost = True
                verdict.traceback = verdict.traceback or later.traceback
                verdict.detail = (f"after a successful {argv[:3]!r} the workspace is unusable: "
                                  f"{extra} -> exit {later.code}\n"
                                  + (later.crash or later.err)[-1200:])
                break
    tally.case(category, invocations)
    if not verdict.ok:
        label = known.classify(argv, result, verdict) or known_failure
        tally.failure(category, verdict, label)
        if label is None:
            raise AssertionError(f"{category}: {argv!r:.2000}\nexit {result.code}\n{verdict.detail}\n"
                                 f"stderr: {result.err[-800:]}")
    return result, verdict

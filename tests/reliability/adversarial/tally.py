"""Per-category figures of the adversarial suite (cases tried, tracebacks, wrong exits, data lost,
hangs), printed at the end of the run and written to CANVAS_FUZZ_TALLY (a JSON file) if set.

Failures that match a defect issue 12 already lists (or one this suite found and xfails) are
counted apart as "known", with the item they belong to, so the figures stay honest while the
fixes are under way.
"""

from __future__ import annotations

import json
import os
import threading
from collections import Counter, defaultdict
from pathlib import Path

from tests.reliability.adversarial.support import Verdict

COLUMNS = ("cases", "invocations", "tracebacks", "wrong_exits", "data_lost", "corrupt", "hangs",
           "known")

_lock = threading.Lock()
_figures: dict[str, Counter[str]] = defaultdict(Counter)
_known: Counter[str] = Counter()


def case(category: str, invocations: int = 1) -> None:
    with _lock:
        _figures[category]["cases"] += 1
        _figures[category]["invocations"] += invocations


def invocation(category: str, n: int = 1) -> None:
    with _lock:
        _figures[category]["invocations"] += n


def failure(category: str, verdict: Verdict, known: str | None = None) -> None:
    with _lock:
        if known is not None:
            _figures[category]["known"] += 1
            _known[known] += 1
            return
        figures = _figures[category]
        figures["tracebacks"] += verdict.traceback
        figures["wrong_exits"] += verdict.wrong_exit
        figures["data_lost"] += verdict.data_lost
        figures["corrupt"] += verdict.corrupt


def hang(category: str, known: str | None = None) -> None:
    with _lock:
        if known is not None:
            _figures[category]["known"] += 1
            _known[known] += 1
            return
        _figures[category]["hangs"] += 1


def total_invocations() -> int:
    return sum(f["invocations"] for f in _figures.values())


def lines() -> list[str]:
    if not _figures:
        return []
    width = max(len(c) for c in _figures) + 2
    out = ["category".ljust(width) + "".join(c.rjust(12) for c in COLUMNS)]
    total: Counter[str] = Counter()
    for category in sorted(_figures):
        figures = _figures[category]
        total.update(figures)
        out.append(category.ljust(width) + "".join(str(figures[c]).rjust(12) for c in COLUMNS))
    out.append("TOTAL".ljust(width) + "".join(str(total[c]).rjust(12) for c in COLUMNS))
    if _known:
        out.append("known defects hit (not counted above as new failures):")
        out += [f"  {n:>6}  {label}" for label, n in sorted(_known.items())]
    return out


def write(path: str | None = None) -> None:
    target = path or os.environ.get("CANVAS_FUZZ_TALLY")
    if not target:
        return
    Path(target).write_text(json.dumps({"figures": _figures, "known": _known}, indent=2) + "\n",
                            "utf-8")

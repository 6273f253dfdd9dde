"""The figures of `make bench` as JSON, beside the text table: build/benchmarks.json holds
``{"machine": {...}, "figures": [{"name", "value", "unit", "baseline", "ratio", "target"}]}``.

Each benchmark records its own figures; a figure recorded again replaces the one of the same
name, so the scripts can run alone or from run_all.py (which starts the file afresh)."""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
JSON_PATH = ROOT / "build" / "benchmarks.json"


def machine() -> dict[str, Any]:
    return {"system": platform.system(), "release": platform.release(),
            "processor": platform.machine(), "cores": os.cpu_count(),
            "python": platform.python_version(), "executable": sys.executable}


def load() -> dict[str, Any]:
    try:
        data = json.loads(JSON_PATH.read_text("utf-8"))
    except (OSError, ValueError):
        return {"machine": machine(), "figures": []}
    if not isinstance(data, dict) or not isinstance(data.get("figures"), list):
        return {"machine": machine(), "figures": []}
    return data


def record(name: str, value: float, unit: str, *, baseline: float | None = None,
           ratio: float | None = None, target: str | None = None) -> None:
    """Adds (or replaces) one figure. ``target`` is the goal in words, e.g. "<= 1.5"."""
    data = load()
    data["machine"] = machine()
    data["figures"] = [f for f in data["figures"] if f.get("name") != name]
    data["figures"].append({"name": name, "value": round(value, 4), "unit": unit,
                            "baseline": None if baseline is None else round(baseline, 4),
                            "ratio": None if ratio is None else round(ratio, 4),
                            "target": target})
    JSON_PATH.parent.mkdir(exist_ok=True)
    temporary = JSON_PATH.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    temporary.replace(JSON_PATH)

"""Runs every benchmark in its own process and writes their figures to build/benchmarks.txt,
and the same figures as JSON to build/benchmarks.json (see figures.py).

    make bench
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
JSON_PATH = ROOT / "build" / "benchmarks.json"
SCRIPTS = ["bench_engine.py --runs 3", "bench_engine.py --contacts 100000 --days 30",
           "bench_engine.py --postgresql",
           "bench_server.py", "bench_click_window.py", "bench_canvas.py", "bench_startup.py",
           "bench_open_scale.py"]


def main() -> int:
    sections = [f"Campaign Canvas benchmarks, {time.strftime('%Y-%m-%d %H:%M')}\n"]
    JSON_PATH.unlink(missing_ok=True)  # this run's figures only
    failed = 0
    for script in SCRIPTS:
        print(f"running {script} ...", flush=True)
        name, *options = script.split()
        proc = subprocess.run([sys.executable, str(HERE / name), *options], capture_output=True,
                              text=True, cwd=ROOT)
        out = proc.stdout.strip() or proc.stderr.strip()
        if proc.returncode:
            failed += 1
            out = f"FAILED (exit {proc.returncode}):\n{proc.stderr.strip()[-2000:]}"
        sections.append(f"== {script} ==\n{out}\n")
    table = "\n".join(sections)
    target = ROOT / "build" / "benchmarks.txt"
    target.parent.mkdir(exist_ok=True)
    target.write_text(table, "utf-8")
    print(table)
    print(f"written to {target.relative_to(ROOT)} and {JSON_PATH.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""CPU per click of the tracking server's click writer, in process (far less noisy than the
HTTP benchmark on a shared machine).

The bench_server workspace (the yoga sample, 200 contacts sent its first email); clicks on
their booking links recorded the way the server's writer records them (its cache, its own
connection, no waiting) one transaction per click (one client) and 20 clicks per transaction
(a room).
Each figure is taken 3 times: min and median of the process's CPU milliseconds per click.

    python tests/benchmarks/bench_click_writer.py [--clicks 3000]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from canvas_app.engine.clicks import ClickCache, ClickRequest, record_clicks  # noqa: E402
from canvas_app.store.held_connection import HeldConnection  # noqa: E402
from canvas_app.store.workspace import Workspace  # noqa: E402
from tests.benchmarks.bench_server import BROWSER, prepare  # noqa: E402

RUNS = 3


def per_click(requests: list[ClickRequest], write: Callable[[list[ClickRequest]], object],
              size: int) -> list[float]:
    """CPU ms per click of ``write`` over ``requests`` in batches of ``size``, RUNS times."""
    found = []
    for _ in range(RUNS):
        started = time.process_time()
        for start in range(0, len(requests), size):
            write(requests[start:start + size])
        found.append((time.process_time() - started) / len(requests) * 1000)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clicks", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path, tracked = prepare(Path(folder))
        headers = {"host": "127.0.0.1", "user-agent": BROWSER}
        requests = [ClickRequest(tracked[i % len(tracked)], BROWSER, headers=headers)
                    for i in range(args.clicks)]
        with Workspace.open(path) as ws:
            held = HeldConnection(ws)
            cache = ClickCache(connection=held)
            try:
                def writer(batch: list[ClickRequest]) -> object:
                    return record_clicks(ws, batch, cache, wait=False)

                writer(requests[:200])  # warm up: the secret, the version, the windows
                figures = {"writer, 1 click per transaction": per_click(requests, writer, 1),
                           "writer, 20 clicks per transaction": per_click(requests, writer, 20)}
            finally:
                held.close()
    print(f"{args.clicks} clicks, {RUNS} runs: CPU ms per click (min / median)")
    for label, values in figures.items():
        print(f"{label:<36} {min(values):.3f} / {statistics.median(values):.3f}")


if __name__ == "__main__":
    main()

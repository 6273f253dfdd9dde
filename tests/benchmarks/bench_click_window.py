"""Cost of one click on a much-clicked link: a click through the tracking server (HTTP, judged,
committed) when the email already has 10, 100, 1,000 and 10,000 clicks, and its ratio to the
cost at click 10. A new click is judged against a bounded window of recent clicks, so the
ratio should stay near 1.

    python tests/benchmarks/bench_click_window.py [--clicks 10000] [--samples 30]

Prints figures and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from canvas_app.engine.clicks import ClickRequest, record_clicks
from canvas_app.engine.reports import inbox
from canvas_app.engine.runner import advance
from canvas_app.engine.server import LOOPBACK, TrackingServer
from canvas_app.store.workspace import Workspace
from tests.factories import funnel_sent_to_ann

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def timed_clicks(port: int, path: str, samples: int) -> list[float]:
    conn = http.client.HTTPConnection(LOOPBACK, port, timeout=60)
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        conn.request("GET", path, headers={"User-Agent": BROWSER})
        response = conn.getresponse()
        response.read()
        assert response.status == 302, response.status
        times.append(time.perf_counter() - start)
    conn.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clicks", type=int, default=10_000, help="the last checkpoint")
    parser.add_argument("--samples", type=int, default=30, help="timed clicks per checkpoint")
    args = parser.parse_args()
    checkpoints = [n for n in (10, 100, 1_000, 10_000, 100_000) if n <= args.clicks]
    with tempfile.TemporaryDirectory() as folder:
        ws = Workspace.open(Path(folder) / "bench.ws", create=True)
        funnel_sent_to_ann(ws)
        url = str(inbox(ws, "ann@example.com")[0]["links"]["dl"])
        path = "/t/" + url.rsplit("/t/", 1)[1]
        server = TrackingServer(ws, 0, log=None)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        have = 0
        results: list[tuple[int, float, float]] = []
        print(f"one link of one email, {args.samples} timed clicks through the server "
              "at each checkpoint (median, and the fastest: the least disturbed by other load):")
        for checkpoint in checkpoints:
            filler = checkpoint - have
            for start in range(0, filler, 5_000):  # earlier clicks, recorded in batches
                record_clicks(ws, [ClickRequest(url, BROWSER)] * min(5_000, filler - start))
            advance(ws, 3600)  # an hour later: the filler clicks are settled history
            times = timed_clicks(server.port, path, args.samples)
            median, best = statistics.median(times) * 1000, min(times) * 1000
            have = checkpoint + args.samples
            results.append((checkpoint, median, best))
            print(f"  at click {checkpoint:>7,}: median {median:6.2f} ms, fastest {best:6.2f} ms "
                  f"per click; ratio to click {checkpoints[0]}: median "
                  f"{median / results[0][1]:.2f}x, fastest {best / results[0][2]:.2f}x")
        server.shutdown()
        thread.join()
        server.server_close()
        ws.close()


if __name__ == "__main__":
    main()

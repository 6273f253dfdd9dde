"""Tracking-server throughput: redirects per second and latency (p50, p99) for 2,000 requests
from a loopback client, next to a bare stdlib HTTP server answering the same redirect without
the workspace, measured in the same run.

    python tests/benchmarks/bench_server.py [--requests 2000]

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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from canvas_app.domain.interchange import read_campaign_file
from canvas_app.engine import lifecycle
from canvas_app.engine.contacts import import_csv
from canvas_app.engine.enrolment import enroll
from canvas_app.engine.publishing import publish
from canvas_app.engine.reports import inbox
from canvas_app.engine.runner import advance
from canvas_app.engine.server import LOOPBACK, TrackingServer
from canvas_app.resources import resource_path
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
TARGET = "https://lotusyoga.example/trial"


class BareRedirect(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.send_response(302)
        self.send_header("Location", TARGET)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def measure(port: int, paths: list[str]) -> tuple[float, list[float]]:
    conn = http.client.HTTPConnection(LOOPBACK, port)
    latencies = []
    start = time.perf_counter()
    for path in paths:
        t = time.perf_counter()
        conn.request("GET", path, headers={"User-Agent": BROWSER})
        response = conn.getresponse()
        response.read()
        assert response.status == 302, response.status
        latencies.append(time.perf_counter() - t)
    total = time.perf_counter() - start
    conn.close()
    return total, latencies


def describe(name: str, total: float, latencies: list[float]) -> tuple[float, float, float]:
    rate = len(latencies) / total
    p50 = statistics.median(latencies) * 1000
    p99 = statistics.quantiles(latencies, n=100)[98] * 1000
    print(f"{name:<28} {rate:>9,.0f} redirects/s   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms")
    return rate, p50, p99


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ws = Workspace.open(Path(folder) / "bench.ws", create=True)
        campaign = read_campaign_file(resource_path("samples", "yoga-trial.campaign.json"))
        CampaignStore(ws).add(campaign)
        publish(ws, campaign.id)
        lifecycle.activate(ws, campaign.id)
        people = [f"p{i}@example.com" for i in range(200)]
        (Path(folder) / "c.csv").write_text("email\n" + "\n".join(people) + "\n", "utf-8")
        import_csv(ws, Path(folder) / "c.csv")
        enroll(ws, campaign.id, "nurture", people)
        advance(ws, 3600)
        urls = [str(inbox(ws, p)[0]["links"]["book-trial"]) for p in people]
        paths = ["/t/" + urls[i % len(urls)].rsplit("/t/", 1)[1] for i in range(args.requests)]

        server = TrackingServer(ws, 0, log=None)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        bare = ThreadingHTTPServer((LOOPBACK, 0), BareRedirect)
        threading.Thread(target=bare.serve_forever, daemon=True).start()
        measure(bare.server_address[1], paths[:50])  # warm up both
        measure(server.port, paths[:50])
        print(f"{args.requests} sequential GETs over one keep-alive loopback connection")
        base = describe("bare stdlib redirect", *measure(bare.server_address[1], paths))
        ours = describe("Campaign Canvas server", *measure(server.port, paths))
        print(f"ratio to the bare server: throughput {base[0] / ours[0]:.1f}x slower, "
              f"p50 {ours[1] / base[1]:.1f}x, p99 {ours[2] / base[2]:.1f}x")
        server.shutdown()
        bare.shutdown()
        ws.close()


if __name__ == "__main__":
    main()

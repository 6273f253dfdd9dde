"""Tracking-server throughput and latency, and workshop joins, on loopback.

Measured against `serve` running as a user starts it (its own process), next to a bare
redirect server of the same library (Starlette on uvicorn's httptools protocol, one route
answering 302 without a workspace) measured in the same run:

- tracked redirects/s and p99 with 20 concurrent keep-alive clients (the room clicking),
- tracked redirects/s from a single keep-alive client,
- 60 participants joining a workshop at once (each from its own loopback address, as each
  phone has its own): all must succeed within 10 s.

Each figure is taken 3 times; min and median are printed, the median is written to
build/benchmarks.json (merged with the figures already there).

    python tests/benchmarks/bench_server.py [--requests 10000] [--runs 3]

Prints figures and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

LOOPBACK = "127.0.0.1"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
TARGET = "https://lotusyoga.example/trial"
CLIENTS = 20
TARGETS = {"server_redirects_per_s_20_clients": 3000.0, "server_p99_ms_20_clients": 15.0,
           "server_redirects_per_s_1_client": 1500.0, "workshop_60_joins_s": 10.0}


def bare_server(port: int) -> None:
    """The baseline: Starlette on uvicorn, one 302 route, nothing else."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route

    async def redirect(request: object) -> Response:
        return Response(status_code=302, headers={"Location": TARGET})

    app = Starlette(routes=[Route("/t/{token:path}", redirect)])
    uvicorn.run(app, host=LOOPBACK, port=port, log_level="critical", access_log=False,
                http="httptools")  # the protocol ours runs (web_protocol)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


def wait_listening(port: int, proc: subprocess.Popen[str]) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise SystemExit(f"the server did not start (exit {proc.returncode})")
        try:
            socket.create_connection((LOOPBACK, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("the server did not start listening within 15 s")


def prepare(folder: Path) -> tuple[Path, list[str]]:
    """A workspace with the yoga sample active and 200 contacts sent its first email; the
    tracked paths of their booking links."""
    from canvas_app.domain.interchange import read_campaign_file
    from canvas_app.engine import lifecycle
    from canvas_app.engine.contacts import import_csv
    from canvas_app.engine.enrolment import enroll
    from canvas_app.engine.publishing import publish
    from canvas_app.engine.reports import inbox
    from canvas_app.engine.runner import advance
    from canvas_app.resources import resource_path
    from canvas_app.store.campaigns import CampaignStore
    from canvas_app.store.workspace import Workspace

    path = folder / "bench.canvas-workspace"
    with Workspace.open(path, create=True) as ws:
        campaign = read_campaign_file(resource_path("samples", "yoga-trial.campaign.json"))
        CampaignStore(ws).add(campaign)
        publish(ws, campaign.id)
        lifecycle.activate(ws, campaign.id)
        people = [f"p{i}@example.com" for i in range(200)]
        (folder / "c.csv").write_text("email\n" + "\n".join(people) + "\n", "utf-8")
        import_csv(ws, folder / "c.csv")
        enroll(ws, campaign.id, "nurture", people)
        advance(ws, 3600)
        urls = [str(inbox(ws, p)[0]["links"]["book-trial"]) for p in people]
    return path, ["/t/" + u.rsplit("/t/", 1)[1] for u in urls]


async def _client(port: int, paths: list[str], latencies: list[float]) -> None:
    reader, writer = await asyncio.open_connection(LOOPBACK, port)
    try:
        for path in paths:
            started = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {LOOPBACK}\r\nUser-Agent: {BROWSER}\r\n"
                         "\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            if not head.startswith(b"HTTP/1.1 302"):
                raise SystemExit(f"expected a redirect, got {head[:60]!r}")
            length = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
            if length and int(length.group(1)):
                await reader.readexactly(int(length.group(1)))
            latencies.append(time.perf_counter() - started)
    finally:
        writer.close()


def redirects(port: int, paths: list[str], clients: int) -> tuple[float, float]:
    """(redirects per second, p99 in ms) with ``clients`` keep-alive connections at once."""
    share = [paths[i::clients] for i in range(clients)]
    latencies: list[float] = []

    async def run() -> float:
        started = time.perf_counter()
        await asyncio.gather(*(_client(port, mine, latencies) for mine in share))
        return time.perf_counter() - started

    elapsed = asyncio.run(run())
    return len(latencies) / elapsed, statistics.quantiles(latencies, n=100)[98] * 1000


def joins(workspace: Path, people: int = 60) -> tuple[float, int]:
    """(seconds for ``people`` to join at once, how many succeeded)."""
    import httpx

    port = free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--workspace", str(workspace),
                             "serve", "--workshop", "yoga-trial:nurture", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()
        url = first.removeprefix("join: ")
        threading.Thread(target=proc.stdout.read, daemon=True).start()  # drain the log
        done: list[bool] = []

        def one(i: int) -> None:
            source = f"127.0.{1 + i // 200}.{10 + i % 200}"  # a phone of its own
            transport = httpx.HTTPTransport(local_address=source)
            with httpx.Client(transport=transport, headers={"User-Agent": BROWSER},
                              timeout=20) as phone:
                form = phone.get(url)
                token = re.search(r'name="token" value="([0-9a-f]+)"', form.text)
                answer = phone.post(url, data={"name": f"P {i}", "token": token.group(1) if
                                               token else "",
                                               "email": f"join{i}@example.com"})
                inbox = phone.get(f"http://{LOOPBACK}:{port}{answer.headers.get('location', '/')}")
                done.append(answer.status_code == 303 and inbox.status_code == 200)

        threads = [threading.Thread(target=one, args=(i,)) for i in range(people)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        return time.perf_counter() - started, sum(done)
    finally:
        proc.terminate()
        proc.wait(30)


def write_figures(figures: list[dict[str, object]]) -> Path:
    target = ROOT / "build" / "benchmarks.json"
    target.parent.mkdir(exist_ok=True)
    try:
        data = json.loads(target.read_text("utf-8"))
    except (OSError, ValueError):
        data = {}
    names = {f["name"] for f in figures}
    kept = [f for f in data.get("figures", []) if f.get("name") not in names]
    data["machine"] = {**data.get("machine", {}), "python": platform.python_version(),
                       "platform": platform.platform(), "cpus": os.cpu_count()}
    data["figures"] = kept + figures
    target.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bare", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare_server(args.bare)
        return
    with tempfile.TemporaryDirectory() as folder:
        workspace, tracked = prepare(Path(folder))
        paths = [tracked[i % len(tracked)] for i in range(args.requests)]
        ours_port, bare_port = free_port(), free_port()
        # The server logs every request (to a file here: a pipe nobody reads would fill up).
        log = open(Path(folder) / "serve.log", "w")  # noqa: SIM115 - closed below
        ours = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--workspace",
                                 str(workspace), "serve", "--port", str(ours_port)],
                                stdout=subprocess.DEVNULL, stderr=log, text=True)
        bare = subprocess.Popen([sys.executable, __file__, "--bare", str(bare_port)],
                                stdout=subprocess.DEVNULL, stderr=log, text=True)
        try:
            wait_listening(ours_port, ours)
            wait_listening(bare_port, bare)
            redirects(ours_port, paths[:500], CLIENTS)  # warm up both
            redirects(bare_port, paths[:500], CLIENTS)
            found: dict[str, list[float]] = {}
            for _ in range(args.runs):
                for name, port in (("bare", bare_port), ("ours", ours_port)):
                    rate, p99 = redirects(port, paths, CLIENTS)
                    found.setdefault(f"{name} 20 rate", []).append(rate)
                    found.setdefault(f"{name} 20 p99", []).append(p99)
                    single, _ = redirects(port, paths[: args.requests // 4], 1)
                    found.setdefault(f"{name} 1 rate", []).append(single)
        finally:
            for proc in (ours, bare):
                proc.terminate()
                proc.wait(30)
            log.close()
        seconds, joined = [], []
        for _ in range(args.runs):
            took, ok = joins(workspace)
            seconds.append(took)
            joined.append(ok)
    print(f"{args.requests} tracked GETs over {CLIENTS} keep-alive loopback connections, "
          f"{args.runs} runs (min / median)")

    def show(label: str, key: str, unit: str) -> tuple[float, float]:
        ours_v, bare_v = found[f"ours {key}"], found[f"bare {key}"]
        print(f"{label:<32} ours {min(ours_v):8,.1f} / {statistics.median(ours_v):8,.1f} {unit}"
              f"   bare {min(bare_v):8,.1f} / {statistics.median(bare_v):8,.1f} {unit}")
        return statistics.median(ours_v), statistics.median(bare_v)

    rate20, bare20 = show("redirects/s, 20 clients", "20 rate", "/s")
    p99, bare_p99 = show("p99, 20 clients", "20 p99", "ms")
    rate1, bare1 = show("redirects/s, 1 client", "1 rate", "/s")
    print(f"60 joins at once: {min(seconds):.2f} / {statistics.median(seconds):.2f} s, "
          f"succeeded {min(joined)} / {statistics.median(joined):.0f} of 60")
    figures: list[dict[str, object]] = [
        {"name": "server_redirects_per_s_20_clients", "value": round(rate20), "unit": "/s",
         "baseline": round(bare20), "ratio": round(rate20 / bare20, 3),
         "target": TARGETS["server_redirects_per_s_20_clients"]},
        {"name": "server_p99_ms_20_clients", "value": round(p99, 2), "unit": "ms",
         "baseline": round(bare_p99, 2), "ratio": round(p99 / bare_p99, 3),
         "target": TARGETS["server_p99_ms_20_clients"]},
        {"name": "server_redirects_per_s_1_client", "value": round(rate1), "unit": "/s",
         "baseline": round(bare1), "ratio": round(rate1 / bare1, 3),
         "target": TARGETS["server_redirects_per_s_1_client"]},
        {"name": "workshop_60_joins_s", "value": round(statistics.median(seconds), 2),
         "unit": "s", "baseline": None, "ratio": None, "target": TARGETS["workshop_60_joins_s"]},
    ]
    print(f"written to {write_figures(figures).relative_to(ROOT)}")


if __name__ == "__main__":
    main()

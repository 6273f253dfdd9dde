"""The tracking server, started for real on a free port and driven by a real HTTP client."""

from __future__ import annotations

import http.client
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from canvas_app.engine import settings as engine_settings
from canvas_app.engine.errors import Refused
from canvas_app.engine.server import LOOPBACK, RealTimeClock, TrackingServer, serve_until_stopped
from canvas_app.engine.settings import EngineSettings
from canvas_app.store.orm_runtime import ClickRow
from tests.engine.conftest import BROWSER, Sim

ROOT = Path(__file__).resolve().parents[2]
CRAWLER = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"


class Running:
    def __init__(self, server: TrackingServer) -> None:
        self.server = server
        self.stop = threading.Event()
        self.thread = threading.Thread(target=serve_until_stopped, args=(server, None, self.stop))
        self.thread.start()

    def request(self, url: str, method: str = "GET", ua: str | None = BROWSER,
                headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        parts = urlsplit(url)
        conn = http.client.HTTPConnection(LOOPBACK, self.server.port, timeout=10)
        sent = dict(headers or {})
        if ua is not None:
            sent["User-Agent"] = ua
        conn.request(method, parts.path, headers=sent)
        response = conn.getresponse()
        response.read()
        conn.close()
        return response

    def shutdown(self) -> None:
        self.stop.set()
        self.thread.join(timeout=10)


@pytest.fixture
def running(live: Sim) -> Iterator[Running]:
    live.enrol("welcome", "ann@example.com", "bob@example.com")
    live.advance(600)
    server = TrackingServer(live.ws, 0, log=None)
    run = Running(server)
    yield run
    run.shutdown()


def clicks(sim: Sim) -> int:
    with sim.ws.reading() as session:
        return session.scalar(select(func.count()).select_from(ClickRow)) or 0


def test_a_click_redirects_to_the_stored_target_and_is_recorded(live: Sim, running: Running
                                                                ) -> None:
    response = running.request(live.url("ann@example.com", "dl"))
    assert response.status == 302 and response.getheader("Location") == "https://example.com/x"
    assert clicks(live) == 1
    live.advance(60)
    assert live.counts()["downloaded"]["achieved"] == 1


def test_head_and_prefetch_are_answered_without_redirect_or_click(live: Sim, running: Running
                                                                 ) -> None:
    url = live.url("ann@example.com", "dl")
    assert running.request(url, "HEAD").status == 204
    assert running.request(url, headers={"Sec-Purpose": "prefetch"}).status == 204
    assert clicks(live) == 0


def test_a_forged_token_gets_404_and_records_nothing(live: Sim, running: Running) -> None:
    url = live.url("ann@example.com", "dl")
    response = running.request(url[:-2] + ("AA" if not url.endswith("AA") else "BB"))
    assert response.status == 404
    assert running.request("http://127.0.0.1/t/nonsense").status == 404
    assert running.request("http://127.0.0.1/other").status == 404
    assert clicks(live) == 0


def test_the_honeypot_answers_like_any_link(live: Sim, running: Running) -> None:
    response = running.request(live.honeypot("ann@example.com"))
    assert response.status == 302 and response.getheader("Location") == "https://example.com/x"


def test_a_crawler_is_recorded_as_a_bot(live: Sim, running: Running) -> None:
    running.request(live.url("ann@example.com", "dl"), ua=CRAWLER)
    with live.ws.reading() as session:
        row = session.scalars(select(ClickRow)).one()
    assert row.bot and "crawler_user_agent" in row.reasons


def test_concurrent_requests_are_all_recorded_exactly_once(live: Sim, running: Running) -> None:
    urls = [live.url("ann@example.com", "dl"), live.url("bob@example.com", "dl")]
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(15):
                assert running.request(urls[(n + i) % 2]).status == 302
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert clicks(live) == 8 * 15


def test_clean_shutdown_and_loopback_only(live: Sim, running: Running) -> None:
    running.request(live.url("ann@example.com", "dl"))
    assert running.server.socket.getsockname()[0] == "127.0.0.1"
    port = running.server.port
    running.shutdown()
    assert not running.thread.is_alive()
    with pytest.raises(OSError):
        socket.create_connection((LOOPBACK, port), timeout=1).close()
    assert clicks(live) == 1


def test_a_port_in_use_is_refused_clearly(live: Sim, running: Running) -> None:
    with pytest.raises(Refused, match=f"port {running.server.port} is already in use"):
        TrackingServer(live.ws, running.server.port, log=None)


def test_real_time_processes_the_settle_window_as_it_passes(live: Sim, running: Running) -> None:
    with live.ws.transaction() as session:
        engine_settings.save(session, EngineSettings(settle_seconds=0.5))
    ticker = RealTimeClock(live.ws, tick_seconds=0.1)
    ticker.start()
    try:
        running.request(live.url("ann@example.com", "dl"))
        deadline = time.monotonic() + 10
        while live.counts()["downloaded"]["achieved"] == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        ticker.stop()
    assert live.counts()["downloaded"]["achieved"] == 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


def test_from_a_shell_a_browser_click_on_a_written_email_moves_the_contact(tmp_path: Path
                                                                         ) -> None:
    workspace = tmp_path / "shell.canvas-workspace"

    def run(*args: str) -> str:
        proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--workspace",
                               str(workspace), *args], capture_output=True, text=True,
                              timeout=60)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    run("import", str(ROOT / "resources/samples/sourdough-ebook.campaign.json"))
    run("publish", "sourdough-ebook")
    run("activate", "sourdough-ebook")
    run("contact", "add", "dee@example.com", "--name", "Dee")
    run("enroll", "sourdough-ebook", "ebook-welcome", "dee@example.com")
    run("advance", "10m")
    port = free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--workspace",
                               str(workspace), "serve", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None and "Tracking clicks" in server.stdout.readline()
        page_path = Path(run("write-email", "dee@example.com", "--port", str(port), "-o",
                             str(tmp_path / "dee.html")).strip())
        page = page_path.read_text("utf-8")
        url = re.search(rf'href="(http://127\.0\.0\.1:{port}/t/[^"]+)" data-link="download-guide"',
                        page)
        assert url is not None
        conn = http.client.HTTPConnection(LOOPBACK, port, timeout=10)
        conn.request("GET", urlsplit(url.group(1)).path, headers={"User-Agent": BROWSER})
        assert conn.getresponse().status == 302
        conn.close()
    finally:
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=20)
    assert server.returncode == 0 and "Stopped" in out, err
    assert "-> 302" in err
    run("advance", "1m")
    status = run("status", "sourdough-ebook")
    assert "Downloaded the guide [downloaded]: 1 achieved" in status
    assert "Baking class invitation [baking-class]: 1 active" in status


def test_the_running_server_follows_a_settings_change_made_elsewhere(live: Sim) -> None:
    """The click writer keeps the settings between batches, but reads them again once they
    are older than its cache allows: a changed settle window applies to the next click."""
    from canvas_app.engine.clicks import ClickCache, ClickRequest, record_clicks

    live.enrol("welcome", "ann@example.com")
    live.advance(600)
    cache = ClickCache(settings_seconds=0.0)  # the writer's is 1 s; a test does not wait
    url = live.url("ann@example.com", "dl")
    record_clicks(live.ws, [ClickRequest(url, BROWSER)], cache)
    engine_settings.change(live.ws, ["settle_seconds=300"])
    record_clicks(live.ws, [ClickRequest(url, BROWSER)], cache)
    with live.ws.reading() as session:
        waits = [row.evaluate_at - row.at for row in session.scalars(
            select(ClickRow).order_by(ClickRow.id))]
    assert waits == [EngineSettings().settle_seconds, 300.0]

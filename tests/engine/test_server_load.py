"""Thirty clients at once: every request gets an answer, every click is stored exactly once,
and while another program holds the workspace the clients are told to retry (503)."""

from __future__ import annotations

import http.client
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from canvas_app.engine.server import LOOPBACK, TrackingServer
from canvas_app.store import connection
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.orm_runtime import ClickRow
from canvas_app.store.workspace import Workspace
from tests.engine.conftest import BROWSER, Sim
from tests.factories import funnel

CLIENTS = 30


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Sim, TrackingServer]]:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 1000)  # "stays locked" within a test
    ws = Workspace.open(tmp_path / "load.canvas-workspace", create=True)
    CampaignStore(ws).add(funnel())
    sim = Sim(ws)
    sim.go_live()
    sim.enrol("welcome", *(f"p{i}@example.com" for i in range(CLIENTS)))
    sim.advance(600)
    server = TrackingServer(ws, 0, log=None)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield sim, server
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()
    ws.close()


def clicks(sim: Sim) -> int:
    with sim.ws.reading() as session:
        return session.scalar(select(func.count()).select_from(ClickRow)) or 0


def hit(port: int, path: str) -> tuple[int, dict[str, str]]:
    conn = http.client.HTTPConnection(LOOPBACK, port, timeout=30)
    try:
        conn.request("GET", path, headers={"User-Agent": BROWSER})
        response = conn.getresponse()
        response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}
    finally:
        conn.close()


Result = tuple[int, dict[str, str]] | BaseException


def in_parallel(work: list[str], port: int, rounds: int = 1) -> list[Result]:
    """One client per path, all at once, each requesting its path ``rounds`` times in turn."""
    results: list[list[Result]] = [[] for _ in work]

    def client(index: int) -> None:
        for _ in range(rounds):
            try:
                results[index].append(hit(port, work[index]))
            except BaseException as exc:
                results[index].append(exc)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(work))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return [result for mine in results for result in mine]


def paths(sim: Sim) -> list[str]:
    return [urlsplit(sim.url(f"p{i}@example.com", "dl")).path for i in range(CLIENTS)]


def test_thirty_clients_at_once_are_all_answered_and_recorded_exactly_once(
        served: tuple[Sim, TrackingServer]) -> None:
    sim, server = served
    results = in_parallel(paths(sim), server.port, rounds=5)
    assert [r if isinstance(r, BaseException) else r[0] for r in results] == [302] * CLIENTS * 5
    assert clicks(sim) == CLIENTS * 5
    assert server.writer.clicks == CLIENTS * 5


def test_while_another_program_holds_the_workspace_every_client_is_told_to_retry(
        served: tuple[Sim, TrackingServer]) -> None:
    sim, server = served
    work = paths(sim)
    holder = sqlite3.connect(sim.ws.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # held for longer than the busy timeout
    try:
        results = in_parallel(work, server.port)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    for result in results:
        assert not isinstance(result, BaseException), repr(result)
        status, headers = result
        assert status == 503 and headers["retry-after"] == "5"
        assert headers["connection"] == "close"
    assert clicks(sim) == 0  # a 503 stored nothing, so trying again cannot count twice
    again = in_parallel(paths(sim), server.port)
    assert [r if isinstance(r, BaseException) else r[0] for r in again] == [302] * CLIENTS
    assert clicks(sim) == CLIENTS


def test_while_clicks_wait_for_a_busy_workspace_the_server_still_answers_other_pages(
        served: tuple[Sim, TrackingServer]) -> None:
    """A click that finds another program writing waits for its turn on the writer thread,
    not on the server's event loop: the home page is answered meanwhile, and once the other
    program has finished every waiting click is stored and redirected, in one go."""
    sim, server = served
    work = paths(sim)[:5]
    holder = sqlite3.connect(sim.ws.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # shorter than the busy timeout (1 s here)
    results: list[Result] = []
    clients = threading.Thread(target=lambda: results.extend(in_parallel(work, server.port)))
    try:
        clients.start()
        for _ in range(100):  # bounded: until the clicks have reached the writer thread
            if server.writer.waiting == len(work):
                break
            threading.Event().wait(0.01)
        home, _ = hit(server.port, "/")
        assert home == 200 and clicks(sim) == 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        clients.join(timeout=30)
    assert [r if isinstance(r, BaseException) else r[0] for r in results] == [302] * len(work)
    assert clicks(sim) == len(work) and server.writer.waited_batches >= 1


def test_a_click_queued_behind_a_busy_workspace_is_refused_after_the_longest_wait(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Clicks waiting behind a batch that waits for a locked workspace are taken back after
    the longest wait and refused ("try again"), nothing of them stored; the batch being
    written gets its own answer when SQLite's busy timeout ends."""
    import asyncio

    from canvas_app.engine import click_writer
    from canvas_app.engine.clicks import ClickRequest

    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 1000)
    monkeypatch.setattr(click_writer, "MAX_WAIT_SECONDS", 0.1)
    ws = Workspace.open(tmp_path / "wait.canvas-workspace", create=True)
    CampaignStore(ws).add(funnel())
    sim = Sim(ws)
    sim.go_live()
    sim.enrol("welcome", "ann@example.com", "bob@example.com")
    sim.advance(600)
    urls = [sim.url(p, "dl") for p in ("ann@example.com", "bob@example.com")]
    writer = click_writer.ClickWriter(ws)
    holder = sqlite3.connect(ws.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")

    async def two_clicks() -> list[str]:
        first = asyncio.ensure_future(writer.submit_async(ClickRequest(urls[0], BROWSER)))
        for _ in range(200):  # bounded: until the thread is writing the first one
            if writer.waiting == 1 and writer._side.writing:
                break
            await asyncio.sleep(0.005)
        second = asyncio.ensure_future(writer.submit_async(ClickRequest(urls[1], BROWSER)))
        found = await asyncio.gather(first, second, return_exceptions=True)
        return [str(r) for r in found]

    try:
        first, second = asyncio.run(two_clicks())
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        writer.stop()
    assert first == "the workspace is locked by another program"
    assert second == "the workspace stayed busy"
    assert clicks(sim) == 0
    ws.close()


def test_stopping_while_clicks_wait_for_a_busy_workspace_answers_each_as_it_ended(
        served: tuple[Sim, TrackingServer]) -> None:
    """Ctrl+C while another program holds the workspace: the batch being written when the
    server stops gets its real answer (302, stored, once the other program lets go), the
    clicks queued behind it are refused (503, nothing stored), and none is answered 500 nor
    stored after its client was told it failed, however long the write outlasts uvicorn's
    grace for open requests."""
    import io

    sim, server = served
    server._uvicorn.config.timeout_graceful_shutdown = 0.1  # shorter than the wait below
    server._log_stream = log = io.StringIO()
    work = paths(sim)
    holder = sqlite3.connect(sim.ws.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # released before the busy timeout (1 s here)
    first: list[Result] = []
    behind: list[Result] = []
    writing = threading.Thread(target=lambda: first.extend(in_parallel(work[:5], server.port)))
    queued = threading.Thread(target=lambda: behind.extend(in_parallel(work[5:8], server.port)))
    stopping = threading.Thread(target=server.shutdown)
    try:
        writing.start()
        for _ in range(100):  # bounded: until the thread is writing those five
            if server.writer.waiting == 5:
                break
            threading.Event().wait(0.01)
        queued.start()
        for _ in range(100):  # bounded: until three more wait behind them
            if server.writer.waiting == 8:
                break
            threading.Event().wait(0.01)
        stopping.start()
        threading.Event().wait(0.4)  # past uvicorn's grace, within the busy timeout
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        stopping.join(timeout=30)
        writing.join(timeout=30)
        queued.join(timeout=30)
    answers = [r if isinstance(r, BaseException) else r[0] for r in first + behind]
    assert set(answers) <= {302, 503}, answers
    assert answers[5:] == [503] * 3  # queued behind the batch being written
    assert 302 in answers and clicks(sim) == answers.count(302)
    assert "click(s) wait for the workspace" in log.getvalue()  # the log says why it waits


def test_a_workspace_deleted_while_serving_refuses_clicks_instead_of_losing_them(
        served: tuple[Sim, TrackingServer]) -> None:
    """Deleting (or moving away) the workspace file while the server runs: SQLite would go on
    writing to the deleted file, every click redirected as if saved and lost with it. The
    server answers 503 naming what happened instead."""
    sim, server = served
    work = paths(sim)
    assert hit(server.port, work[0])[0] == 302
    assert sim.ws.path is not None
    moved = sim.ws.path.with_name("moved.canvas-workspace")
    sim.ws.path.rename(moved)
    status, _ = hit(server.port, work[1])
    conn = http.client.HTTPConnection(LOOPBACK, server.port, timeout=30)
    try:
        conn.request("GET", work[2], headers={"User-Agent": BROWSER})
        page = conn.getresponse().read().decode()
    finally:
        conn.close()
    moved.rename(sim.ws.path)
    assert status == 503
    assert "was moved or deleted" in page
    assert clicks(sim) == 1


def test_scanners_and_forged_links_are_answered_while_the_workspace_is_busy(
        served: tuple[Sim, TrackingServer]) -> None:
    """HEAD and prefetch requests and links that do not verify store nothing, so they are
    answered from a read: never queued behind (nor holding) the workspace's write lock."""
    sim, server = served
    work = paths(sim)
    assert hit(server.port, work[0])[0] == 302  # the server has read the workspace's secret
    holder = sqlite3.connect(sim.ws.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing, past the busy timeout
    try:
        conn = http.client.HTTPConnection(LOOPBACK, server.port, timeout=30)
        conn.request("HEAD", work[1], headers={"User-Agent": BROWSER})
        head = conn.getresponse()
        head.read()
        conn.close()
        forged = hit(server.port, work[2][:-4] + "AAAA")
        prefetch = http.client.HTTPConnection(LOOPBACK, server.port, timeout=30)
        prefetch.request("GET", work[3], headers={"User-Agent": BROWSER,
                                                  "Sec-Purpose": "prefetch"})
        prefetched = prefetch.getresponse()
        prefetched.read()
        prefetch.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (head.status, forged[0], prefetched.status) == (204, 404, 204)
    assert server.writer.waited_batches == 0  # none of them waited for the lock
    assert clicks(sim) == 1

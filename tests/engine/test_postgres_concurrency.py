"""One workspace on a PostgreSQL server behind two tracking servers under load, while the clock
is advanced at the same time: every click is answered and stored exactly once, no email is sent
twice, and while another program holds the writers' lock clients are told to retry."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select, text

from canvas_app.engine.server import TrackingServer
from canvas_app.store import postgres
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.orm_runtime import ClickRow, SendRow
from canvas_app.store.workspace import Workspace
from tests.engine.conftest import Sim
from tests.engine.test_server_load import hit, in_parallel
from tests.factories import funnel

CLIENTS = 30


def _start(ws: Workspace) -> tuple[TrackingServer, threading.Thread]:
    server = TrackingServer(ws, 0, log=None)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    return server, thread


@pytest.fixture
def two_servers(pg_url: str, monkeypatch: pytest.MonkeyPatch
                ) -> Iterator[tuple[Sim, list[TrackingServer]]]:
    monkeypatch.setattr(postgres, "LOCK_TIMEOUT_MS", 1000)  # "stays locked" within a test
    ws = Workspace.open(pg_url)
    CampaignStore(ws).add(funnel())
    sim = Sim(ws)
    sim.go_live()
    sim.enrol("welcome", *(f"p{i}@example.com" for i in range(CLIENTS)))
    sim.advance(600)
    behind = [Workspace.open(pg_url) for _ in range(2)]  # as two machines would open it
    running = [_start(w) for w in behind]
    yield sim, [server for server, _ in running]
    for server, thread in running:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
    for w in behind:
        w.close()
    ws.close()


def _count(sim: Sim, model: type) -> int:
    with sim.ws.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_two_servers_and_an_advance_at_once_lose_nothing_and_send_nothing_twice(
        two_servers: tuple[Sim, list[TrackingServer]]) -> None:
    sim, servers = two_servers
    sends_before = _count(sim, SendRow)
    paths = [urlsplit(sim.url(f"p{i}@example.com", "dl")).path for i in range(CLIENTS)]
    results: dict[int, list[object]] = {}
    clients = [threading.Thread(target=lambda n=n: results.__setitem__(
        n, in_parallel(paths[n::2], servers[n].port, rounds=5))) for n in (0, 1)]
    for client in clients:
        client.start()
    for _ in range(3):  # the clock moves (and due work runs) while the clicks come in
        sim.advance(60)
    for client in clients:
        client.join(timeout=120)
    statuses = [r if isinstance(r, BaseException) else r[0]  # type: ignore[index]
                for n in (0, 1) for r in results[n]]
    assert statuses == [302] * CLIENTS * 5
    assert _count(sim, ClickRow) == CLIENTS * 5
    assert sum(server.writer.clicks for server in servers) == CLIENTS * 5
    sim.advance(3600)  # every click judged: each contact reaches the goal once
    assert sim.counts()["downloaded"]["achieved"] == CLIENTS
    with sim.ws.reading() as session:
        twice = session.execute(text(
            "SELECT membership_id, email_id FROM sends GROUP BY membership_id, email_id "
            "HAVING count(*) > 1")).all()
    assert twice == [] and _count(sim, SendRow) >= sends_before


def test_while_another_program_holds_the_writers_lock_clients_are_told_to_retry(
        two_servers: tuple[Sim, list[TrackingServer]]) -> None:
    sim, servers = two_servers
    path = urlsplit(sim.url("p0@example.com", "dl")).path
    with sim.ws.engine.connect() as holder:  # another writer, taking its time
        holder.execute(text(f"SELECT pg_advisory_xact_lock({postgres.WRITER_LOCK})"))
        status, headers = hit(servers[0].port, path)
        holder.rollback()
    assert status == 503 and headers["retry-after"] == "5"
    assert _count(sim, ClickRow) == 0
    assert hit(servers[1].port, path)[0] == 302 and _count(sim, ClickRow) == 1

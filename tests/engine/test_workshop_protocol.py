"""The workshop server against what a hostile phone on the room's network sends: a join form
whose body never finishes arriving, a client that leaves mid-body, requests sent far ahead.
A real server on a free loopback port, driven with raw sockets."""

from __future__ import annotations

import io
import re
import socket
import time
from collections.abc import Iterator

import pytest

from canvas_app.engine.server import LOOPBACK
from canvas_app.engine.web_protocol import MAX_QUEUED
from canvas_app.engine.workshop import Workshop
from canvas_app.engine.workshop_app import PER_ADDRESS, WorkshopServer, connections_per_address
from canvas_app.engine.workshop_pages import CSS_PATH
from tests.engine.conftest import Sim
from tests.engine.test_server_protocol import dribble_until_closed


@pytest.fixture
def shop(live: Sim) -> Iterator[tuple[WorkshopServer, io.StringIO]]:
    log = io.StringIO()
    served = WorkshopServer(Workshop(live.ws, "ebook", "welcome"), 0, LOOPBACK, log=log,
                            idle_timeout=0.5)  # the head (and body) deadline is then 10 s
    served.start()
    yield served, log
    served.stop()


def join_head(served: WorkshopServer, length: int) -> bytes:
    return (f"POST /w/{served.workshop.code} HTTP/1.1\r\nHost: x\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {length}\r\n\r\n").encode()


def test_a_join_form_whose_body_is_dribbled_is_cut_off(
        shop: tuple[WorkshopServer, io.StringIO]) -> None:
    served, log = shop
    with socket.create_connection((LOOPBACK, served.server.port), timeout=5) as sock:
        sock.sendall(join_head(served, 1000) + b"name=")
        closed = dribble_until_closed(sock, b"a", 300)  # a body byte every 0.1 s: 30 s
        assert closed  # not held for as long as the client likes
    deadline = time.monotonic() + 5
    while "-> 408" not in log.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)  # the line is written once the answer is out
    written = log.getvalue()
    assert f"POST /w/{served.workshop.code} -> 408 (the request body did not arrive within" \
           in written, written
    assert "Traceback" not in written


def test_a_client_that_leaves_mid_body_is_logged_as_leaving_not_as_an_error(
        shop: tuple[WorkshopServer, io.StringIO]) -> None:
    served, log = shop
    with socket.create_connection((LOOPBACK, served.server.port), timeout=5) as sock:
        sock.sendall(join_head(served, 1000) + b"name=Ann")
    deadline = time.monotonic() + 10
    while "POST" not in log.getvalue() and time.monotonic() < deadline:
        time.sleep(0.05)
    written = log.getvalue()
    assert "(the client left before its request body arrived)" in written, written
    assert "500" not in written and "error" not in written


def test_requests_pipelined_behind_a_join_form_are_refused_beyond_a_few(
        shop: tuple[WorkshopServer, io.StringIO]) -> None:
    """Behind a request with a body the parser is not stopped at each head; requests sent
    ahead of their answers are refused there after a few, instead of all 10,000 parsed."""
    served, log = shop
    body = b"name=Ann&email=ann%40example.com&token=forged"
    flood = f"GET {CSS_PATH} HTTP/1.1\r\nHost: x\r\n\r\n".encode() * 10_000
    with socket.create_connection((LOOPBACK, served.server.port), timeout=10) as sock:
        sock.sendall(join_head(served, len(body)) + body + flood)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    statuses = re.findall(rb"HTTP/1\.1 (\d{3}) ", answer)
    assert statuses[0] == b"403" and statuses[-1] == b"400", statuses[:3]  # the forged form
    assert 2 <= len(statuses) <= 2 + MAX_QUEUED
    assert f"more than {MAX_QUEUED} requests sent ahead of their answers" in log.getvalue()


def test_one_address_cannot_take_every_connection(live: Sim) -> None:
    """A phone opening connections and holding them (each until its head deadline, then
    the next) would leave the room 503s; it gets them itself beyond its share."""
    log = io.StringIO()
    served = WorkshopServer(Workshop(live.ws, "ebook", "welcome"), 0, LOOPBACK, log=log,
                            per_address=3)
    served.start()
    held: list[socket.socket] = []
    try:
        for count in range(1, 4):  # one at a time, each until the server holds it open
            held.append(socket.create_connection((LOOPBACK, served.server.port), timeout=5))
            deadline = time.monotonic() + 5
            while served.server.connection_count < count and time.monotonic() < deadline:
                time.sleep(0.01)
        with socket.create_connection((LOOPBACK, served.server.port), timeout=5) as fourth:
            fourth.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            assert fourth.recv(65536).startswith(b"HTTP/1.1 503")
        with socket.create_connection((LOOPBACK, served.server.port), timeout=5,
                                      source_address=("127.0.0.2", 0)) as neighbour:
            neighbour.sendall(f"GET /w/{served.workshop.code} HTTP/1.1\r\nHost: x\r\n"
                              "Connection: close\r\n\r\n".encode())
            assert neighbour.recv(65536).startswith(b"HTTP/1.1 200")
    finally:
        for sock in held:
            sock.close()
        served.stop()
    assert "-> 503 (more than 3 connections from 127.0.0.1 at once)" in log.getvalue()


@pytest.mark.parametrize(("host", "share"), [
    ("192.168.1.20", PER_ADDRESS), ("fd00::20", PER_ADDRESS), ("127.0.0.1", None), ("::1", None)])
def test_the_room_s_network_has_a_share_per_address_and_this_computer_none(
        host: str, share: int | None) -> None:
    assert connections_per_address(host) == share

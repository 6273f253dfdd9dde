"""The tracking server against what real clients and bad clients send: non-ASCII targets,
malformed requests, idle and vanishing connections, too many at once. A real server on a free
loopback port, driven with raw sockets and http.client."""

from __future__ import annotations

import http.client
import io
import re
import socket
import sqlite3
import struct
import threading
import time
import tracemalloc
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from canvas_app.engine.http_text import location, printable
from canvas_app.engine.server import LOOPBACK, MAX_REQUEST_LINE, TrackingServer
from canvas_app.store.orm_runtime import ClickRow
from tests.engine.conftest import BROWSER, Sim
from tests.factories import email, link


def start(server: TrackingServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    return thread


def stop(server: TrackingServer, thread: threading.Thread) -> None:
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.fixture
def served(live: Sim) -> Iterator[tuple[Sim, TrackingServer, io.StringIO]]:
    live.enrol("welcome", "ann@example.com")
    live.advance(600)
    log = io.StringIO()
    server = TrackingServer(live.ws, 0, log=log, idle_timeout=0.5, max_connections=8)
    thread = start(server)
    yield live, server, log
    stop(server, thread)


def clicks(sim: Sim) -> int:
    with sim.ws.reading() as session:
        return session.scalar(select(func.count()).select_from(ClickRow)) or 0


def exchange(port: int, data: bytes, timeout: float = 5.0) -> bytes:
    """Sends ``data``, then reads until the server closes the connection."""
    with socket.create_connection((LOOPBACK, port), timeout=timeout) as sock:
        sock.sendall(data)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


def closed_by_server(sock: socket.socket) -> bool:
    """Whether the server has closed (or reset) the connection, or refused it with a 4xx,
    without waiting."""
    sock.setblocking(False)
    try:
        data = sock.recv(65536)
        return data == b"" or data.startswith(b"HTTP/1.1 4")
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        sock.setblocking(True)


def dribble_until_closed(sock: socket.socket, byte: bytes, tries: int) -> bool:
    """Sends ``byte`` every 0.1 s, never finishing, up to ``tries`` times; True once the
    server has cut the connection off."""
    for _ in range(tries):
        try:
            sock.sendall(byte)
        except OSError:
            return True
        time.sleep(0.1)
        if closed_by_server(sock):
            return True
    return False


def get(port: int, path: str) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection(LOOPBACK, port, timeout=10)
    conn.request("GET", path, headers={"User-Agent": BROWSER})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def test_a_non_ascii_target_is_redirected_to_and_the_click_recorded_once(sim: Sim) -> None:
    draft = sim.draft()
    target = "https://例え.jp/テスト.pdf?q=ü"
    draft.set_sequence_emails("welcome", [email("welcome-1", [link("dl", target=target)])])
    sim.go_live()
    sim.enrol("welcome", "ann@example.com")
    sim.advance(600)
    server = TrackingServer(sim.ws, 0, log=None)
    thread = start(server)
    try:
        response = get(server.port, urlsplit(sim.url("ann@example.com", "dl")).path)
    finally:
        stop(server, thread)
    assert response.status == 302
    assert response.getheader("Location") == ("https://xn--r8jz45g.jp/"
                                              "%E3%83%86%E3%82%B9%E3%83%88.pdf?q=%C3%BC")
    assert clicks(sim) == 1


@pytest.mark.parametrize(("target", "expected"), [
    ("https://example.com/x?a=1&b=%20#top", "https://example.com/x?a=1&b=%20#top"),
    ("https://bücher.de:8443/straße ü", "https://xn--bcher-kva.de:8443/stra%C3%9Fe%20%C3%BC"),
    ("http://[::1]:8080/p", "http://[::1]:8080/p"),
    ("https://example.com/\x7f\u202e", "https://example.com/%7F%E2%80%AE"),
])
def test_location_is_ascii_and_keeps_what_was_already_ascii(target: str, expected: str) -> None:
    assert location(target) == expected


# HTTP/1.1 requests name their Host (refused with 400 otherwise); a folded header line is
# unfolded, as RFC 9112 allows.
@pytest.mark.parametrize(("request_bytes", "status"), [
    (b"GARBAGE\r\n\r\n", b"400"),
    (b"GET /\r\n\r\n", b"400"),
    (b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", b"505"),
    (b"GET / HTTP/2.0\r\nHost: x\r\n\r\n", b"505"),
    (b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", b"505"),  # HTTP/2's preface
    (b"CONNECT example.com:443 HTTP/1.1\r\nHost: x\r\n\r\n", b"400"),
    (b"GET / HTTP/1.1\r\nUser-Agent: x\r\n\r\n", b"400"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", b"400"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\x01b\r\n\r\n", b"400"),
    (b"GET / HTTP/1.1 extra\r\n\r\n", b"400"),
    (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"414"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nthis is not a header\r\n\r\n", b"400"),
    (b"GET / HTTP/1.1\r\nHost : x\r\n\r\n", b"400"),
    (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-Big: " + b"b" * 20_000 + b"\r\n\r\n", b"431"),
    (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-Many: 1\r\n" * 3000 + b"\r\n", b"431"),
    (b"POST /t/abc HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", b"501"),
])
def test_a_malformed_request_is_answered_and_the_connection_closed(
        served: tuple[Sim, TrackingServer, io.StringIO], request_bytes: bytes, status: bytes
) -> None:
    live, server, log = served
    answer = exchange(server.port, request_bytes)
    head = answer.split(b"\r\n\r\n", 1)[0]
    assert head.startswith(b"HTTP/1.1 " + status), answer[:200]
    assert b"\r\nconnection: close" in head.lower()
    assert get(server.port, "/").status == 200  # and it goes on serving
    assert "Traceback" not in log.getvalue() and f"-> {status.decode()}" in log.getvalue()
    assert clicks(live) == 0


def test_an_upgrade_request_is_answered_as_any_other_and_the_connection_closed(
        served: tuple[Sim, TrackingServer, io.StringIO]) -> None:
    _, server, log = served
    answer = exchange(server.port, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n"
                      b"Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      b"Sec-WebSocket-Version: 13\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]  # the page, not 101
    assert answer.count(b"HTTP/1.1 ") == 1  # what followed the upgrade is not read
    assert "GET / -> 200" in log.getvalue() and "Traceback" not in log.getvalue()


def test_pipelined_requests_are_answered_in_order_on_one_connection(
        served: tuple[Sim, TrackingServer, io.StringIO]) -> None:
    live, server, _ = served
    path = urlsplit(live.url("ann@example.com", "dl")).path.encode()
    one = b"GET %s HTTP/1.1\r\nHost: x\r\nUser-Agent: %s\r\n\r\n" % (path, BROWSER.encode())
    answer = exchange(server.port, one + b"GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n"
                      + one.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n"))
    assert re.findall(rb"HTTP/1\.1 (\d{3}) ", answer) == [b"302", b"404", b"302"]
    assert clicks(live) == 2


# A request pipelined behind a click that waits for the workspace (another program writing):
# its head is held to the same limits, and its refusal comes after the click's answer.
@pytest.mark.files_only("another program holds the workspace file")
@pytest.mark.parametrize(("second", "status", "logged"), [
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 100_000 + b"\r\n\r\n", b"431",
     "GET / -> 431"),
    (b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"414", "GET /aaaa"),
    (b"GARBAGE\r\n\r\n", b"400", "GARBAGE -> 400"),
])
def test_a_request_pipelined_behind_a_waiting_click_is_held_to_the_limits_and_answered_after(
        served: tuple[Sim, TrackingServer, io.StringIO], second: bytes, status: bytes,
        logged: str) -> None:
    live, server, log = served
    path = urlsplit(live.url("ann@example.com", "dl")).path
    holder = sqlite3.connect(live.ws.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # shorter than the busy timeout
    try:
        with socket.create_connection((LOOPBACK, server.port), timeout=10) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nUser-Agent: {BROWSER}\r\n\r\n"
                         .encode())
            for _ in range(500):  # bounded: until the click waits for the workspace
                if server.writer.waiting:
                    break
                time.sleep(0.01)
            for start in range(0, len(second), 10_000):  # arrives while the click waits
                sock.sendall(second[start:start + 10_000])
            holder.execute("ROLLBACK")
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
    finally:
        holder.close()
    assert re.findall(rb"HTTP/1\.1 (\d{3}) ", answer) == [b"302", status]
    assert clicks(live) == 1
    deadline = time.monotonic() + 5
    while "(human click on dl)" not in log.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)  # the click's line is written once its answer is out
    written = log.getvalue()
    assert logged in written and "(human click on dl)" in written, written
    assert "error" not in written and "Traceback" not in written


def test_a_flood_of_pipelined_requests_is_answered_in_order_in_bounded_memory(
        served: tuple[Sim, TrackingServer, io.StringIO]) -> None:
    """Requests sent far ahead of their answers wait unparsed: each parsed one holds about
    2 KB until answered, and all 20,000 were parsed at once (40 MB for one connection)."""
    _, server, _ = served
    count = 20_000
    flood = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" * count
    tracemalloc.start()
    try:
        with socket.create_connection((LOOPBACK, server.port), timeout=30) as sock:
            sock.sendall(flood + b"GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            found, tail = b"", b""
            while chunk := sock.recv(1 << 20):  # the status lines, in order
                found += b"".join(re.findall(rb"HTTP/1\.1 (\d{3})", tail + chunk))
                tail = chunk[-11:]  # a status line split between two reads is found once
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found == b"200" * count + b"404"
    assert peak < 8_000_000, f"{peak / 1e6:.0f} MB held for {count} requests sent ahead"


def test_the_request_line_limit_is_the_one_announced(
        served: tuple[Sim, TrackingServer, io.StringIO]) -> None:
    _, server, _ = served
    path = "/" + "a" * (MAX_REQUEST_LINE - len("GET / HTTP/1.1\r\n"))
    assert get(server.port, path).status == 404  # just fits
    assert get(server.port, path + "a").status == 414


def test_control_characters_in_paths_are_escaped_in_the_log(
        served: tuple[Sim, TrackingServer, io.StringIO]) -> None:
    _, server, log = served
    exchange(server.port, b"GET /\x1b[2J\x1b]0;owned\x07 HTTP/1.1\r\nConnection: close\r\n\r\n")
    exchange(server.port, b"\x1b[31mGARBAGE\r\n\r\n")
    written = log.getvalue()
    assert "\x1b" not in written and "\x07" not in written
    assert "/\\x1b[2J\\x1b]0;owned\\x07 -> 400" in written  # not a valid request target
    assert "\\x1b[31mGARBAGE -> 400" in written
    assert printable("a\u202eb\r\n") == "a\\u202eb\\r\\n"


def test_the_log_says_what_was_wrong_with_a_refused_request(
        served: tuple[Sim, TrackingServer, io.StringIO]) -> None:
    _, server, log = served
    exchange(server.port, b"CONNECT example.com:443 HTTP/1.1\r\nHost: x\r\n\r\n")
    exchange(server.port, b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
    written = log.getvalue()
    assert "CONNECT example.com:443 -> 400 (the request target is not a path)" in written
    assert "PRI * -> 505 (an HTTP version this server does not speak)" in written


def test_a_client_that_disconnects_leaves_no_traceback(
        served: tuple[Sim, TrackingServer, io.StringIO],
        capfd: pytest.CaptureFixture[str]) -> None:
    live, server, log = served
    path = urlsplit(live.url("ann@example.com", "dl")).path
    for _ in range(5):
        sock = socket.create_connection((LOOPBACK, server.port), timeout=5)
        sock.sendall(f"GET {path} HTTP/1.1\r\nUser-Agent: {BROWSER}\r\n\r\n".encode())
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()  # a reset, before the answer
    deadline = time.monotonic() + 10
    while clicks(live) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert get(server.port, "/").status == 200
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Error" not in err
    assert "Traceback" not in log.getvalue()


def test_idle_connections_are_closed_and_their_threads_end(
        served: tuple[Sim, TrackingServer, io.StringIO]) -> None:
    _, server, _ = served
    before = threading.active_count()
    idle = [socket.create_connection((LOOPBACK, server.port), timeout=5) for _ in range(5)]
    idle[0].sendall(b"GET / HTT")  # half a request line, then nothing
    idle[1].sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # headers never finished
    try:
        for sock in idle:
            assert sock.recv(1024) == b""  # closed by the server (the client waits up to 5 s)
    finally:
        for sock in idle:
            sock.close()
    deadline = time.monotonic() + 5
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert threading.active_count() <= before


def test_beyond_the_connection_limit_a_client_gets_503_not_a_thread(live: Sim) -> None:
    server = TrackingServer(live.ws, 0, log=None, idle_timeout=2.0, max_connections=3)
    thread = start(server)
    held: list[socket.socket] = []
    try:
        for count in range(1, 4):  # one at a time, each until the server holds it open
            held.append(socket.create_connection((LOOPBACK, server.port), timeout=5))
            deadline = time.monotonic() + 5
            while server.connection_count < count and time.monotonic() < deadline:
                time.sleep(0.01)
        answer = exchange(server.port, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 503") and b"Retry-After: 5" in answer
        for sock in held:
            sock.close()
        deadline = time.monotonic() + 5
        while get(server.port, "/").status != 200 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert get(server.port, "/").status == 200
    finally:
        for sock in held:
            sock.close()
        stop(server, thread)


def test_a_client_dribbling_its_headers_is_cut_off(live: Sim) -> None:
    server = TrackingServer(live.ws, 0, log=None, idle_timeout=0.5, head_timeout=1.0)
    thread = start(server)
    try:
        with socket.create_connection((LOOPBACK, server.port), timeout=5) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\n")
            closed = dribble_until_closed(sock, b"X", 100)  # a header byte every 0.1 s: 10 s
            assert closed
    finally:
        stop(server, thread)

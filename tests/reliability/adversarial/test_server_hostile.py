"""Malformed HTTP and slow, vanishing and idle clients against a real `serve` subprocess on
127.0.0.1. The server answers every request it reads (400/404/414/505...), never writes raw
control characters to the terminal, never logs a traceback, keeps recording clicks afterwards,
and refuses to start on a workspace it cannot write."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.adversarial import tally
from tests.reliability.adversarial.server_process import Server, serving, status_code, stop
from tests.reliability.adversarial.support import BROWSER, EBOOK, Template, run_cli
from tests.reliability.adversarial.system import immutable

ITEM3 = "issue 12 item 3: "
JAPANESE_TARGET = "https://例え.jp/テスト.pdf"


def _prepare(template: Template, folder: Path) -> tuple[Path, str, str]:
    """A live workspace where dora got an email whose download link points at a non-Latin-1
    URL; returns (workspace, a tracked URL with an ASCII target, the non-Latin-1 one)."""
    path = template.fresh(folder)
    document = json.loads(EBOOK.read_text("utf-8"))
    document["campaign"]["id"] = "ebook-jp"
    document["campaign"]["sequences"][0]["emails"][0]["links"][0]["target"] = JAPANESE_TARGET
    source = folder / "jp.campaign.json"
    source.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    w = ["--workspace", str(path)]
    for argv in (["import", str(source)], ["publish", "ebook-jp"], ["activate", "ebook-jp"],
                 ["enroll", "ebook-jp", "ebook-welcome", "dora@example.com"], ["advance", "2m"]):
        result = run_cli([*w, *argv])
        assert result.code == 0, (argv, result)
    mails = json.loads(run_cli([*w, "inbox", "dora@example.com", "--json"]).out)
    japanese = mails[-1]["links"]["download-guide"]
    return path, template.tracked_urls[0], japanese


@pytest.fixture(scope="module")
def server(template: Template, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("serve")
    path, ascii_url, japanese_url = _prepare(template, folder)
    with serving(path, folder) as running:
        running.urls = (ascii_url, japanese_url)  # type: ignore[attr-defined]
        yield running


def _path(url: str) -> bytes:
    return url.split("8765", 1)[1].encode("ascii")


BAD_REQUESTS = {
    "garbage line": (b"GARBAGE\r\n\r\n", 400, True),
    "unknown version": (b"GET / HTTP/9.9\r\n\r\n", 505, True),
    "70 kB URL": (b"GET /t/" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, True),
    "TLS hello": (bytes.fromhex("16030100a5010000a10303") + os.urandom(32) + b"\r\n\r\n", 400,
                  True),
    "huge header": (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 70_000 + b"\r\n\r\n", 431,
                    False),
    "100 headers": (b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(150))
                    + b"\r\n", 431, False),
    "POST": (b"POST /t/abc HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", 501, False),
    "bad percent": (b"GET /t/%ff%fe%00 HTTP/1.1\r\nHost: x\r\n\r\n", 404, False),
    "NUL in path": (b"GET /t/\x00\x00 HTTP/1.1\r\nHost: x\r\n\r\n", 404, False),
    "no Host, HTTP/1.0": (b"GET /nothing HTTP/1.0\r\n\r\n", 404, False),
}


@pytest.mark.parametrize("name", [
    pytest.param(name, id=name)
    for name in BAD_REQUESTS])
def test_every_malformed_request_gets_an_answer(server: Server, name: str) -> None:
    data, _wanted, known = BAD_REQUESTS[name]
    response = server.exchange(data)
    tally.case("server: malformed request")
    code = status_code(response)
    if code is None or not 400 <= code < 600:
        from tests.reliability.adversarial.support import Verdict

        tally.failure("server: malformed request", Verdict(wrong_exit=True))
    assert code is not None and 400 <= code < 600, f"{name}: answered {response[:200]!r}"


def test_control_characters_never_reach_the_terminal(server: Server) -> None:
    server.exchange(b"GET /\x1b]0;owned\x07\x1b[2J HTTP/1.1\r\nHost: x\r\n\r\n")
    tally.case("server: log")
    time.sleep(0.2)  # the log line is written after the response; not a timed assertion
    assert "\x1b" not in server.log() and "\x07" not in server.log()


def test_a_slow_client_is_still_answered(server: Server) -> None:
    request = f"GET {_path(server.urls[0]).decode()} HTTP/1.1\r\nHost: x\r\nUser-Agent: " \
              f"{BROWSER}\r\n\r\n".encode()  # type: ignore[attr-defined]
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        for i in range(0, len(request), 7):
            sock.sendall(request[i:i + 7])
            time.sleep(0.005)
        response = sock.recv(65536)
    tally.case("server: slow client")
    assert status_code(response) == 302, response[:200]


def test_a_non_latin1_target_is_redirected_encoded(server: Server) -> None:
    path = _path(server.urls[1])  # type: ignore[attr-defined]
    response = server.exchange(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\nUser-Agent: "
                               + BROWSER.encode() + b"\r\n\r\n")
    tally.case("server: non-Latin-1 target")
    assert status_code(response) == 302, response[:200]
    location = next(line for line in response.split(b"\r\n")
                    if line.lower().startswith(b"location:"))
    assert location.isascii() and b"xn--" in location, location


def test_vanishing_clients_do_not_stop_the_server(server: Server) -> None:
    path = _path(server.urls[0])  # type: ignore[attr-defined]
    for _ in range(20):
        server.exchange(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n\r\n", linger_reset=True)
    tally.case("server: vanishing clients", 20)
    response = server.exchange(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status_code(response) == 200, response[:200]


@pytest.mark.skipif(float(os.environ.get("CANVAS_FUZZ_EXAMPLES", "1")) < 2,
                    reason="waits 8 s for idle connections to be closed: `make fuzz` only")
def test_idle_connections_are_closed(server: Server) -> None:
    sockets = [socket.create_connection(("127.0.0.1", server.port), timeout=10) for _ in range(5)]
    tally.case("server: idle clients", 5)
    closed = 0
    deadline = time.monotonic() + 8
    try:
        for sock in sockets:
            sock.settimeout(max(0.1, deadline - time.monotonic()))
            with contextlib.suppress(OSError):
                closed += sock.recv(1) == b""
    finally:
        for sock in sockets:
            sock.close()
    if closed < len(sockets):
        tally.hang("server: idle clients")
    assert closed == len(sockets), f"{len(sockets) - closed} idle connections still open after 8 s"


def test_the_server_log_has_no_traceback_after_all_that(server: Server) -> None:
    """Runs after the tests above (file order; it repeats a malformed request and a vanishing
    client so it stands alone): the server still records clicks and its output holds no
    traceback."""
    path = _path(server.urls[0])  # type: ignore[attr-defined]
    server.exchange(b"GARBAGE\r\n\r\n")
    server.exchange(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n\r\n", linger_reset=True)
    response = server.exchange(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\nUser-Agent: "
                               + BROWSER.encode() + b"\r\n\r\n")
    assert status_code(response) == 302, response[:200]
    tally.case("server: log")
    assert "Traceback" not in server.log(), server.log()[-2000:]


def test_serve_refuses_a_workspace_it_cannot_write(template: Template, scratch: Path) -> None:
    path = template.fresh(scratch)
    with immutable(path):
        try:
            with serving(path, scratch) as running:
                stop(running.proc)
                tally.case("server: read-only workspace")
                raise AssertionError("serve started on a read-only workspace")
        except AssertionError as exc:
            if "did not start" not in str(exc):
                raise
            assert "Traceback" not in (scratch.glob("serve-*.err").__next__().read_text())

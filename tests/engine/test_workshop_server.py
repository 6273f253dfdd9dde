"""The workshop served for real on loopback addresses: `serve --workshop` as a user starts it,
a workshop opened "to the network" on 127.0.0.2 only, and ending it."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from canvas_app.engine.workshop import Workshop
from canvas_app.engine.workshop_app import WorkshopServer
from canvas_app.store.workspace import Workspace
from tests.engine.conftest import BROWSER, Sim

ROOT = Path(__file__).resolve().parents[2]
SECOND_LOOPBACK = "127.0.0.2"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def join(client: httpx.Client, url: str, name: str, address: str) -> httpx.Response:
    form = client.get(url)
    assert form.status_code == 200, form.text
    token = re.search(r'name="token" value="([0-9a-f]+)"', form.text)
    assert token is not None
    return client.post(url, data={"name": name, "email": address, "token": token.group(1)})


def refused(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError:
        return True
    return False


def test_serve_workshop_prints_the_join_url_first_and_ending_it_stops_the_code(
        tmp_path: Path, live: Sim) -> None:
    path = live.ws.location
    live.ws.close()
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--workspace", str(path),
                             "serve", "--workshop", "ebook:welcome", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()
        match = re.fullmatch(rf"join: (http://127\.0\.0\.1:{port}/w/[A-Za-z0-9_-]+)", first)
        assert match, first
        url = match.group(1)
        with httpx.Client(headers={"User-Agent": BROWSER}, timeout=10) as phone:
            answer = join(phone, url, "Ann", "ann@example.com")
            assert answer.status_code == 303
            assert phone.get(f"http://127.0.0.1:{port}{answer.headers['location']}"
                             ).status_code == 200
            assert phone.get(f"http://127.0.0.1:{port}/").status_code == 404
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Workshop ended" in out and "Traceback" not in out + err
    assert "ann@example.com joined" in out  # the log follows the join line
    assert refused("127.0.0.1", port)
    ws = Workspace.open(path)
    try:
        assert Sim(ws).counts()["welcome"]["active"] == 1
    finally:
        ws.close()


@pytest.mark.parametrize(("args", "message", "code"), [
    (["--workshop", "ebook"], "must be CAMPAIGN_ID:SEQUENCE_ID", 2),
    (["--workshop", "ebook:nope"], "has no sequence 'nope'", 1),
    (["--workshop", "nope:welcome"], "there is no campaign 'nope'", 1),
    (["--workshop", "ebook:welcome", "--lan", "0.0.0.0"], "would not be one address", 1),
    (["--workshop", "ebook:welcome", "--lan", "my laptop"], "is not an IP address", 1),
    (["--workshop", "ebook:welcome", "--lan", "192.0.2.55"], "not an address of this", 1),
    (["--workshop", "ebook:welcome", "--max-participants", "0"], "must be from 1", 1),
    (["--lan", "127.0.0.2"], "are for --workshop only", 2),
])
def test_serve_workshop_refuses_bad_arguments_in_one_sentence(
        live: Sim, args: list[str], message: str, code: int) -> None:
    path = live.ws.location
    live.ws.close()
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--workspace", str(path),
                           "serve", "--port", "0", *args], capture_output=True, text=True,
                          timeout=30)
    assert proc.returncode == code, proc.stderr
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert "join:" not in proc.stdout


def test_a_workshop_for_the_network_listens_on_that_address_only_until_it_ends(
        live: Sim) -> None:
    workshop = Workshop(live.ws, "ebook", "welcome")
    served = WorkshopServer(workshop, 0, SECOND_LOOPBACK, log=None)
    served.start()
    port = served.server.port
    try:
        assert served.join_url.startswith(f"http://{SECOND_LOOPBACK}:{port}/w/")
        assert refused("127.0.0.1", port)  # not every address: the chosen one
        with httpx.Client(headers={"User-Agent": BROWSER}, timeout=10) as phone:
            answer = join(phone, served.join_url, "Ann", "ann@example.com")
            assert answer.status_code == 303
            inbox = f"http://{SECOND_LOOPBACK}:{port}{answer.headers['location']}"
            live.advance(60)
            page = phone.get(inbox).text
            assert f"http://{SECOND_LOOPBACK}:{port}/t/" in page  # links reach this server
            href = re.search(rf'href="(http://{re.escape(SECOND_LOOPBACK)}:\d+/t/[^"]+)"', page)
            assert href is not None
            assert phone.get(href.group(1)).status_code == 302
    finally:
        served.stop()
    assert not workshop.code_matches(workshop.code)
    deadline = time.monotonic() + 5
    while not refused(SECOND_LOOPBACK, port) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert refused(SECOND_LOOPBACK, port)
    live.advance(120)
    assert live.counts()["downloaded"]["achieved"] == 1

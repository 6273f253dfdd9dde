"""`serve` as a real subprocess on 127.0.0.1 and a free port, spoken to over raw sockets.
Every process started here is stopped (SIGTERM, then SIGKILL) by the context manager."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.reliability.adversarial.support import ROOT

START_TIMEOUT = 20.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    port: int
    log_path: Path
    out_path: Path

    def log(self) -> str:
        return self.log_path.read_bytes().decode("utf-8", "replace")

    def exchange(self, data: bytes, *, timeout: float = 5.0, linger_reset: bool = False) -> bytes:
        """Sends ``data`` and reads until the server closes or stays silent for ``timeout``."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            with contextlib.suppress(OSError):  # the server may close on too much data
                sock.sendall(data)
            if linger_reset:  # vanish with an RST, as a browser tab closed mid-request does
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
                return b""
            chunks = []
            with contextlib.suppress(OSError):
                while True:
                    chunk = sock.recv(65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
                    if b"\r\n\r\n" in b"".join(chunks) and b"Connection: close" not in chunks[0] \
                            and _complete(b"".join(chunks)):
                        break
            return b"".join(chunks)


def _complete(data: bytes) -> bool:
    head, _, body = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(body) >= int(line.split(b":", 1)[1])
    return True


@contextlib.contextmanager
def serving(workspace: Path, folder: Path, *extra: str) -> Iterator[Server]:
    port = free_port()
    log_path, out_path = folder / f"serve-{port}.err", folder / f"serve-{port}.out"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    with open(log_path, "wb") as err, open(out_path, "wb") as out:
        proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--workspace",
                                 str(workspace), "serve", "--port", str(port), *extra],
                                stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
    server = Server(proc, port, log_path, out_path)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while b"Tracking clicks" not in out_path.read_bytes():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"serve did not start (exit {proc.poll()}): "
                                     f"{server.log()[-800:]}")
            time.sleep(0.05)
        yield server
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes]) -> int | None:
    """SIGTERM, then SIGKILL after 10 s; returns the exit status."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    return proc.returncode


def status_code(response: bytes) -> int | None:
    if not response.startswith(b"HTTP/1."):
        return None
    try:
        return int(response.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return None

"""A throwaway PostgreSQL cluster for the server leg of the suite.

One cluster per test session (``initdb`` + ``pg_ctl``, as the ``postgres`` user when the suite
runs as root), listening on 127.0.0.1 on a free port with its unix socket in its own temporary
folder; stopped (``pg_ctl stop -m fast``) and removed at the end. Every test gets a fresh
database. Durability is switched off: the cluster lives for one run only.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

#: The superuser the tests connect as (trusted on loopback).
USER = "canvas"
#: A role that must give a password (for the authentication tests).
PASSWORD_USER = "guarded"
PASSWORD = "s3cret-Pa55"
_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",
    "full_page_writes": "off",
    "synchronous_commit": "off",
    "shared_buffers": "'64MB'",
    "max_connections": "120",
    "log_min_messages": "'fatal'",
}


def _bin_folder() -> str | None:
    """Where initdb and pg_ctl are: on the PATH, or in Debian's versioned folder (newest)."""
    found = shutil.which("initdb")
    if found:
        return str(Path(found).resolve().parent)
    folders = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                     key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    return str(folders[-1]) if folders else None


BIN = _bin_folder()


def missing_binaries() -> str:
    """Why the server leg cannot run here ('' when it can). With CANVAS_REQUIRE_POSTGRESQL=1
    (as CI sets) a missing PostgreSQL fails the run instead of skipping the leg."""
    absent = [name for name in ("initdb", "pg_ctl", "postgres")
              if BIN is None or not (Path(BIN) / name).exists()]
    if absent and os.environ.get("CANVAS_REQUIRE_POSTGRESQL") == "1":
        raise RuntimeError(f"PostgreSQL's {', '.join(absent)} not found, and "
                           "CANVAS_REQUIRE_POSTGRESQL=1 asks for the PostgreSQL leg")
    if absent:
        return (f"PostgreSQL's {', '.join(absent)} not found on the PATH: the PostgreSQL leg "
                "is skipped (install the postgresql package to run it)")
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a 'postgres' user to start PostgreSQL as"
    return ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    """A running cluster; ``stop()`` ends and removes it."""

    def __init__(self) -> None:
        # as root, under /tmp: the postgres user must reach it whatever TMPDIR says
        self.root = Path(tempfile.mkdtemp(prefix="canvas-pg-",
                                          dir="/tmp" if os.geteuid() == 0 else None))
        self.data = self.root / "data"
        self.port = 0
        self._as_postgres: list[str] = []
        if os.geteuid() == 0:
            import pwd

            entry = pwd.getpwnam("postgres")
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
            self._as_postgres = ["setpriv", "--reuid=postgres", "--regid=postgres",
                                 "--init-groups"]
        self._run("initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        with open(self.data / "pg_hba.conf", "w", encoding="utf-8") as hba:
            hba.write(f"local all all trust\nhost all {USER} 127.0.0.1/32 trust\n"
                      "host all all 127.0.0.1/32 scram-sha-256\n")
        self._start()
        self.admin(f"CREATE ROLE {PASSWORD_USER} LOGIN PASSWORD '{PASSWORD}'")

    def _run(self, program: str, *arguments: str) -> None:
        assert BIN is not None
        subprocess.run([*self._as_postgres, str(Path(BIN) / program), *arguments], check=True,
                       capture_output=True, timeout=120, cwd=self.root)

    def _start(self) -> None:
        for attempt in range(5):  # another program may take the free port first
            self.port = _free_port()
            options = " ".join(f"-c {k}={v}" for k, v in _SETTINGS.items())
            options += f" -p {self.port} -k {self.root}"
            try:
                self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-w",
                          "-t", "60", "-o", options, "start")
                return
            except subprocess.CalledProcessError:
                if attempt == 4:
                    raise

    def url(self, database: str, user: str = USER) -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=USER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def new_database(self) -> str:
        name = f"t_{secrets.token_hex(6)}"
        self.admin(f"CREATE DATABASE {name} TEMPLATE template0")
        return name

    def drop_database(self, name: str) -> None:
        with contextlib.suppress(Exception):
            self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

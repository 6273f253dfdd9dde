"""The editor lock: one editing window per workspace file (per campaign on a server),
across windows and processes.

An OS file lock on ``<workspace>.lock``, released by the OS if the editor dies, so a crash
never leaves a workspace locked. Headless commands do not take it: they share the file
through SQLite transactions.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import time
import zlib
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, Engine, text

from canvas_app.store.errors import WorkspaceInUse, file_error
from canvas_app.store.facts import lock_path
from canvas_app.store.file_lock import try_lock


class EditorLock:
    """Held while an editor window edits the workspace. Use ``acquire``/``release``."""

    def __init__(self, workspace: Path) -> None:
        self.path = lock_path(workspace)
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> None:
        for _ in range(5):  # the file may be removed by its holder between open and lock
            handle = self._open_locked()
            if handle is not None:
                break
        else:
            raise WorkspaceInUse("this workspace is being opened and closed by another editor "
                                 "right now; try again")
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                 "since": time.strftime("%H:%M on %d %b %Y")}))
        handle.flush()
        self._handle = handle

    def _open_locked(self) -> IO[str] | None:
        """The lock file, locked; None when it was replaced while we locked it."""
        try:
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - kept while held
        except OSError as exc:  # e.g. a read-only folder: the workspace opens read-only
            raise file_error(exc, self.path, "create the editor lock") from None
        if not try_lock(handle):
            handle.seek(0)
            holder = _describe(handle.read())
            handle.close()
            raise WorkspaceInUse(f"this workspace is already open for editing{holder}")
        try:
            same = os.path.samestat(os.fstat(handle.fileno()), os.stat(self.path))
        except OSError:
            same = False
        if not same:  # its holder removed it as it closed: lock the new one instead
            handle.close()
            return None
        return handle

    def release(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):  # no .lock file is left behind
                self.path.unlink()
            self._handle.close()  # closing the descriptor releases the OS lock
            self._handle = None


def _describe(text: str) -> str:
    try:
        info = json.loads(text)
        return f" (by process {info['pid']} on {info['host']}, since {info['since']})"
    except (ValueError, KeyError, TypeError):
        return ""


#: The first key of the per-campaign advisory locks on a server workspace ("CCe1").
CAMPAIGN_LOCKS = 0x43436531


def _campaign_key(campaign_id: str) -> int:
    """The second key of a campaign's lock: a signed 32-bit hash of its id."""
    value = zlib.crc32(campaign_id.encode("utf-8"))
    return value - (1 << 32) if value >= 1 << 31 else value


class ServerEditorLock:
    """On a PostgreSQL workspace the editor lock is per campaign: a session-level advisory lock
    held by the editing window's own connection, so two people edit two campaigns at once and
    a crashed editor's locks end with its connection. Its holder is named by the connection's
    application name (user and machine)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._conn: Connection | None = None
        self.campaigns: set[str] = set()

    @property
    def held(self) -> bool:
        return self._conn is not None

    def acquire(self) -> None:
        """Opens the connection that will hold the campaigns' locks (no campaign yet)."""
        if self._conn is not None:
            return
        conn = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        holder = f"Campaign Canvas editor: {getpass.getuser()} on {socket.gethostname()}"
        conn.execute(text("SELECT set_config('application_name', :name, false)"),
                     {"name": holder[:63]})
        self._conn = conn

    def acquire_campaign(self, campaign_id: str) -> None:
        """Takes ``campaign_id`` for editing; WorkspaceInUse naming the holder if another
        editor has it."""
        self.acquire()
        assert self._conn is not None
        if campaign_id in self.campaigns:
            return
        key = _campaign_key(campaign_id)
        if self._conn.execute(text("SELECT pg_try_advisory_lock(:ns, :key)"),
                              {"ns": CAMPAIGN_LOCKS, "key": key}).scalar():
            self.campaigns.add(campaign_id)
            return
        holder = self._conn.execute(text(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = :ns "
            "AND l.objid = :objid AND l.objsubid = 2 LIMIT 1"),
            {"ns": CAMPAIGN_LOCKS, "objid": key & 0xFFFFFFFF}).scalar()
        who = str(holder or "").removeprefix("Campaign Canvas editor: ")
        by = f" by {who}" if who else " by another editor"
        raise WorkspaceInUse(f"the campaign {campaign_id} is already open for editing{by}")

    def release_campaign(self, campaign_id: str) -> None:
        if self._conn is not None and campaign_id in self.campaigns:
            self.campaigns.discard(campaign_id)
            with contextlib.suppress(Exception):  # a lost connection released it already
                self._conn.execute(text("SELECT pg_advisory_unlock(:ns, :key)"),
                                   {"ns": CAMPAIGN_LOCKS, "key": _campaign_key(campaign_id)})

    def release(self) -> None:
        """Ends the connection, and every campaign lock with it."""
        if self._conn is not None:
            with contextlib.suppress(Exception):  # a lost connection released them already
                # at once: the server lets go of a closed connection's locks a moment later,
                # and another editor opening the campaign just then would be refused
                self._conn.execute(text("SELECT pg_advisory_unlock_all()"))
            with contextlib.suppress(Exception):
                self._conn.invalidate()  # closed for real, not returned to the pool
                self._conn.close()
            self._conn = None
            self.campaigns.clear()

"""The editor lock: one editing window per workspace, across windows and processes.

An OS file lock on ``<workspace>.lock``, released by the OS if the editor dies, so a crash
never leaves a workspace locked. Headless commands do not take it: they share the file
through SQLite transactions.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from pathlib import Path
from typing import IO

from canvas_app.store.errors import WorkspaceInUse, file_error
from canvas_app.store.facts import lock_path

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False


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
        if not _try_lock(handle):
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

"""The OS file lock the editor lock is made of, on its own so that the first paint can ask
whether an editor holds a workspace without loading the database libraries."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def try_lock(handle: IO[str]) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
else:
    import fcntl

    def try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False


def held_elsewhere(lock: Path) -> bool:
    """Whether another process holds this lock file (a lock taken to ask goes with the close);
    True as well when it cannot be asked."""
    if not lock.exists():
        return False
    try:
        with lock.open("r") as handle:
            return not try_lock(handle)
    except OSError:
        return True

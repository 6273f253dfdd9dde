"""Errors the store raises; their messages are meant for the user.

SQLite and file-system failures are translated here, once, into one sentence that says what
happened and what to do (``database_error``, ``file_error``); callers print ``str(error)``.
"""

from __future__ import annotations

import errno
import os
import shlex
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import exc as sa_exc

from canvas_app.domain.errors import UserError


class WorkspaceError(UserError):
    """The workspace cannot be opened or used as asked."""


class NotFound(WorkspaceError):
    """A campaign (or other record) named by the user does not exist."""


class WorkspaceInUse(WorkspaceError):
    """Another editor has this workspace open for editing."""


class WorkspaceReadOnly(WorkspaceError):
    """The workspace (or its folder) cannot be written."""


class WorkspaceBusy(WorkspaceError):
    """Another program held the workspace's write lock past the busy timeout."""


class OlderWorkspace(WorkspaceError):
    """Made by an older version: read-only, it cannot be upgraded, so it cannot be read."""


class WorkspaceDamaged(WorkspaceError):
    """The file is corrupt or not readable as a database."""


class LoginRefused(WorkspaceError):
    """A database server refused the user name or password."""


class DiskFull(WorkspaceError):
    """The disk holding the workspace has no room left."""


#: Free bytes under which a disk I/O error is reported as a full disk.
_NEARLY_FULL = 1 << 20


def backups_of(path: Path) -> list[Path]:
    """The automatic backup copies next to ``path`` (made before migrations), newest last."""
    try:
        return sorted(path.parent.glob(f"{_glob_escape(path.name)}.before-*.bak"),
                      key=lambda p: p.stat().st_mtime)
    except OSError:
        return []


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def damaged_advice(path: Path) -> str:
    backups = backups_of(path)
    restore = (f"restore the automatic backup {backups[-1]}" if backups else
               f"restore a backup copy (automatic ones are kept next to it as "
               f"{path.name}.before-*.bak; there are none for this workspace)")
    return f"{restore}, or check it with: sqlite3 {shlex.quote(str(path))} 'PRAGMA integrity_check'"


def read_only_reason(path: Path) -> str:
    """Why ``path`` cannot be written, as a clause; empty when it seems writable."""
    folder = path.parent
    try:
        read_only_fs = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        read_only_fs = False
    if read_only_fs:
        return (f"its folder {folder} is on a read-only file system; copy the workspace to a "
                "folder you can write to")
    if path.exists() and not os.access(path, os.W_OK):
        return (f"the file is read-only; make it writable (chmod u+w {shlex.quote(str(path))}) "
                "or work on a copy")
    if folder.exists() and not os.access(folder, os.W_OK):
        return (f"its folder {folder} is read-only; copy the workspace to a folder you can "
                "write to")
    return ""


def _disk_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent if path.parent.exists() else Path(".")).free \
            < _NEARLY_FULL
    except OSError:
        return False


def _full(path: Path) -> DiskFull:
    return DiskFull(f"the disk holding {path} is full, so nothing was changed; free some "
                    "space and try again")


def database_error(exc: BaseException, path: Path | str) -> WorkspaceError:
    """One clear sentence for a database error (raw, or wrapped by SQLAlchemy) on ``path``, or
    on a server workspace given as its URL without the password (a ``str``)."""
    if isinstance(path, str):
        from canvas_app.store.postgres import server_error

        return server_error(exc, path)
    orig = exc.orig if isinstance(exc, sa_exc.DBAPIError) else exc
    name = getattr(orig, "sqlite_errorname", "") or ""
    text = str(orig).strip() or type(orig).__name__
    if name.startswith("SQLITE_FULL") or (name.startswith("SQLITE_IOERR") and _disk_full(path)):
        return _full(path)
    if name.startswith("SQLITE_READONLY"):
        reason = read_only_reason(path) or "check the permissions of the file and its folder"
        return WorkspaceReadOnly(f"{path} cannot be changed, so nothing was saved: {reason}")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return WorkspaceBusy(f"{path} is locked by another program that is writing to it; "
                             "try again when it has finished")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return WorkspaceDamaged(f"{path} is damaged ({text}); {damaged_advice(path)}")
    if name.startswith("SQLITE_CANTOPEN"):
        reason = read_only_reason(path) or "check that its folder exists and can be read"
        return WorkspaceError(f"cannot open {path}: {reason}")
    if name.startswith("SQLITE_IOERR"):
        return WorkspaceError(f"a disk error occurred while using {path} ({text}); check the "
                              "disk and try again")
    return WorkspaceError(f"{path} could not be used ({text}); nothing was changed")


def file_error(exc: OSError, path: Path, doing: str) -> WorkspaceError:
    """One clear sentence for an OS error while ``doing`` something with ``path``."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return _full(path)
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        reason = read_only_reason(path) or (
            "the file system is read-only" if code == errno.EROFS else "permission denied")
        return WorkspaceReadOnly(f"cannot {doing} {path}: {reason}")
    return WorkspaceError(f"cannot {doing} {path}: {exc.strerror or exc}")


def is_database_error(exc: BaseException) -> bool:
    """SQLite errors worth translating (constraint violations are program errors: kept)."""
    if isinstance(exc, sa_exc.IntegrityError | sqlite3.IntegrityError):
        return False
    return isinstance(exc, sa_exc.DBAPIError | sqlite3.DatabaseError | sqlite3.OperationalError)

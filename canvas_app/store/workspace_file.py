"""The workspace file on disk: what a path holds, and putting a new file in place atomically.

``inspect_path`` looks at a path with ``os.stat`` and the SQLite header before SQLite opens
anything, so a FIFO never hangs a command and a folder, device or empty file is refused with a
clear sentence. ``install`` moves a fully built file (made under a temporary name in the same
folder) into place only once it is complete and on disk, so an interrupted creation leaves
either no workspace or a whole one.
"""

from __future__ import annotations

import contextlib
import enum
import os
import secrets
import sqlite3
import stat
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from canvas_app.store.errors import (
    WorkspaceDamaged,
    WorkspaceError,
    damaged_advice,
    file_error,
)
from canvas_app.store.facts import APPLICATION_ID

#: Workspace files this process has open through SQLite, by real path, with a count. Reading
#: such a file with a plain open()/close() would drop every POSIX lock this process holds on
#: it (closing any descriptor of a file does), and another process closing last would then
#: delete the write-ahead log under our open connections: writes lost. So they are not read.
_OPEN_HERE: dict[str, int] = {}
_OPEN_LOCK = threading.Lock()


def _key(path: Path) -> str:
    return os.path.realpath(path)


def note_open(path: Path) -> None:
    with _OPEN_LOCK:
        _OPEN_HERE[_key(path)] = _OPEN_HERE.get(_key(path), 0) + 1


def note_closed(path: Path) -> None:
    with _OPEN_LOCK:
        left = _OPEN_HERE.get(_key(path), 0) - 1
        if left > 0:
            _OPEN_HERE[_key(path)] = left
        else:
            _OPEN_HERE.pop(_key(path), None)


def identity(path: Path) -> tuple[int, int] | None:
    """Which file ``path`` names now (device, inode); None when there is none."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


class FileWatch:
    """Notices a workspace file deleted or moved away while it is open: SQLite goes on writing
    into the file it opened, and whatever is written then is lost with it."""

    def __init__(self, path: Path | None) -> None:
        self.path = path  # None: a workspace on a server, nothing to watch
        self._seen = identity(path) if path is not None else None

    def gone(self) -> bool:
        return self.path is not None and self._seen is not None and \
            identity(self.path) != self._seen


def open_here(path: Path) -> bool:
    with _OPEN_LOCK:
        return _key(path) in _OPEN_HERE


SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
#: Written into the SQLite header (bytes 68-71) so a workspace is recognised as ours.
#: SQLite's companion files, which belong to whatever file has the workspace's name.
COMPANIONS = ("-wal", "-shm", "-journal")
_BUILDING = ".creating-"


class Kind(enum.Enum):
    MISSING = "missing"
    WORKSPACE = "workspace"
    HALF_MADE = "half-made"


@dataclass(frozen=True)
class PathInfo:
    kind: Kind
    #: For an existing file: its folder cannot be written (SQLite then needs ``immutable``).
    folder_read_only: bool = False
    file_read_only: bool = False


def _describe_mode(mode: int) -> str | None:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None if stat.S_ISREG(mode) else "not a regular file"


def _stat(path: Path) -> os.stat_result | None:
    """The file's status; None when nothing is there; WorkspaceError when it cannot be read."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            raise WorkspaceError(
                f"{path} is a link to {os.readlink(path)}, which does not exist; remove the "
                "link or give the workspace's real path") from None
        return None
    except NotADirectoryError:
        raise WorkspaceError(f"{path} is not a usable path: a part of it is a file, "
                             "not a folder") from None
    except OSError as exc:
        raise file_error(exc, path, "read") from None


def inspect_path(path: Path, table_names: frozenset[str]) -> PathInfo:
    """What ``path`` holds; raises WorkspaceError for anything that is not (or cannot become)
    a workspace. Reads only, and never opens anything but a regular file."""
    st = _stat(path)
    if st is None:
        return PathInfo(Kind.MISSING)
    what = _describe_mode(st.st_mode)
    if what is not None:
        raise WorkspaceError(f"{path} is {what}, not a workspace file")
    if st.st_size == 0:
        raise WorkspaceError(
            f"{path} is an empty file, not a Campaign Canvas workspace; if an interrupted "
            "first run left it, delete it and run the command again")
    if open_here(path):  # a workspace already; and a plain read would drop our locks
        return PathInfo(Kind.WORKSPACE, folder_read_only=not os.access(path.parent, os.W_OK),
                        file_read_only=not os.access(path, os.W_OK))
    try:
        with open(path, "rb") as handle:
            header = handle.read(HEADER_SIZE)
    except OSError as exc:
        raise file_error(exc, path, "read") from None
    if not header.startswith(SQLITE_MAGIC):
        raise WorkspaceError(f"{path} is not a Campaign Canvas workspace (not a database)")
    folder_read_only = not os.access(path.parent, os.W_OK)
    info = PathInfo(Kind.WORKSPACE, folder_read_only=folder_read_only,
                    file_read_only=not os.access(path, os.W_OK))
    if len(header) == HEADER_SIZE and int.from_bytes(header[68:72], "big") == APPLICATION_ID:
        return info
    # The header may lag behind a committed write-ahead log: ask SQLite itself.
    app_id, tables, has_rows = _look_inside(path, folder_read_only)
    if app_id == APPLICATION_ID:
        return info
    ours = {t for t in tables if t in table_names or t.startswith("_alembic_tmp_")}
    if len(ours) == len(tables) and not has_rows:
        return PathInfo(Kind.HALF_MADE, folder_read_only=folder_read_only,
                        file_read_only=info.file_read_only)
    raise WorkspaceError(
        f"{path} is a database of another program, not a Campaign Canvas workspace")


def _look_inside(path: Path, folder_read_only: bool) -> tuple[int, list[str], bool]:
    query = "immutable=1" if folder_read_only else "mode=ro"
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?{query}", uri=True)
        try:
            (app_id,) = conn.execute("PRAGMA application_id").fetchone()
            tables = [name for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%'")]
            has_rows = any(conn.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone()
                           for name in tables if name != "alembic_version")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
            raise WorkspaceDamaged(f"{path} is damaged ({exc}); {damaged_advice(path)}") from None
        raise WorkspaceError(f"{path} cannot be read as a workspace ({exc})") from None
    return int(app_id), tables, has_rows


def building_path(path: Path) -> Path:
    """A fresh temporary name next to ``path``, naming this process (for later clean-up)."""
    return path.with_name(f"{_building_prefix(path)}{os.getpid()}-{secrets.token_hex(4)}")


def _building_prefix(path: Path) -> str:
    return f".{path.name[:64]}{_BUILDING}"  # short: a long name must still fit


def remove_leftovers(path: Path) -> None:
    """Deletes temporary files of creations of ``path`` whose process no longer runs."""
    prefix = _building_prefix(path)
    try:
        names = [p for p in path.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return
    for leftover in names:
        pid = leftover.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def discard(temp: Path) -> None:
    for name in (temp, *(temp.with_name(temp.name + c) for c in COMPANIONS)):
        with contextlib.suppress(OSError):
            name.unlink()


def _fsync(path: Path, *, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def install(temp: Path, path: Path, *, replace: bool) -> bool:
    """Puts the complete file ``temp`` at ``path`` after syncing it to disk.

    Without ``replace``, an existing ``path`` is left alone and False is returned (another
    process created it first). Companion files left at ``path`` by an older, unfinished file
    are removed first: SQLite would otherwise replay a stale log onto the new file.
    """
    try:
        _fsync(temp)
        # Creators queue on the folder, so the log files are removed only while no workspace
        # is there: never those of one that another process has just put in place.
        with _folder_lock(path.parent):
            if not replace and os.path.lexists(path):
                return False
            for suffix in COMPANIONS:
                companion = path.with_name(path.name + suffix)
                if os.path.lexists(companion):  # False too for a name too long to exist
                    companion.unlink()
            if replace:
                os.replace(temp, path)
            else:
                try:
                    os.link(temp, path)
                except FileExistsError:
                    return False
                except OSError:  # no hard links on this file system: rename (nearly as safe)
                    if os.path.lexists(path):
                        return False
                    os.rename(temp, path)
        with contextlib.suppress(OSError):  # not every platform can sync a folder
            _fsync(path.parent, directory=True)
    except OSError as exc:
        raise file_error(exc, path, "create the workspace") from None
    finally:
        discard(temp)
    return True


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``folder`` among workspace creators (where the OS offers one)."""
    try:
        import fcntl

        fd = os.open(folder, os.O_RDONLY)
    except (ImportError, OSError):
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)

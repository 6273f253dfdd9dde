"""A workspace: one SQLite file (or one PostgreSQL database) holding campaigns, contacts and
history.

Opening refuses anything that is not a workspace (leaving it untouched), creates a new one
atomically when asked (built under a temporary name, then moved into place), finishes one whose
creation an older version left half-made, opens a workspace it cannot write read-only, and
migrates an older one after a backup copy. Every SQLite failure leaves here as a
``WorkspaceError`` whose message says what to do. A database URL opens the workspace on a
PostgreSQL server (``store.postgres``): an empty database is set up by the same migrations.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import URL, Engine
from sqlalchemy.orm import Session, sessionmaker

from canvas_app.store import migrate, postgres
from canvas_app.store.connection import NO_WAIT, READ, make_engine
from canvas_app.store.errors import (
    DiskFull,
    OlderWorkspace,
    WorkspaceError,
    WorkspaceInUse,
    WorkspaceReadOnly,
    database_error,
    file_error,
    is_database_error,
    read_only_reason,
)
from canvas_app.store.lock import EditorLock, ServerEditorLock
from canvas_app.store.workspace_file import (
    Kind,
    PathInfo,
    building_path,
    discard,
    inspect_path,
    install,
    note_closed,
    note_open,
    remove_leftovers,
)

#: Fills a new workspace before it is moved into place (e.g. the demo campaign).
Populate = Callable[["Workspace"], None]


@contextmanager
def translated(path: Path | str) -> Iterator[None]:
    """Turns database errors raised inside into the store's WorkspaceError family (``path`` a
    file, or a server workspace's URL as shown)."""
    try:
        yield
    except Exception as exc:
        if is_database_error(exc):
            raise database_error(exc, path) from exc
        raise


def check_is_workspace(path: Path) -> None:
    """Raises WorkspaceError unless ``path`` is an existing workspace file. Reads only."""
    info = inspect_path(path, migrate.table_names())
    if info.kind is Kind.MISSING:
        raise WorkspaceError(f"there is no workspace at {path}")
    if info.kind is Kind.HALF_MADE:
        raise WorkspaceError(_half_made(path))


def _half_made(path: Path) -> str:
    return (f"{path} is a workspace whose creation was interrupted (it holds no data yet); "
            "open it for editing once to finish it, or delete it")


class Workspace:
    """An open workspace. Every ``transaction()`` is committed on success, rolled back on error."""

    def __init__(self, path: Path | None, engine: Engine, *, read_only: bool,
                 backup: Path | None, read_only_reason: str = "", url: URL | None = None):
        #: The workspace file; None for a workspace on a server (then ``url`` says where).
        self.path = path
        self.url = url
        #: What messages name: the file, or the URL without its password.
        self.where: Path | str = path if path is not None else postgres.shown(_given(url))
        self.location = str(self.where)
        #: A short name for titles: the file's name, or "database on host".
        self.name = path.name if path is not None else postgres.title(_given(url))
        self.engine = engine
        self.read_only = read_only
        #: Why a workspace opened for editing is read-only after all (empty if it is not).
        self.read_only_reason = read_only_reason
        #: The copy made before this open migrated the file, if it did.
        self.migration_backup = backup
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.editor_lock = EditorLock(path) if path is not None else ServerEditorLock(engine)
        if path is not None:
            note_open(path)
        self._closed = False

    @classmethod
    def open(cls, path: Path | str, *, create: bool = False, read_only: bool = False,
             target_revision: str = "head", populate: Populate | None = None) -> Workspace:
        """Opens ``path``. With ``create``, a missing workspace is made (and filled by
        ``populate``) under a temporary name, then moved into place. A workspace that cannot be
        written opens read-only, with ``read_only_reason`` saying why. A database URL opens a
        workspace on a server."""
        if isinstance(path, str) and postgres.is_url(path):
            return cls._open_server(postgres.parse(path), read_only=read_only,
                                    target_revision=target_revision, populate=populate)
        path = Path(path).expanduser()
        info = inspect_path(path, migrate.table_names())
        if info.kind is Kind.MISSING:
            if not create:
                raise WorkspaceError(f"there is no workspace at {path}")
            if read_only:
                raise WorkspaceError(f"there is no workspace at {path} to open read-only")
            _create(path, target_revision, populate, replace=False)
            info = inspect_path(path, migrate.table_names())
        if info.kind is Kind.HALF_MADE:
            if read_only or info.file_read_only or info.folder_read_only:
                raise WorkspaceError(_half_made(path))
            _finish(path, target_revision, populate)
            info = inspect_path(path, migrate.table_names())
        reason = ""
        if not read_only and (info.file_read_only or info.folder_read_only):
            read_only, reason = True, read_only_reason(path) or "it cannot be written"
        return cls._open_existing(path, info, read_only, reason, target_revision)

    @classmethod
    def _open_existing(cls, path: Path, info: PathInfo, read_only: bool, reason: str,
                       target_revision: str) -> Workspace:
        immutable = info.folder_read_only and not _has_log(path)
        engine = make_engine(path, read_only=read_only, immutable=immutable)
        backup = None
        try:
            with translated(path):
                if read_only:
                    if migrate.current_revision(engine) != migrate.head_revision():
                        why = f": {reason}" if reason else "; open it for editing once"
                        raise OlderWorkspace(f"{path} was made by an older version and must be "
                                             f"upgraded before it can be read{why}")
                else:
                    backup = migrate.upgrade(engine, path, is_new=False, target=target_revision)
        except OSError as exc:  # the backup copy before a migration
            engine.dispose()
            raise file_error(exc, path, "back up") from None
        except DiskFull:
            engine.dispose()
            if read_only:
                raise
            # SQLite could not make its log files: still readable, without them if need be.
            return cls._open_existing(
                path, PathInfo(Kind.WORKSPACE, folder_read_only=not _has_log(path)), True,
                "the disk holding it is full; free some space, then open it again to make "
                "changes", target_revision)
        except BaseException:
            engine.dispose()
            raise
        return cls(path, engine, read_only=read_only, backup=backup, read_only_reason=reason)

    @classmethod
    def _open_server(cls, url: URL, *, read_only: bool, target_revision: str,
                     populate: Populate | None) -> Workspace:
        """A workspace in a PostgreSQL database; an empty database is set up (and filled by
        ``populate``) in one transaction, as a new file is."""
        where = postgres.shown(url)
        engine = postgres.make_engine(url, read_only=read_only)
        try:
            with translated(where):
                found = postgres.content(engine, migrate.table_names())
                if found is postgres.Content.FOREIGN:
                    raise WorkspaceError(f"{where} holds the tables of another program, not a "
                                         "Campaign Canvas workspace; use an empty database")
                if read_only:
                    if found is postgres.Content.EMPTY:
                        raise WorkspaceError(f"{where} holds no workspace yet; open it for "
                                             "editing once to set it up")
                    if migrate.current_revision(engine) != migrate.head_revision():
                        raise OlderWorkspace(f"{where} was made by an older version and must "
                                             "be upgraded before it can be read; open it for "
                                             "editing once")
                else:
                    new = found is postgres.Content.EMPTY
                    migrate.upgrade(engine, None, is_new=new, target=target_revision,
                                    where=where)
                    workspace = cls(None, engine, read_only=False, backup=None, url=url)
                    if new and populate is not None:
                        populate(workspace)
                    return workspace
        except BaseException:
            engine.dispose()
            raise
        return cls(None, engine, read_only=True, backup=None, url=url)

    @contextmanager
    def transaction(self, *, wait: bool = True) -> Iterator[Session]:
        """A writing transaction. ``wait=False``: raises WorkspaceBusy at once, having done
        nothing, when another connection is writing (instead of waiting its turn)."""
        self.check_writable()
        with translated(self.where), self._sessions.begin() as session:
            if not wait:
                session.connection(execution_options={NO_WAIT: True})
            yield session

    def check_writable(self) -> None:
        """Raises WorkspaceReadOnly when the workspace is open read-only."""
        if self.read_only:
            why = (f": {self.read_only_reason}" if self.read_only_reason else
                   "; close the other editor and open it again to make changes")
            raise WorkspaceReadOnly(f"{self.where} is open read-only, so nothing was "
                                    f"changed{why}")

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with translated(self.where), self._sessions() as session, session.begin():
            session.connection(execution_options={READ: True})
            yield session

    def edit_campaign(self, campaign_id: str | None) -> str:
        """On a server workspace, takes ``campaign_id`` for this editor (letting go of the one
        it had): "" when it may be edited here, else who has it, as a sentence. A workspace
        file is locked whole (``editor_lock``): always ""."""
        lock = self.editor_lock
        if not isinstance(lock, ServerEditorLock) or not lock.held:
            return ""
        for other in set(lock.campaigns) - {campaign_id}:
            lock.release_campaign(other)
        if campaign_id is not None:
            try:
                lock.acquire_campaign(campaign_id)
            except WorkspaceInUse as exc:
                return exc.sentence()
        return ""

    def save_as(self, destination: Path) -> None:
        """Copies the whole workspace with SQLite's backup API."""
        if self.path is None:
            raise WorkspaceError(f"{self.where} is on a database server: copy it to a file with "
                                 "copy-workspace, or back it up with the server's own tools")
        if destination.resolve() == self.path.resolve():
            raise WorkspaceError("choose a different file to save a copy to")
        try:
            with translated(destination):
                migrate.backup_copy(self.path, destination)
        except OSError as exc:
            raise file_error(exc, destination, "write") from None

    def close(self) -> None:
        self.editor_lock.release()
        self.engine.dispose()
        if not self._closed:
            self._closed = True
            if self.path is not None:
                note_closed(self.path)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _given(url: URL | None) -> URL:
    assert url is not None, "a workspace has a file or a URL"
    return url


def _has_log(path: Path) -> bool:
    """A write-ahead log with content is next to ``path`` (it must be read, not ignored)."""
    log = path.with_name(path.name + "-wal")
    try:
        return log.stat().st_size > 0
    except OSError:
        return False


def _create(path: Path, target: str, populate: Populate | None, *, replace: bool) -> None:
    """Builds a complete workspace next to ``path`` and moves it into place. Returns quietly
    when another process created ``path`` first (the caller then opens that one)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise file_error(exc, path.parent, "create the folder") from None
    remove_leftovers(path)
    temp = building_path(path)
    try:
        # O_EXCL: never reuse a name; 0o666 less the umask, like any new file of the user's.
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise file_error(exc, path, "create the workspace") from None
    try:
        with translated(path):
            engine = make_engine(temp, wal=False)  # a rollback journal: nothing left to replay
            try:
                migrate.upgrade(engine, temp, is_new=True, target=target)
                if populate is not None:
                    # Named after ``path``, so any message names the user's file.
                    populate(Workspace(path, engine, read_only=False, backup=None))
            finally:
                engine.dispose()
            conn = sqlite3.connect(temp)
            try:  # WAL is recorded in the header; closing the last connection removes the log
                conn.execute("PRAGMA journal_mode = WAL")
            finally:
                conn.close()
    except OSError as exc:
        discard(temp)
        raise file_error(exc, path, "create the workspace") from None
    except BaseException:
        discard(temp)
        raise
    install(temp, path, replace=replace)


def _finish(path: Path, target: str, populate: Populate | None) -> None:
    """Rebuilds a half-made workspace (no data in it) in place, once, even when several
    processes try at the same time: they queue on a lock of the old file."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - held while the file is replaced
    except OSError as exc:
        raise file_error(exc, path, "open") from None
    with handle:
        if sys.platform != "win32":
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        with contextlib.suppress(OSError):
            if os.fstat(handle.fileno()).st_ino != os.stat(path).st_ino:
                return  # another process finished it while we waited
        if inspect_path(path, migrate.table_names()).kind is not Kind.HALF_MADE:
            return
        _create(path, target, populate, replace=True)

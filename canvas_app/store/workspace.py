"""A workspace: one SQLite file holding campaigns, contacts and history.

Opening refuses anything that is not a workspace (leaving it untouched), creates a new one
when asked, and migrates an older one after a backup copy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from canvas_app.store import meta, migrate
from canvas_app.store.connection import make_engine
from canvas_app.store.errors import WorkspaceError
from canvas_app.store.lock import EditorLock

SQLITE_MAGIC = b"SQLite format 3\x00"


def check_is_workspace(path: Path) -> None:
    """Raises WorkspaceError unless ``path`` is an existing workspace file. Reads only."""
    if path.is_dir():
        raise WorkspaceError(f"{path} is a folder, not a workspace file")
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        raise WorkspaceError(f"there is no workspace at {path}") from None
    except OSError as exc:
        raise WorkspaceError(f"{path} cannot be read: {exc.strerror}") from None
    if header != SQLITE_MAGIC:
        kind = "an empty file" if not header else "not a database"
        raise WorkspaceError(f"{path} is not a Campaign Canvas workspace ({kind})")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            (app_id,) = conn.execute("PRAGMA application_id").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(f"{path} is not a Campaign Canvas workspace ({exc})") from None
    if app_id != migrate.APPLICATION_ID:
        raise WorkspaceError(
            f"{path} is a database of another program, not a Campaign Canvas workspace"
        )


class Workspace:
    """An open workspace. Every ``transaction()`` is committed on success, rolled back on error."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool, backup: Path | None):
        self.path = path
        self.engine = engine
        self.read_only = read_only
        #: The copy made before this open migrated the file, if it did.
        self.migration_backup = backup
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.editor_lock = EditorLock(path)

    @classmethod
    def open(cls, path: Path | str, *, create: bool = False, read_only: bool = False,
             target_revision: str = "head") -> Workspace:
        path = Path(path).expanduser()
        is_new = not path.exists()
        if is_new:
            if not create:
                raise WorkspaceError(f"there is no workspace at {path}")
            if read_only:
                raise WorkspaceError(f"there is no workspace at {path} to open read-only")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WorkspaceError(f"cannot create the folder {path.parent}: "
                                     f"{exc.strerror}") from None
        else:
            check_is_workspace(path)
        engine = make_engine(path, read_only=read_only)
        backup = None
        try:
            if read_only:
                if migrate.current_revision(engine) != migrate.head_revision():
                    raise WorkspaceError(f"{path} must be upgraded before it can be opened "
                                         "read-only; open it for editing once")
            else:
                backup = migrate.upgrade(engine, path, is_new=is_new, target=target_revision)
        except Exception:
            engine.dispose()
            raise
        return cls(path, engine, read_only=read_only, backup=backup)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        if self.read_only:
            raise WorkspaceError("this workspace is open read-only; changes cannot be saved")
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    def get_meta(self, key: str) -> str | None:
        with self.reading() as session:
            return meta.get(session, key)

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as session:
            meta.put(session, key, value)

    def save_as(self, destination: Path) -> None:
        """Copies the whole workspace with SQLite's backup API."""
        if destination.resolve() == self.path.resolve():
            raise WorkspaceError("choose a different file to save a copy to")
        migrate.backup_copy(self.path, destination)

    def close(self) -> None:
        self.editor_lock.release()
        self.engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

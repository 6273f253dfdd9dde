"""Bringing a workspace's schema to the current version with Alembic, after a backup."""

from __future__ import annotations

import sqlite3
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from canvas_app.store.connection import READ
from canvas_app.store.errors import WorkspaceError
from canvas_app.store.facts import APPLICATION_ID, SCHEMA_HEAD

if TYPE_CHECKING:  # Alembic loads only when a migration is due: it costs start-up time
    from alembic.config import Config
    from alembic.script import ScriptDirectory


_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@lru_cache(maxsize=1)
def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


@lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def alembic_head() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


def head_revision() -> str:
    return SCHEMA_HEAD


def known_revisions() -> set[str]:
    return {rev.revision for rev in _script().walk_revisions()}


def table_names() -> frozenset[str]:
    """Every table a workspace of any known revision may hold."""
    from canvas_app.store import orm_runtime  # noqa: F401  (registers the runtime tables)
    from canvas_app.store.orm import Base

    return frozenset(Base.metadata.tables) | {"alembic_version"}


def current_revision(engine: Engine) -> str | None:
    with engine.connect().execution_options(**{READ: True}) as conn:
        return _revision(conn)


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if value is None else str(value)


def backup_copy(source: Path, destination: Path) -> None:
    """A consistent copy through SQLite's online backup API (also used by Save As)."""
    with sqlite3.connect(source) as src, sqlite3.connect(destination) as dst:
        src.backup(dst)
    dst.close()
    src.close()


def upgrade(engine: Engine, path: Path | None, *, is_new: bool, target: str = "head",
            where: str = "") -> Path | None:
    """Migrates to ``target``; returns the backup made first, if any. ``path`` is the file
    (None for a database on a server, named ``where`` in messages: the server keeps its own
    backups, and its migrations are one transaction that other writers queue behind)."""
    current = current_revision(engine)
    wanted = head_revision() if target == "head" else target
    if current == wanted:
        return None
    shown = path if path is not None else where
    if current is not None and current not in known_revisions():
        raise WorkspaceError(
            f"{shown} was made by a newer version of Campaign Canvas (schema {current}); "
            "update Campaign Canvas to open it"
        )
    backup = None
    if not is_new and path is not None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup = path.with_name(f"{path.name}.before-{wanted}-{stamp}.bak")
        backup_copy(path, backup)
    from alembic import command

    with engine.begin() as conn:
        if conn.dialect.name != "sqlite" and _revision(conn) == wanted:
            return None  # another process migrated it while this one queued for the lock
        config = _config()
        config.attributes["connection"] = conn
        try:
            command.upgrade(config, target)
        finally:
            config.attributes.pop("connection", None)
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    return backup

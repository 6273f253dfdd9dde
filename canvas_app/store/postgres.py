"""A workspace on a PostgreSQL server: its URL, its engine, and its errors in one sentence.

``--workspace`` takes ``postgresql+psycopg://user@host:port/db``. The password is never shown:
``shown()`` renders the URL without it (libpq reads it from ``PGPASSWORD`` or ``~/.pgpass``
when the URL has none). Writing transactions queue on one transaction-scoped advisory lock,
which is PostgreSQL's ``BEGIN IMMEDIATE``: writers of a workspace take turns exactly as they do
on a file (ids, the clock and due work are read and moved on under it), while readers never
wait (MVCC).
"""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, inspect
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from canvas_app.store.errors import (
    LoginRefused,
    WorkspaceBusy,
    WorkspaceError,
    WorkspaceReadOnly,
)

#: The advisory lock every writing transaction takes (``"CCnv"``, the file's application id).
WRITER_LOCK = 0x43436E76
#: How long a writer waits for another (SQLite's busy timeout on a file).
LOCK_TIMEOUT_MS = 10_000
CONNECT_TIMEOUT_S = 10
_SCHEMES = ("postgresql", "postgres")


def is_url(text: str) -> bool:
    """``text`` names a database server rather than a file."""
    scheme, sep, _rest = text.partition("://")
    return bool(sep) and scheme.split("+", 1)[0].lower() in _SCHEMES


def parse(text: str) -> URL:
    """The URL, with the psycopg 3 driver; WorkspaceError (naming it without its password)
    when it is not a usable PostgreSQL URL."""
    try:
        url = make_url(text)
    except (sa_exc.ArgumentError, ValueError):
        raise WorkspaceError("the workspace URL is not valid; write it as "
                             "postgresql+psycopg://user@host:port/database") from None
    driver = url.get_driver_name()
    named = "+" in url.drivername  # postgresql://... alone means psycopg here
    if url.get_backend_name() not in _SCHEMES or (named and driver != "psycopg"):
        raise WorkspaceError(f"{shown(url)} uses the driver '{driver}'; write the URL as "
                             "postgresql+psycopg://user@host:port/database")
    if not url.database:
        raise WorkspaceError(f"{shown(url)} names no database; add it after the last '/', "
                             "e.g. postgresql+psycopg://user@host:5432/campaigns")
    return url.set(drivername="postgresql+psycopg")


def shown(url: URL) -> str:
    """The URL as messages, titles and recent lists show it: never with its password."""
    return url._replace(password=None).render_as_string(hide_password=False)


def with_password(text: str, password: str) -> str:
    """The URL ``text`` with ``password`` in it, to connect with (never to show)."""
    return parse(text).set(password=password).render_as_string(hide_password=False)


def title(url: URL) -> str:
    """A short name: ``database on host``."""
    return f"{url.database} on {url.host or 'localhost'}"


def make_engine(url: URL, *, read_only: bool = False) -> Engine:
    """An engine whose writing transactions take the workspace's writer lock first."""
    options = f"-c lock_timeout={LOCK_TIMEOUT_MS}"
    if read_only:
        options += " -c default_transaction_read_only=on"
    engine = create_engine(
        url, pool_pre_ping=True,
        connect_args={"options": options, "connect_timeout": CONNECT_TIMEOUT_S,
                      "application_name": "Campaign Canvas"})

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        from canvas_app.store.connection import NO_WAIT, READ

        options = connection.get_execution_options()
        if read_only or options.get(READ, False):
            return
        if not options.get(NO_WAIT, False):
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")
        elif not connection.exec_driver_sql(
                f"SELECT pg_try_advisory_xact_lock({WRITER_LOCK})").scalar():
            raise WorkspaceBusy("another program is writing to the workspace")

    return engine


class Content(enum.Enum):
    EMPTY = "empty"
    WORKSPACE = "workspace"
    FOREIGN = "foreign"


def content(engine: Engine, table_names: frozenset[str]) -> Content:
    """What the database holds: nothing yet, a workspace, or another program's tables."""
    from canvas_app.store.connection import READ

    with engine.connect().execution_options(**{READ: True}) as conn:
        tables = set(inspect(conn).get_table_names())
    if not tables:
        return Content.EMPTY
    if {"alembic_version", "workspace_meta"} <= tables and tables <= table_names:
        return Content.WORKSPACE
    return Content.FOREIGN


def _sqlstate(orig: BaseException | None) -> str:
    return str(getattr(orig, "sqlstate", "") or "")


def server_error(exc: BaseException, where: str) -> WorkspaceError:
    """One sentence for a PostgreSQL error (raw, or wrapped by SQLAlchemy) on ``where`` (the
    URL as shown, without its password)."""
    orig = exc.orig if isinstance(exc, sa_exc.DBAPIError) else exc
    state = _sqlstate(orig)
    text = str(orig).strip()
    low = text.lower()
    if state in ("28P01", "28000") or "password" in low or "authentication failed" in low:
        return LoginRefused(
            f"the server refused the login for {where}: check the user name and the password "
            "(set PGPASSWORD or add it to ~/.pgpass; it is never taken from the URL you see)")
    if state == "3D000" or ("database" in low and "does not exist" in low):
        return WorkspaceError(f"the database in {where} does not exist on that server; "
                              "create it first (createdb NAME) or check its name")
    if state in ("55P03", "40P01", "40001", "57014"):
        return WorkspaceBusy(f"{where} is locked by another program that is writing to it; "
                             "try again when it has finished")
    if state == "25006":
        return WorkspaceReadOnly(f"{where} is open read-only, so nothing was changed")
    if state == "42501":
        return WorkspaceReadOnly(f"the user in {where} may not change this database, so "
                                 "nothing was changed; ask its owner for the rights")
    if state.startswith("08") or not state and isinstance(exc, sa_exc.OperationalError) or (
            "connection" in low and ("refused" in low or "failed" in low or "timeout" in low)):
        return WorkspaceError(f"cannot reach the database server of {where}: check that it "
                              "is running, and the host name and port")
    first = text.splitlines()[0] if text else type(orig).__name__
    return WorkspaceError(f"{where} could not be used ({first}); nothing was changed")

"""``copy-workspace SOURCE DEST``: a whole workspace between a file and a PostgreSQL server,
either way, verified by counting the rows of every table on both sides.

The source is only read (one consistent snapshot); the destination must hold no workspace data
yet (a missing file, an empty database, or a workspace just set up): it is set up by the same
migrations, then filled in one transaction, so a failed copy leaves it as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Integer, Table, func, insert, select, text

from canvas_app.engine.errors import Refused
from canvas_app.store import orm_runtime  # noqa: F401  (registers the runtime tables)
from canvas_app.store.errors import OlderWorkspace
from canvas_app.store.migrate import backup_copy
from canvas_app.store.orm import Base
from canvas_app.store.workspace import Workspace

#: Rows per INSERT executemany while copying.
BATCH = 5000


@dataclass(frozen=True)
class Copied:
    source: str
    destination: str
    #: Rows per table, counted in the destination after the copy (equal to the source's).
    counts: dict[str, int]


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)  # parents before children (foreign keys)


def _counts(conn: Connection) -> dict[str, int]:
    return {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in _tables()}


def _copy_table(source: Connection, destination: Connection, table: Table) -> None:
    result = source.execution_options(yield_per=BATCH).execute(select(table))
    for rows in result.partitions():
        destination.execute(insert(table), [dict(row._mapping) for row in rows])


def _move_sequences(destination: Connection) -> None:
    """On PostgreSQL, the id sequences continue after the copied ids (rows made later by the
    database itself, such as new contacts, must not collide)."""
    if destination.dialect.name != "postgresql":
        return
    for table in _tables():
        if "id" in table.c and table.c.id.primary_key and len(table.primary_key.columns) == 1 \
                and isinstance(table.c.id.type, Integer):
            destination.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT max(id) FROM \"{table.name}\"), 0) + 1, false)"))


def copy_workspace(source: Path | str, destination: Path | str) -> Copied:
    """Copies everything in ``source`` into ``destination`` (a file path or a database URL).
    A destination file this made is removed again when the copy fails."""
    new_file = isinstance(destination, Path) and not os.path.lexists(destination)
    try:
        return _copy(source, destination)
    except BaseException:
        if new_file:
            assert isinstance(destination, Path)
            for leftover in (destination, *(destination.with_name(destination.name + s)
                                            for s in ("-wal", "-shm", "-journal"))):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        raise


@contextlib.contextmanager
def _readable(source: Path | str) -> Iterator[Workspace]:
    """The source, read-only. A file an older version made is read through an upgraded copy
    in a temporary folder: the source itself stays as it is, for that version to open."""
    try:
        current: Workspace | None = Workspace.open(source, read_only=True)
    except OlderWorkspace:
        if not isinstance(source, Path):
            raise  # a server's database: upgraded by opening it for editing once
        current = None
    if current is not None:
        with current:
            yield current
        return
    assert isinstance(source, Path)  # (an older server database was refused above)
    with tempfile.TemporaryDirectory(prefix="canvas-copy-") as folder:
        upgraded = Path(folder) / source.name
        try:
            backup_copy(source, upgraded)
        except (OSError, sqlite3.Error) as exc:
            raise Refused(f"{source} was made by an older version and could not be read to "
                          f"upgrade a copy of it: {exc}") from None
        with Workspace.open(upgraded) as workspace:
            yield workspace


def _copy(source: Path | str, destination: Path | str) -> Copied:
    if str(source) == str(destination):
        raise Refused("the source and the destination are the same workspace; name another "
                      "destination")
    with _readable(source) as src, Workspace.open(destination, create=True) as dst:
        if src.path is not None and dst.path is not None \
                    and src.path.resolve() == dst.path.resolve():
            raise Refused("the source and the destination are the same workspace; name "
                          "another destination")
        with src.reading() as reading, dst.transaction() as writing:
            read, write = reading.connection(), writing.connection()
            already = {name: n for name, n in _counts(write).items()
                       if n and name != "workspace_meta"}
            if already:
                shown = ", ".join(f"{n} {name}" for name, n in sorted(already.items()))
                raise Refused(f"{dst.location} already holds a workspace with data "
                              f"({shown}); copy into a new file or an empty database, so "
                              "nothing is mixed or overwritten")
            write.execute(Base.metadata.tables["workspace_meta"].delete())
            for table in _tables():
                _copy_table(read, write, table)
            _move_sequences(write)
            expected, found = _counts(read), _counts(write)
            if expected != found:  # rolled back with the transaction
                wrong = [f"{t}: {expected[t]} read, {found[t]} written"
                         for t in expected if expected[t] != found.get(t)]
                raise Refused(f"the copy did not match its source ({'; '.join(wrong)}); "
                              "nothing was kept")
        return Copied(src.location, dst.location, found)

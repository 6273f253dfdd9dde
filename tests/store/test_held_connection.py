"""The click writer's own connection (store/held_connection): each of its transactions is a
real one, committed on success and rolled back on error; one that must not wait is refused
at once while another connection writes and the next one goes ahead; whatever the session is
used for (the driver's connection, Core, the ORM) belongs to the transaction; and it tells
whether anything else has committed since its previous transaction."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from canvas_app.store import meta
from canvas_app.store.driver import driver
from canvas_app.store.errors import WorkspaceBusy, WorkspaceError
from canvas_app.store.held_connection import HeldConnection
from canvas_app.store.orm import MetaRow
from canvas_app.store.workspace import Workspace


@contextmanager
def _held(location: Path | str) -> Iterator[tuple[Workspace, HeldConnection]]:
    """A workspace and the writer's connection to it, closed after."""
    with Workspace.open(location, create=True) as ws:
        held = HeldConnection(ws)
        try:
            yield ws, held
        finally:
            held.close()


def _value(ws: Workspace, key: str) -> str | None:
    with ws.reading() as session:
        return meta.get(session, key)


def test_each_transaction_is_committed_or_rolled_back_whole(
        workspace_location: Path | str) -> None:
    with _held(workspace_location) as (ws, held):
        with held.transaction() as session:
            meta.put(session, "first", "1")
        assert _value(ws, "first") == "1"  # committed: another connection sees it
        with pytest.raises(ZeroDivisionError), held.transaction() as session:
            meta.put(session, "second", "lost")
            meta.put(session, "first", "changed")
            _ = 1 / 0
        assert _value(ws, "second") is None and _value(ws, "first") == "1"
        with held.transaction() as session:  # usable again after the error
            meta.put(session, "second", "2")
        assert _value(ws, "second") == "2"


def test_the_orm_and_core_in_its_session_belong_to_its_transaction(
        workspace_location: Path | str) -> None:
    with _held(workspace_location) as (ws, held):
        with held.transaction() as session:
            session.add(MetaRow(key="orm", value="added"))
            meta.put(session, "raw", "put")
            assert session.scalar(select(MetaRow.value).where(MetaRow.key == "raw")) == "put"
        assert (_value(ws, "orm"), _value(ws, "raw")) == ("added", "put")
        with pytest.raises(KeyError), held.transaction() as session:
            session.add(MetaRow(key="orm2", value="never"))
            session.flush()
            raise KeyError("stop")
        assert _value(ws, "orm2") is None
        with held.transaction() as session:  # nothing of the failed one is pending
            meta.put(session, "after", "yes")
        assert _value(ws, "orm2") is None and _value(ws, "after") == "yes"


def test_a_transaction_that_must_not_wait_is_refused_while_another_writes(
        workspace_location: Path | str) -> None:
    with _held(workspace_location) as (ws, held):
        with ws.transaction() as holder:
            meta.put(holder, "probe", "held")
            with pytest.raises(WorkspaceBusy), held.transaction(wait=False) as refused:
                meta.put(refused, "probe", "not stored")
        assert _value(ws, "probe") == "held"
        with held.transaction(wait=False) as free:
            meta.put(free, "probe", "free")
        assert _value(ws, "probe") == "free"
        with held.transaction() as waiting:  # and the waiting kind still works
            meta.put(waiting, "probe", "waited")
        assert _value(ws, "probe") == "waited"


@pytest.mark.files_only("SQLite's data_version; a server workspace is always read again")
def test_it_tells_whether_anything_else_committed_since_its_last_transaction(
        workspace_location: Path) -> None:
    with _held(workspace_location) as (ws, held):
        seen: list[bool] = []
        for other_writes in (False, False, True, False):
            if other_writes:
                with ws.transaction() as other:
                    meta.put(other, "other", "wrote")
            with held.transaction() as session:
                seen.append(held.unchanged)
                meta.put(session, "mine", str(len(seen)))
        with pytest.raises(ValueError), held.transaction():
            raise ValueError("failed")
        with held.transaction():  # after a failed one nothing is taken for granted
            seen.append(held.unchanged)
    assert seen == [False, True, False, True, False]


def test_a_workspace_opened_read_only_or_a_closed_connection_refuses(
        workspace_location: Path | str) -> None:
    Workspace.open(workspace_location, create=True).close()
    with Workspace.open(workspace_location, read_only=True) as ws:
        held = HeldConnection(ws)
        with pytest.raises(WorkspaceError, match="read-only"), held.transaction():
            pass
        held.close()
    with Workspace.open(workspace_location) as ws:
        held = HeldConnection(ws)
        held.close()
        with pytest.raises(WorkspaceError, match="closed"), held.transaction():
            pass


@pytest.mark.files_only("the driver's connection of a file workspace")
def test_every_transaction_runs_on_the_one_connection(workspace_location: Path) -> None:
    with _held(workspace_location) as (ws, held):
        raws = []
        for _ in range(3):
            with held.transaction() as session:
                raws.append(driver(session)[1])
                meta.put(session, "n", str(len(raws)))
    assert raws[0] is raws[1] is raws[2]


@pytest.mark.files_only("SQLite's write-ahead log")
def test_its_log_is_checkpointed_by_a_thread_and_the_pool_gets_the_connection_back_as_it_was(
        workspace_location: Path) -> None:
    """The writer's commits never checkpoint (that would hold up a click's answer): a thread
    does, once the writer has written about as much as SQLite's own threshold; the connection
    goes back to the pool checkpointing as every other."""
    from canvas_app.store import wal_checkpoints

    with Workspace.open(workspace_location, create=True) as ws:
        held = HeldConnection(ws)
        try:
            for n in range(wal_checkpoints.CHANGES + 1):
                with held.transaction() as session:
                    raw = driver(session)[1]
                    setting = raw.execute("PRAGMA wal_autocheckpoint").fetchone()
                    meta.put(session, "n", str(n))
            assert setting == (0,)
            for _ in range(500):  # bounded: until the thread has run
                if held._checkpoints.runs:
                    break
                time.sleep(0.02)
            assert held._checkpoints.runs >= 1
        finally:
            held.close()
        assert raw.execute("PRAGMA wal_autocheckpoint").fetchone() == (1000,)  # in the pool

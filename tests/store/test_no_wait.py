"""A writing transaction that must not wait (the tracking server's event loop) is refused at
once while another connection writes, changes nothing, and leaves the workspace usable; the
busy timeout of every other transaction is untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from canvas_app.store import meta
from canvas_app.store.errors import WorkspaceBusy
from canvas_app.store.workspace import Workspace


def test_a_transaction_that_must_not_wait_is_refused_while_another_writes(
        workspace_location: Path | str) -> None:
    with Workspace.open(workspace_location, create=True) as ws:
        with ws.transaction() as holder:
            meta.put(holder, "probe", "held")
            with pytest.raises(WorkspaceBusy), ws.transaction(wait=False) as refused:
                meta.put(refused, "probe", "not stored")
        with ws.reading() as session:
            assert meta.get(session, "probe") == "held"
        with ws.transaction(wait=False) as free:  # nobody else writing: it goes ahead
            meta.put(free, "probe", "free")
        with ws.reading() as session:
            assert meta.get(session, "probe") == "free"


@pytest.mark.files_only("SQLite's busy timeout is a setting of each connection")
def test_the_connection_keeps_its_busy_timeout_after_a_no_wait_transaction(
        workspace_location: Path) -> None:
    with Workspace.open(workspace_location, create=True) as ws:
        with ws.transaction(wait=False) as session:
            meta.put(session, "probe", "1")
        with ws.transaction() as session:
            timeout = session.connection().exec_driver_sql("PRAGMA busy_timeout").scalar()
    assert timeout and timeout > 1000

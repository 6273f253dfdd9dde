"""Checkpoints of a workspace's write-ahead log on a thread of their own, for the click writer.

SQLite copies the log back into the database file (a checkpoint, with an fsync) in whichever
connection's commit makes the log pass 1,000 pages. For the tracking server that is one click
in every hundred or so, and its redirect, and every request the event loop serves meanwhile,
waits for it: milliseconds, most of the server's slowest answers. The click writer's own
connection therefore does not checkpoint (``PRAGMA wal_autocheckpoint = 0`` while it holds it);
after about as much writing as SQLite's own threshold, this thread runs the same passive
checkpoint (which never waits for, nor blocks, a reader or the writer) on another connection.
Every other connection (the editor's, the commands') checkpoints as before.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import Engine

#: The writer's connection asks for a checkpoint after this many changed rows (a click
#: changes three: its row, its event, the id counter; about 8 pages of log).
CHANGES = 300
#: SQLite's default, restored before the connection goes back to the pool.
AUTO_PAGES = 1000


class BackgroundCheckpoints:
    """Passive checkpoints of ``engine``'s database, asked for by ``wrote``; ``stop`` ends the
    thread."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._wake = threading.Condition()
        self._asked = False
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._changes_seen: int | None = None
        #: Checkpoints run, for the tests.
        self.runs = 0

    def wrote(self, raw: Any) -> None:
        """After a commit on the writer's connection ``raw`` (sqlite3): a checkpoint is asked
        for once enough has been written since the last."""
        total = raw.total_changes
        if self._changes_seen is None or total < self._changes_seen:
            self._changes_seen = total
        if total - self._changes_seen < CHANGES:
            return
        self._changes_seen = total
        with self._wake:
            if self._stopping:
                return
            self._asked = True
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="log checkpoints",
                                                daemon=True)
                self._thread.start()
            self._wake.notify()

    def stop(self) -> None:
        with self._wake:
            self._stopping = True
            self._wake.notify()
            thread = self._thread
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._asked and not self._stopping:
                    self._wake.wait()
                if self._stopping:
                    return
                self._asked = False
            self._checkpoint()

    def _checkpoint(self) -> None:
        try:
            connection = self._engine.raw_connection()
        except Exception:  # the workspace went away: the writer will say so
            return
        try:
            # outside any transaction (the driver is in autocommit mode): PASSIVE copies what
            # no reader still needs and waits for nobody
            connection.driver_connection.execute(  # type: ignore[union-attr]
                "PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            self.runs += 1
        except Exception:  # busy or failing: the next one (or any other connection) will do it
            pass
        finally:
            connection.close()

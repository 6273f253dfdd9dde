"""Group commit for the tracking server: the clicks that arrive together are recorded in one
transaction, committed, and only then are their requests answered. A redirect therefore still
means the click is stored.

The server's event loop gathers the clicks its requests hand in while it reads the sockets
that are ready, then records them all at once, in the loop itself: nothing waits for another
thread. That write never waits either: if another program is writing to the workspace at that
moment, the batch goes to a writer thread instead, which waits its turn (SQLite's busy timeout)
while the loop goes on serving pages; the batches that follow go to the thread too until it has
caught up, so clicks are always stored in the order they came.

Every batch is written on one connection the writer keeps (store/held_connection) and, while
nothing else commits to the workspace, with what its earlier batches read and wrote remembered
(engine/click_memory), so a lone click costs little more than its own statements and commit.

If the workspace stays locked (longer than the busy timeout) or cannot be written at all, every
click of that batch gets ``WorkspaceUnavailable`` and nothing of the batch is stored, so the
server can answer 503 and the browser may try again.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.exc import OperationalError

from canvas_app.engine.clicks import ClickCache, ClickOutcome, ClickRequest, record_clicks
from canvas_app.store.errors import WorkspaceBusy, WorkspaceError
from canvas_app.store.held_connection import HeldConnection
from canvas_app.store.workspace import Workspace
from canvas_app.store.workspace_file import FileWatch

#: At most this many clicks go into one transaction.
MAX_BATCH = 500
#: While many clients click, the writer thread waits at most this long for the rest of a batch.
GATHER_SECONDS = 0.002
#: and the event loop this long (a lone click is written at once).
LOOP_GATHER_SECONDS = 0.001
#: A request gives up waiting for its batch after this long (the writer normally answers
#: within SQLite's busy timeout).
MAX_WAIT_SECONDS = 60.0


class WorkspaceUnavailable(Exception):
    """The click could not be stored now (locked, read-only, stopping); nothing was stored."""


@dataclass(eq=False)
class _Pending:
    request: ClickRequest
    settled: asyncio.Future[None]
    outcome: ClickOutcome | None = None
    error: str | None = None


@dataclass
class _Thread:
    """The writer thread's side: its queue, and whether it is writing a batch now."""
    queue: list[_Pending] = field(default_factory=list)
    writing: int = 0  # clicks in the batch it is writing now
    wake: threading.Condition = field(default_factory=threading.Condition)


class ClickWriter:
    """Records the clicks of one server; ``submit_async`` returns once the click is committed."""

    def __init__(self, workspace: Workspace,
                 report: Callable[[str], None] = lambda _: None) -> None:
        self.workspace = workspace
        self._report = report
        self._connection = HeldConnection(workspace)  # closed by stop
        self._cache = ClickCache(connection=self._connection)
        self._file = FileWatch(workspace.path)  # the workspace file served
        self._gathered: list[_Pending] = []  # handed in on the loop, not written yet
        self._company = 1  # how many clicks the last batch had: as many are likely coming
        self._timer: asyncio.Handle | None = None  # the write of the gathered ones
        self._side = _Thread()
        self._stopping = False
        #: Transactions committed and clicks in them, for the log and the tests.
        self.batches = 0
        self.clicks = 0
        #: Of those, the batches the writer thread wrote (the workspace was busy).
        self.waited_batches = 0
        self._thread = threading.Thread(target=self._run, name="click writer", daemon=True)
        self._thread.start()

    async def submit_async(self, request: ClickRequest) -> ClickOutcome:
        """Hands the click in and waits (without blocking the event loop) for its batch's
        commit."""
        if self._stopping:
            raise WorkspaceUnavailable("the server is stopping")
        loop = asyncio.get_running_loop()
        pending = _Pending(request, loop.create_future())
        self._gathered.append(pending)
        if len(self._gathered) == 1:  # the first of a batch: write once the others are in
            self._timer = (loop.call_soon(self._flush) if self._company < 2 else
                           loop.call_later(LOOP_GATHER_SECONDS, self._flush))
        elif len(self._gathered) == self._company and self._timer is not None:
            self._timer.cancel()  # as many as last time: no need to wait for more
            self._timer = loop.call_soon(self._flush)
        await pending.settled
        if pending.error is not None:
            raise WorkspaceUnavailable(pending.error)
        assert pending.outcome is not None
        return pending.outcome

    @property
    def waiting(self) -> int:
        """Clicks waiting for the workspace on the writer thread (queued or being written)."""
        with self._side.wake:
            return self._side.writing + len(self._side.queue)

    def stop_taking(self) -> None:
        """Before the server stops: new clicks and those queued for the writer thread are
        refused (nothing of them stored), and this returns once the batch the thread is
        writing has its outcome (within the busy timeout), so every click handed in is
        answered by the server, not cut off."""
        with self._side.wake:
            self._stopping = True
            refused, self._side.queue = self._side.queue, []
            for pending in refused:
                pending.error = "the server is stopping"
            _settle_soon(refused)
            self._side.wake.notify_all()  # the thread may be gathering: nothing more comes
            while self._side.writing:
                self._side.wake.wait()

    def stop(self) -> None:
        """Writes what the thread has queued, then ends the thread."""
        with self._side.wake:
            self._stopping = True
            self._side.wake.notify()
        self._thread.join()
        self._connection.close()

    # -- on the event loop

    def _flush(self) -> None:
        batch, self._gathered = self._gathered[:MAX_BATCH], self._gathered[MAX_BATCH:]
        self._timer = asyncio.get_running_loop().call_soon(self._flush) if self._gathered \
            else None
        self._company = len(batch)
        with self._side.wake:
            behind = bool(self._side.writing or self._side.queue)
        if behind or not self._write(batch, wait=False):
            self._hand_over(batch)
            return
        _settle_all(batch)

    def _hand_over(self, batch: list[_Pending]) -> None:
        with self._side.wake:
            if self._stopping:  # nobody would be there to answer them
                for pending in batch:
                    pending.error = "the server is stopping"
                _settle_all(batch)
                return
            self._side.queue.extend(batch)
            self._side.wake.notify()
        asyncio.get_running_loop().call_later(MAX_WAIT_SECONDS, self._give_up, batch)

    def _give_up(self, batch: list[_Pending]) -> None:
        """The clicks of ``batch`` the thread has not begun to write after the longest wait
        are taken back and refused (nothing of them is stored); those being written are
        waited for."""
        with self._side.wake:
            late = [p for p in batch if p in self._side.queue]
            self._side.queue = [p for p in self._side.queue if p not in late]
        for pending in late:
            pending.error = "the workspace stayed busy"
        _settle_all(late)

    # -- on the writer thread

    def _run(self) -> None:
        company = 1  # how many clicks the last batch had: as many are likely on their way
        side = self._side
        while True:
            with side.wake:
                while not side.queue and not self._stopping:
                    side.wake.wait()
                if not side.queue:
                    return
                self._gather(company)
                batch, side.queue = side.queue[:MAX_BATCH], side.queue[MAX_BATCH:]
                if not batch:  # stop_taking took them while it gathered: nothing to write
                    continue
                side.writing = len(batch)
            company = len(batch)
            try:
                self._write(batch, wait=True)
                self.waited_batches += 1
                _settle_soon(batch)
            finally:
                with side.wake:
                    side.writing = 0
                    side.wake.notify_all()  # stop_taking may be waiting for this batch

    def _gather(self, expected: int) -> None:
        """With a room clicking (the last batch had company), waits a moment for the clicks
        still on their way, so one commit serves them all; a lone click never waits."""
        if expected < 2:
            return
        deadline = time.monotonic() + GATHER_SECONDS
        while len(self._side.queue) < expected and not self._stopping:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self._side.wake.wait(left)

    # -- either

    def _write(self, batch: list[_Pending], *, wait: bool) -> bool:
        """Records the batch and gives each click its outcome or error; False (nothing stored,
        nothing given) when not ``wait``-ing and another program is writing."""
        try:
            try:
                self._check_file()
                outcomes = record_clicks(self.workspace, [p.request for p in batch],
                                         self._cache, wait=wait)
            except WorkspaceBusy:
                if not wait:
                    return False
                raise
        except (OperationalError, WorkspaceError) as exc:  # locked, read-only, disk full:
            reason = _reason(exc)  # none of it stored
            for pending in batch:
                pending.error = reason
            return True
        except Exception as exc:
            if len(batch) > 1:  # one bad click must not cost the others theirs
                if not wait:
                    return False  # the thread writes them one by one
                for pending in batch:
                    self._write([pending], wait=True)
                return True
            batch[0].error = f"recording the click failed ({type(exc).__name__}: {exc})"
            self._report(batch[0].error)
            return True
        self.batches += 1
        self.clicks += len(batch)
        for pending, outcome in zip(batch, outcomes, strict=True):
            pending.outcome = outcome
        return True

    def _check_file(self) -> None:
        """SQLite goes on writing to a workspace file deleted or moved away while it is open,
        so the clicks would be lost with it: refused instead."""
        if self._file.gone():
            raise WorkspaceError(f"the workspace {self._file.path} was moved or deleted while "
                                 "the server was running; put it back, or start the server "
                                 "again")


def _by_loop(batch: list[_Pending]) -> dict[asyncio.AbstractEventLoop, list[_Pending]]:
    found: dict[asyncio.AbstractEventLoop, list[_Pending]] = {}
    for pending in batch:
        found.setdefault(pending.settled.get_loop(), []).append(pending)
    return found


def _settle_soon(batch: list[_Pending]) -> None:
    """Settles the clicks of ``batch`` on their event loops (from another thread)."""
    for loop, futures in _by_loop(batch).items():
        with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits
            loop.call_soon_threadsafe(_settle_all, futures)


def _settle_all(batch: list[_Pending]) -> None:
    for pending in batch:
        if not pending.settled.done():
            pending.settled.set_result(None)


def _reason(exc: OperationalError | WorkspaceError) -> str:
    if isinstance(exc, WorkspaceBusy):
        return "the workspace is locked by another program"
    if isinstance(exc, WorkspaceError):  # the store's own sentence
        return str(exc)
    text = str(exc.orig).lower()
    if "locked" in text or "busy" in text:
        return "the workspace is locked by another program"
    if "readonly" in text or "read-only" in text:
        return "the workspace is read-only"
    if "full" in text:
        return "the disk is full"
    return f"the workspace cannot be written ({exc.orig})"

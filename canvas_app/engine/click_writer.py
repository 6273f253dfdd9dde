"""Group commit for the tracking server: request threads hand their click to one writer thread,
which records whatever has queued up in one transaction, commits, and only then releases the
waiting requests. A redirect therefore still means the click is stored, and however many
clients click at once there is one writer, so no request waits on another for the lock.

If the workspace stays locked by another program (longer than SQLite's busy timeout) or cannot
be written at all, every click of that batch gets ``WorkspaceUnavailable`` and nothing of the
batch is stored, so the server can answer 503 and the browser may try again.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy.exc import OperationalError

from canvas_app.engine.clicks import ClickCache, ClickOutcome, ClickRequest, record_clicks
from canvas_app.store.errors import WorkspaceBusy, WorkspaceError
from canvas_app.store.workspace import Workspace

#: At most this many clicks go into one transaction.
MAX_BATCH = 500
#: While many clients click, the writer waits at most this long for the rest of a batch.
GATHER_SECONDS = 0.002
#: A request gives up waiting for its batch after this long (the writer normally answers
#: within SQLite's busy timeout).
MAX_WAIT_SECONDS = 60.0

Record = Callable[[Workspace, Sequence[ClickRequest]], list[ClickOutcome]]


class WorkspaceUnavailable(Exception):
    """The click could not be stored now (locked, read-only, stopping); nothing was stored."""


@dataclass
class _Pending:
    request: ClickRequest
    done: threading.Event = field(default_factory=threading.Event)
    outcome: ClickOutcome | None = None
    error: str | None = None
    notify: Callable[[], None] | None = None  # called (from the writer) once it is done


class ClickWriter:
    """The one thread that writes clicks. ``submit`` blocks until the click is committed."""

    def __init__(self, workspace: Workspace, report: Callable[[str], None] = lambda _: None,
                 record: Record | None = None) -> None:
        self.workspace = workspace
        self._report = report
        self._record: Record = record or partial(record_clicks, cache=ClickCache())
        self._queue: list[_Pending] = []
        self._wake = threading.Condition()
        self._stopping = False
        #: Transactions committed and clicks in them, for the log and the tests.
        self.batches = 0
        self.clicks = 0
        self._thread = threading.Thread(target=self._run, name="click writer", daemon=True)
        self._thread.start()

    def submit(self, request: ClickRequest) -> ClickOutcome:
        pending = _Pending(request)
        with self._wake:
            if self._stopping:
                raise WorkspaceUnavailable("the server is stopping")
            self._queue.append(pending)
            self._wake.notify()
        if not pending.done.wait(MAX_WAIT_SECONDS):
            # Still queued or being written: take it back if it has not been taken yet.
            with self._wake:
                if pending in self._queue:
                    self._queue.remove(pending)
                    raise WorkspaceUnavailable("the workspace stayed busy")
            pending.done.wait()
        if pending.error is not None:
            raise WorkspaceUnavailable(pending.error)
        assert pending.outcome is not None
        return pending.outcome

    async def submit_async(self, request: ClickRequest) -> ClickOutcome:
        """As ``submit``, for an asyncio handler: the event loop is not blocked while the
        click waits for its batch's commit (a future the writer settles, no extra task)."""
        loop = asyncio.get_running_loop()
        settled: asyncio.Future[None] = loop.create_future()

        def wake() -> None:
            with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits
                loop.call_soon_threadsafe(_settle, settled)

        pending = _Pending(request, notify=wake)
        with self._wake:
            if self._stopping:
                raise WorkspaceUnavailable("the server is stopping")
            self._queue.append(pending)
            self._wake.notify()
        try:
            async with asyncio.timeout(MAX_WAIT_SECONDS):
                await asyncio.shield(settled)
        except TimeoutError:
            with self._wake:
                if pending in self._queue:
                    self._queue.remove(pending)
                    raise WorkspaceUnavailable("the workspace stayed busy") from None
            await settled
        if pending.error is not None:
            raise WorkspaceUnavailable(pending.error)
        assert pending.outcome is not None
        return pending.outcome

    def stop(self) -> None:
        """Writes what is queued, then ends the thread."""
        with self._wake:
            self._stopping = True
            self._wake.notify()
        self._thread.join()

    def _run(self) -> None:
        company = 1  # how many clicks the last batch had: as many are likely on their way
        while True:
            with self._wake:
                while not self._queue and not self._stopping:
                    self._wake.wait()
                if not self._queue:
                    return
                self._gather(company)
                batch, self._queue = self._queue[:MAX_BATCH], self._queue[MAX_BATCH:]
            company = len(batch)
            self._write(batch)

    def _gather(self, expected: int) -> None:
        """With a room clicking (the last batch had company), waits a moment for the clicks
        still on their way, so one commit serves them all; a lone click never waits."""
        if expected < 2:
            return
        deadline = time.monotonic() + GATHER_SECONDS
        while len(self._queue) < expected and not self._stopping:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self._wake.wait(left)

    def _write(self, batch: list[_Pending]) -> None:
        try:
            try:
                outcomes = self._record(self.workspace, [p.request for p in batch])
            except (OperationalError, WorkspaceError) as exc:  # locked, read-only, disk full:
                reason = _reason(exc)  # none of it stored
                for pending in batch:
                    pending.error = reason
                return
            except Exception:
                if len(batch) == 1:
                    raise
                for pending in batch:  # one bad click must not cost the others theirs
                    self._write([pending])
                return
            self.batches += 1
            self.clicks += len(batch)
            for pending, outcome in zip(batch, outcomes, strict=True):
                pending.outcome = outcome
        except Exception as exc:
            message = f"recording the click failed ({type(exc).__name__}: {exc})"
            for pending in batch:
                pending.error = message
            self._report(message)
        finally:
            for pending in batch:
                pending.done.set()
                if pending.notify is not None:
                    pending.notify()


def _settle(settled: asyncio.Future[None]) -> None:
    if not settled.done():
        settled.set_result(None)


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

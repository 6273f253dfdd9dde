"""Moving the workspace clock and processing everything that falls due, in time order.

Work is done in batches, each one committed transaction that leaves the workspace consistent
(the clock never runs ahead of what was processed), so a cancelled advance can stop between
any two batches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select

from canvas_app.engine import clock
from canvas_app.engine.goals import evaluate_due, next_evaluation_due
from canvas_app.engine.sending import next_send_due, send_due
from canvas_app.store.orm_runtime import SendRow
from canvas_app.store.workspace import Workspace

#: Called after each batch with (fraction done 0..1); return False to stop.
Progress = Callable[[float], bool]


@dataclass
class AdvanceResult:
    started: float
    reached: float
    target: float
    sent: int = 0
    goals_achieved: int = 0
    cancelled: bool = False


def advance(workspace: Workspace, seconds: float, progress: Progress | None = None
            ) -> AdvanceResult:
    with workspace.transaction() as session:
        start = clock.now(session)
    return advance_to(workspace, start + max(0.0, seconds), progress)


def advance_to(workspace: Workspace, target: float, progress: Progress | None = None
               ) -> AdvanceResult:
    with workspace.transaction() as session:
        start = clock.now(session)
        sends_before = session.scalar(select(func.count(SendRow.id))) or 0
    result = AdvanceResult(start, start, max(start, target))
    while True:
        with workspace.transaction() as session:
            now = clock.now(session)
            evaluation = next_evaluation_due(session)
            horizon = result.target if evaluation is None else min(evaluation, result.target)
            last = send_due(session, horizon, floor=start)
            if last is not None:
                clock.set_now(session, min(max(now, last), result.target))
            elif evaluation is not None and evaluation <= result.target:
                result.goals_achieved += evaluate_due(session, evaluation, floor=start)
                clock.set_now(session, max(now, evaluation))
            else:
                clock.set_now(session, result.target)
                result.reached = result.target
                break
            result.reached = clock.now(session)
        span = result.target - start
        if progress is not None and not progress((result.reached - start) / span if span else 1):
            result.cancelled = True
            break
    with workspace.reading() as session:
        result.sent = (session.scalar(select(func.count(SendRow.id))) or 0) - sends_before
    return result


def next_event_time(workspace: Workspace) -> float | None:
    """When the next thing happens (a send or a settled click), in active campaigns."""
    with workspace.reading() as session:
        times = [t for t in (next_send_due(session), next_evaluation_due(session))
                 if t is not None]
        now = clock.peek(session)
    if not times:
        return None
    return max(min(times), now or min(times))


def step(workspace: Workspace) -> AdvanceResult | None:
    """Moves the clock to the next event and processes it (and all due at that moment)."""
    when = next_event_time(workspace)
    return None if when is None else advance_to(workspace, when)

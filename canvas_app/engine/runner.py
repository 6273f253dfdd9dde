"""Moving the workspace clock and processing everything that falls due, in time order.

Work is done in batches, each one committed ``BEGIN IMMEDIATE`` transaction that reads the
clock, processes what falls due and writes the clock's new time, so the workspace stays
consistent (the clock never runs ahead of what was processed) and a cancelled advance can stop
between any two batches.

``advance`` moves the clock *by* a duration: it counts only the time its own batches moved the
clock, and each batch computes its target from the clock it reads in its own transaction. Two
advances running at once (two processes) therefore move the clock by both durations; neither
can write a target computed from a clock the other has already moved. ``advance_to`` moves it
*to* a time (the real-time clock, the demo, stepping to the next event).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from canvas_app.engine import clock
from canvas_app.engine.goals import evaluate_due, next_evaluation_due
from canvas_app.engine.sending import next_send_due, send_due
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
    """Moves the clock forward by ``seconds`` (at most 100 years, never past the year 9999:
    refused before anything is written)."""
    clock.check_duration(seconds)
    return _run(workspace, seconds, None, progress)


def advance_to(workspace: Workspace, target: float, progress: Progress | None = None
               ) -> AdvanceResult:
    """Moves the clock to ``target`` (never back)."""
    clock.check_target(target)
    return _run(workspace, None, target, progress)


def _run(workspace: Workspace, seconds: float | None, target: float | None,
         progress: Progress | None) -> AdvanceResult:
    result: AdvanceResult | None = None
    moved = 0.0  # how far this call's own batches moved the clock
    evaluating: float | None = None  # the time whose settled clicks are being evaluated
    while True:
        with workspace.transaction() as session:
            now = clock.now(session)
            goal = max(now, target) if target is not None else now + (seconds or 0) - moved
            clock.check_target(goal)  # before this transaction writes anything
            if result is None:
                result = AdvanceResult(now, now, goal)
            reached, done, evaluating = _batch(session, now, goal, result, evaluating)
            moved += reached - now
            result.reached = reached
        if done:
            break
        if evaluating is not None:  # one moment's clicks are evaluated as if in one batch
            continue
        span = result.target - result.started if seconds is None else seconds
        done_part = result.reached - result.started if seconds is None else moved
        if progress is not None and not progress(done_part / span if span else 1):
            result.cancelled = True
            break
    return result


def _batch(session: Session, now: float, goal: float, result: AdvanceResult,
           evaluating: float | None) -> tuple[float, bool, float | None]:
    """One batch of what falls due by ``goal``; writes and returns the clock's new time,
    whether the clock reached ``goal`` with nothing left due, and the time whose settled
    clicks are only partly evaluated (``evaluating``: they go on before anything is sent, so
    the emails their goals start go out after all of them, as if in one batch)."""
    evaluation = next_evaluation_due(session)
    horizon = goal if evaluation is None else min(evaluation, goal)
    sent = None if evaluation is not None and evaluation == evaluating else \
        send_due(session, horizon, floor=now)
    more: float | None = None
    if sent is not None:
        result.sent += sent[0]
        reached = min(max(now, sent[1]), goal)
    elif evaluation is not None and evaluation <= goal:
        achieved, partly = evaluate_due(session, evaluation, floor=now)
        result.goals_achieved += achieved
        reached = max(now, evaluation)
        more = evaluation if partly else None
    else:
        clock.set_now(session, goal)
        return goal, True, None
    clock.set_now(session, reached)
    return reached, False, more


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

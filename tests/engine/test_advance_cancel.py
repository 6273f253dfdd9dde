"""A cancelled advance stops between committed batches and leaves a consistent workspace."""

from pathlib import Path

from sqlalchemy import func, select

from canvas_app.engine import clock
from canvas_app.engine.contacts import import_csv
from canvas_app.engine.enrolment import enroll
from canvas_app.engine.runner import advance
from canvas_app.engine.sending import BATCH
from canvas_app.store.orm_runtime import MembershipRow, SendRow
from tests.engine.conftest import Sim


def test_cancel_mid_advance_keeps_what_was_done_and_nothing_half_done(live: Sim,
                                                                      tmp_path: Path) -> None:
    people = [f"p{i}@example.com" for i in range(BATCH + 500)]
    (tmp_path / "c.csv").write_text("email\n" + "\n".join(people) + "\n", "utf-8")
    import_csv(live.ws, tmp_path / "c.csv")
    enroll(live.ws, "ebook", "welcome", people)
    calls: list[float] = []

    def stop_after_first_batch(fraction: float) -> bool:
        calls.append(fraction)
        return False

    result = advance(live.ws, 30 * 86400, stop_after_first_batch)
    assert result.cancelled and len(calls) == 1
    assert result.sent == BATCH  # one committed batch, not a row more or less
    with live.ws.reading() as session:
        now = clock.now(session)
        latest_send = session.scalar(select(func.max(SendRow.sent_at)))
        sent_members = session.scalar(select(func.count()).select_from(MembershipRow).where(
            MembershipRow.last_email_pos >= 0))
        sends = session.scalar(select(func.count()).select_from(SendRow))
    assert latest_send is not None and latest_send <= now < result.target
    assert sent_members == sends == BATCH  # each send moved exactly its contact on
    rest = advance(live.ws, 30 * 86400)
    assert rest.sent == 500  # the rest of welcome's only email; nobody clicked, so no 'thanks'
    assert live.counts()["welcome"]["finished"] == len(people)

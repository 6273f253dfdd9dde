"""The workspace's id source for runtime rows."""

from sqlalchemy import select

from canvas_app.engine.row_ids import id_source
from canvas_app.store.orm_runtime import MembershipRow, SendRow
from tests.engine.conftest import Sim
from tests.factories import write_meta


def test_one_source_per_transaction_and_a_counter_that_only_grows(live: Sim) -> None:
    live.enrol("welcome", "ann@example.com")
    live.advance(60)
    with live.ws.transaction() as session:
        source = id_source(session)
        assert id_source(session) is source  # every batch of a transaction shares it
        first = source.reserve(SendRow, 3)
        assert source.reserve(SendRow, 1) == first + 3
        used = set(session.scalars(select(SendRow.id)))
        assert first > max(used)
    with live.ws.transaction() as session:  # the next transaction goes on after the reserved
        assert id_source(session).take(SendRow) == first + 4


def test_a_damaged_counter_falls_back_to_the_ids_in_use(live: Sim) -> None:
    live.enrol("welcome", "ann@example.com", "bob@example.com")
    write_meta(live.ws, "next_id.memberships", "¹²")
    live.enrol("thanks", "ann@example.com")  # would collide or raise with a trusted counter
    with live.ws.reading() as session:
        ids = list(session.scalars(select(MembershipRow.id)))
    assert len(ids) == len(set(ids)) == 3

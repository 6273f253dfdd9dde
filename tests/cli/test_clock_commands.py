"""The clock from the command line: bounds checked before anything is written, ASCII digits
only, and a workspace whose clock an older version pushed too far can still be read
(issue 12, item 2)."""

from datetime import UTC, datetime
from pathlib import Path

from canvas_app.engine import clock
from canvas_app.engine.runner import advance_to
from canvas_app.store.workspace import Workspace
from tests.cli.helpers import ROOT, Cli
from tests.factories import write_meta

YOGA = str(ROOT / "resources/samples/yoga-trial.campaign.json")


def _clock(path: Path) -> float | None:
    with Workspace.open(path) as ws, ws.reading() as session:
        return clock.peek(session)


def _started(cli: Cli) -> Path:
    assert cli("import", YOGA).code == 0 and cli("advance", "1m").code == 0
    assert cli.workspace is not None
    return cli.workspace


def test_advancing_past_the_limits_is_refused_and_changes_nothing(cli: Cli) -> None:
    path = _started(cli)
    before = _clock(path)
    for duration in ("99999999d", "2920000d", "36600d", "9" * 400 + "d"):
        refused = cli("advance", duration)
        assert refused.code == 1 and "at most 100 years" in refused.err, duration
        assert "Traceback" not in refused.err
        assert _clock(path) == before
    status = cli("status", "yoga-trial")
    assert status.code == 0 and "Clock: " in status.out
    assert cli("advance", "36500d").code == 0  # 100 years is allowed


def test_the_clock_never_goes_past_the_year_9999(cli: Cli) -> None:
    path = _started(cli)
    with Workspace.open(path) as ws:
        advance_to(ws, datetime(9999, 12, 30, tzinfo=UTC).timestamp())
    before = _clock(path)
    refused = cli("advance", "2d")
    assert refused.code == 1 and "year 9999" in refused.err
    assert _clock(path) == before
    assert cli("advance", "1d").code == 0
    assert "Clock: Fri 31 Dec 9999" in cli("status", "yoga-trial").out


def test_durations_take_the_digits_0_to_9_only(cli: Cli) -> None:
    path = _started(cli)
    before = _clock(path)
    for duration in ("٣d", "３d", "1٣m", "1e3s", "1.d", "d"):
        refused = cli("advance", duration)
        assert refused.code == 1 and "is not a duration" in refused.err, duration
    assert "digits 0-9" in cli("advance", "٣d").err
    assert _clock(path) == before
    assert cli("status", "yoga-trial").code == 0


def test_status_reads_a_clock_an_older_version_moved_past_9999(cli: Cli) -> None:
    path = _started(cli)
    with Workspace.open(path) as ws:
        write_meta(ws, clock.CLOCK_KEY, repr(99999999 * 86400.0))
    status = cli("status", "yoga-trial")
    assert status.code == 0 and "past the year 9999" in status.out
    refused = cli("advance", "1m")
    assert refused.code == 1 and "year 9999" in refused.err

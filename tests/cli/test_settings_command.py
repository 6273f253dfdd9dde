"""`settings --set` checks every key's type and range before storing anything, and
`settings --json` prints valid JSON only (issue 12, item 4)."""

import json

import pytest

from canvas_app.engine import settings as engine_settings
from canvas_app.store.workspace import Workspace
from tests.cli.helpers import Cli
from tests.factories import read_meta, write_meta

BAD = [
    ("settle_seconds=nan", "settle_seconds", "from 0 to 86400"),
    ("settle_seconds=inf", "settle_seconds", "from 0 to 86400"),
    ("settle_seconds=1e400", "settle_seconds", "from 0 to 86400"),
    ("settle_seconds=-1", "settle_seconds", "from 0 to 86400"),
    ("settle_seconds=١٢", "settle_seconds", "from 0 to 86400"),
    ("honeypot_window_seconds=99999999", "honeypot_window_seconds", "from 0 to 86400"),
    ("burst_window_seconds=Infinity", "burst_window_seconds", "from 0 to 86400"),
    ("burst_min_links=-1", "burst_min_links", "whole number from 2 to 1000"),
    ("burst_min_links=2.5", "burst_min_links", "whole number from 2 to 1000"),
    ("too_soon_seconds=NaN", "too_soon_seconds", "from 0 to 86400"),
    ("tracking_port=-5", "tracking_port", "whole number from 1 to 65535"),
    ("tracking_port=99999", "tracking_port", "whole number from 1 to 65535"),
    ("tracking_port=0", "tracking_port", "whole number from 1 to 65535"),
    ("first_name_fallback=a\tb", "first_name_fallback", "on one line"),
    ("first_name_fallback=" + "x" * 101, "first_name_fallback", "at most 100 characters"),
    ("no_such_key=1", "no_such_key", "settle_seconds"),
    ("settle_seconds", "settle_seconds", "KEY=VALUE"),
    # numbers too long for a float, or for int() to read (found by the fuzzer)
    ("burst_min_links=" + "9" * 400, "burst_min_links", "whole number from 2 to 1000"),
    ("tracking_port=" + "9" * 5000, "tracking_port", "whole number from 1 to 65535"),
    ("settle_seconds=" + "9" * 5000, "settle_seconds", "from 0 to 86400"),
]


def _stored(cli: Cli) -> str | None:
    assert cli.workspace is not None
    with Workspace.open(cli.workspace) as ws:
        return read_meta(ws, engine_settings.META_KEY)


@pytest.mark.parametrize(("item", "key", "allowed"), BAD)
def test_a_bad_value_names_the_key_and_the_range_and_changes_nothing(
        cli: Cli, item: str, key: str, allowed: str) -> None:
    assert cli("settings", "--set", "settle_seconds=30").code == 0
    before = _stored(cli)
    refused = cli("settings", "--set", "burst_min_links=3", "--set", item)
    assert refused.code == 1 and "Traceback" not in refused.err
    assert key in refused.err and allowed in refused.err, refused.err
    assert _stored(cli) == before  # not even the good burst_min_links=3 before it
    shown = cli("settings", "--json")
    assert shown.code == 0 and shown.json()["settle_seconds"] == 30


def test_good_values_are_stored_and_printed_as_valid_json(cli: Cli) -> None:
    changed = cli("settings", "--set", "settle_seconds=2.5", "--set", "tracking_port=65535",
                  "--set", "burst_min_links=2", "--set", "first_name_fallback=friend")
    assert changed.code == 0
    shown = json.loads(cli("settings", "--json").out, parse_constant=_no_constants)
    assert shown["settle_seconds"] == 2.5 and shown["tracking_port"] == 65535
    assert shown["first_name_fallback"] == "friend"


def test_values_an_older_version_stored_read_as_their_defaults(cli: Cli) -> None:
    """A workspace where settle_seconds=nan was accepted before: every click failed."""
    cli("settings")
    assert cli.workspace is not None
    with Workspace.open(cli.workspace) as ws:
        write_meta(ws, engine_settings.META_KEY, '{"settle_seconds": NaN, "tracking_port": -5, '
                                              '"burst_min_links": 4}')
    shown = cli("settings", "--json")
    assert shown.code == 0
    values = json.loads(shown.out, parse_constant=_no_constants)
    assert values["settle_seconds"] == 20.0 and values["tracking_port"] == 8765
    assert values["burst_min_links"] == 4


def _no_constants(name: str) -> None:
    raise AssertionError(f"not valid JSON: {name}")

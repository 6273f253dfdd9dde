"""The event log's click details are written without building a JSON encoder per event, and
read exactly as the JSON they always were (older workspaces hold json.dumps' spelling)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from canvas_app.engine.events_log import link_detail


@given(st.none() | st.text(max_size=64), st.integers(1, 2**62), st.none() | st.integers(1, 2**62))
def test_link_detail_is_json_dumps_byte_for_byte(link: str | None, click: int,
                                                 send: int | None) -> None:
    expected = {"link": link, "click": click} | ({} if send is None else {"send": send})
    assert link_detail(link, click, send) == json.dumps(expected)

"""10,000 forged or tampered tokens: none is recorded."""

from __future__ import annotations

import random
import string

from sqlalchemy import func, select

from canvas_app.engine import clock
from canvas_app.engine.clicks import ClickRequest, record_clicks
from canvas_app.engine.tokens import Signer, token_from_url
from canvas_app.store.orm_runtime import ClickRow
from canvas_app.store.workspace import Workspace
from tests.engine.conftest import Sim

ALPHABET = string.ascii_letters + string.digits + "-_"


def test_ten_thousand_forged_and_tampered_tokens_record_nothing(live: Sim) -> None:
    live.enrol("welcome", "ann@example.com")
    live.advance(600)
    url = live.url("ann@example.com", "dl")
    token = token_from_url(url)
    assert token is not None
    rng = random.Random(99)
    base = url[: -len(token)]
    forged: list[str] = []
    while len(forged) < 10_000:
        kind = len(forged) % 4
        if kind == 0:  # one character changed
            i = rng.randrange(len(token))
            if token[i] == ".":
                continue
            candidate = token[:i] + rng.choice(ALPHABET.replace(token[i], "")) + token[i + 1:]
        elif kind == 1:  # a token signed with another secret, for a real send id
            candidate = Signer(rng.randbytes(32)).token(rng.randint(1, 5), "dl")
        elif kind == 2:  # random text of a token's shape
            candidate = ("".join(rng.choice(ALPHABET) for _ in range(16)) + "."
                         + "".join(rng.choice(ALPHABET) for _ in range(22)))
        else:  # truncated or extended
            candidate = token[: rng.randrange(1, len(token))] if rng.random() < 0.5 \
                else token + rng.choice(ALPHABET)
        if candidate != token:
            forged.append(base + candidate)
    outcomes = record_clicks(live.ws, [ClickRequest(u, "Mozilla/5.0 Firefox/128.0")
                                       for u in forged])
    assert not any(o.recorded or o.verified for o in outcomes)
    with live.ws.reading() as session:
        assert session.scalar(select(func.count()).select_from(ClickRow)) == 0


def test_a_refused_click_on_a_workspace_whose_clock_never_started_leaves_it_unstarted(
        workspace: Workspace) -> None:
    forged = "http://127.0.0.1:8765/c/AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB"
    with workspace.reading() as session:
        assert clock.peek(session) is None
    outcome = record_clicks(workspace, [ClickRequest(forged, "Mozilla/5.0 Firefox/128.0")])[0]
    assert not outcome.recorded
    with workspace.reading() as session:
        assert clock.peek(session) is None, "a refused click started the workspace clock"

"""Forged and tampered tokens record nothing."""

import random
import string

from sqlalchemy import func, select

from canvas_app.engine.tokens import Signer, token_from_url
from canvas_app.store.orm_runtime import ClickRow
from tests.engine.conftest import Sim


def clicks(sim: Sim) -> int:
    with sim.ws.reading() as session:
        return session.scalar(select(func.count()).select_from(ClickRow)) or 0


def test_tampered_forged_and_foreign_tokens_record_nothing(live: Sim) -> None:
    live.enrol("welcome", "ann@example.com")
    live.advance(600)
    url = live.url("ann@example.com", "dl")
    token = token_from_url(url)
    assert token is not None
    payload, signature = token.split(".")
    rng = random.Random(7)
    attempts = [
        url.replace(signature, signature[::-1]),
        url.replace(payload, payload[:-1] + ("A" if payload[-1] != "A" else "B")),
        url.replace(token, Signer(b"another workspace's secret").token(1, "dl")),
        url.replace(token, "not-a-token"),
        url + "/../../etc/passwd",
        "http://127.0.0.1:8765/elsewhere",
        "",
    ]
    alphabet = string.ascii_letters + string.digits + "-_."
    attempts += [url.replace(token, "".join(rng.choice(alphabet) for _ in range(40)))
                 for _ in range(200)]
    for forged in attempts:
        outcome = live.click(forged)
        assert not outcome.recorded and not outcome.verified and outcome.target is None, forged
    assert clicks(live) == 0
    assert live.click(url).recorded and clicks(live) == 1


def test_tokens_reveal_nothing_and_verify_round_trip() -> None:
    signer = Signer(b"s" * 32)
    honeypot, link = signer.token(42, None), signer.token(42, "dl")
    assert "~" not in honeypot and len(honeypot.split(".")[1]) == len(link.split(".")[1])
    assert signer.verify(honeypot).link_id is None  # type: ignore[union-attr]
    assert signer.verify(link).send_id == 42  # type: ignore[union-attr]


def test_every_single_character_change_is_refused() -> None:
    signer = Signer(b"k" * 32)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for send_id in range(1, 40):  # payload lengths that leave spare bits in the last character
        token = signer.token(send_id, "book-trial")
        for position, original in enumerate(token):
            if original == ".":
                continue
            for replacement in alphabet:
                if replacement != original:
                    forged = token[:position] + replacement + token[position + 1:]
                    assert signer.verify(forged) is None, (token, forged)


def test_a_token_with_a_trailing_newline_does_not_verify(live: Sim) -> None:
    live.enrol("welcome", "ann@example.com")
    live.advance(600)
    token = token_from_url(live.url("ann@example.com", "dl"))
    assert token is not None
    with live.ws.reading() as session:
        from canvas_app.engine.tokens import workspace_secret

        signer = Signer(workspace_secret(session))
    assert signer.verify(token) is not None
    assert signer.verify(token + "\n") is None

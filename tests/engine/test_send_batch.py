"""A batch's compiled renderer: exactly the email the contact gets, merge fields, escaping and
tracked links included (the text a send stores and ``inbox --json`` shows)."""

from __future__ import annotations

import gc

import pytest

from canvas_app.domain.links import LinkKind
from canvas_app.engine.render import Template
from canvas_app.engine.reports import inbox
from canvas_app.engine.sending import send_due
from canvas_app.engine.tokens import Signer
from tests.engine.conftest import Sim
from tests.factories import email, link

BASE = "http://127.0.0.1:8765/t/"
SIGNER = Signer(bytes.fromhex("5eed" * 16))
HONEYPOT = ('<a href="{}" style="display:none;font-size:0;color:transparent" '
            'aria-hidden="true" tabindex="-1"></a>')


def _mail() -> Template:
    mail = email("w1", [link("dl", LinkKind.FILE_DOWNLOAD),
                        link("call", LinkKind.PHONE, "tel:+15550100")])
    mail.subject = "For {{first_name}}, from {{company|our shop}}"
    mail.body_html = ('<p>Hi {{ first_name }} ({{name|you}}, {{email}}{{nope}}) '
                      '<a data-link="dl" href="https://example.com/x">get it</a> '
                      '<a data-link="call">call</a></p>')
    return Template(mail)


@pytest.mark.parametrize(("name", "first", "whole"), [
    ("Ann Lee", "Ann", "Ann Lee"),
    ("  Bob   Smith ", "Bob", "Bob   Smith"),
    ("", "there", "you"),
    ("   ", "there", "you"),
    ("<b>Zoë</b> & Co", "&lt;b&gt;Zoë&lt;/b&gt;", "&lt;b&gt;Zoë&lt;/b&gt; &amp; Co"),
])
def test_the_rendered_email_is_personal_escaped_and_tracked(name: str, first: str,
                                                            whole: str) -> None:
    render = _mail().renderer("there", BASE, SIGNER.token_maker)
    subject, html = render("ann@example.com", name, 41)
    shown = first.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert subject == f"For {shown}, from our shop"
    assert html == (f'<p>Hi {first} ({whole}, ann@example.com) '
                    f'<a href="{BASE}{SIGNER.token(41, "dl")}" data-link="dl">get it</a> '
                    '<a href="tel:+15550100" data-link="call">call</a></p>'
                    + HONEYPOT.format(BASE + SIGNER.token(41, None)))


def test_the_workspace_fallback_word_fills_an_empty_name() -> None:
    subject, html = _mail().renderer("friend", BASE, SIGNER.token_maker)("a@example.com", "", 7)
    assert subject == "For friend, from our shop" and html.startswith("<p>Hi friend (you,")


@pytest.mark.parametrize("link_id", ["dl", None, "a-much-longer-link-identifier" * 4])
def test_a_batch_token_is_the_token_that_verifies(link_id: str | None) -> None:
    make = SIGNER.token_maker(link_id)
    for send_id in (1, 9, 10, 999, 123_456_789, 2**63 - 1):
        assert make(send_id) == SIGNER.token(send_id, link_id)
    target = SIGNER.verify(BASE + make(12)) or SIGNER.verify_url(BASE + make(12))
    assert target is not None and (target.send_id, target.link_id) == (12, link_id)


@pytest.mark.parametrize("collecting", [True, False])
def test_a_batch_leaves_the_garbage_collector_as_it_found_it(sim: Sim, collecting: bool) -> None:
    """Sending holds Python's cyclic collector off while it builds a batch's rows; after a
    batch that fails, and after one that sends, the collector is back as it was."""
    sim.go_live()
    sim.enrol("welcome", "ann@example.com", "bob@example.com")
    was = gc.isenabled()
    try:
        (gc.enable if collecting else gc.disable)()
        with pytest.raises(TypeError), sim.ws.transaction() as session:
            send_due(session, float("inf"), floor="not a time")  # type: ignore[arg-type]
        assert gc.isenabled() is collecting
        sim.advance(60)
        assert gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()
    assert [m["email"] for m in inbox(sim.ws, "ann@example.com")] == ["welcome-1"]

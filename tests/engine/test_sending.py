"""What is sent: merge fields, tracked links, the honeypot, delays."""

from sqlalchemy import select

from canvas_app.domain.links import LinkKind
from canvas_app.engine import settings as engine_settings
from canvas_app.engine import simulation
from canvas_app.engine.contacts import add_contact
from canvas_app.engine.enrolment import enroll
from canvas_app.engine.publishing import publish
from canvas_app.engine.reports import inbox
from canvas_app.engine.simulation import describe
from canvas_app.store.orm_runtime import SendRow
from tests.engine.conftest import Sim
from tests.factories import email, link


def test_sent_email_is_personal_tracked_and_carries_a_hidden_honeypot(sim: Sim) -> None:
    mail = email("welcome-1", [link("dl", LinkKind.FILE_DOWNLOAD),
                               link("call", LinkKind.URL, "tel:+15550100")])
    mail.subject = "For {{first_name}}, from {{company|our shop}}"
    mail.body_html += "<p>Bye {{ first_name | friend }} &amp; {{email}}</p>"
    sim.draft().set_sequence_emails("welcome", [mail])
    sim.go_live()
    sim.enrol("welcome", "ann@example.com", "x@example.com")
    sim.advance(60)
    ann = inbox(sim.ws, "ann@example.com")[0]
    assert ann["subject"] == "For Ann, from our shop"
    assert "Bye Ann &amp; ann@example.com" in ann["html"]
    assert ann["links"]["dl"].startswith("http://127.0.0.1:8765/t/")
    assert ann["links"]["dl"] in ann["html"].replace("&amp;", "&")
    assert 'href="tel:+15550100"' in ann["html"] and ann["links"]["call"] == "tel:+15550100"
    assert "https://example.com/x" not in ann["html"]  # the real target never appears
    assert ann["html"].count("display:none") == 1 and 'aria-hidden="true"' in ann["html"]
    x = inbox(sim.ws, "x@example.com")[0]
    assert x["subject"].startswith("For X,") and x["links"]["dl"] != ann["links"]["dl"]


def test_the_inbox_keeps_what_was_sent_when_the_contact_or_the_settings_change(sim: Sim) -> None:
    mail = email("welcome-1", [link("dl", LinkKind.FILE_DOWNLOAD)])
    mail.subject = "For {{first_name}}"
    mail.body_html += "<p>Bye {{ first_name }}, {{name|you}} &lt;{{email}}&gt;</p>"
    sim.draft().set_sequence_emails("welcome", [mail])
    sim.go_live()
    add_contact(sim.ws, "ann@example.com", "Ann Lee")
    add_contact(sim.ws, "noname@example.com")
    enroll(sim.ws, "ebook", "welcome", ["ann@example.com", "noname@example.com"])
    sim.advance(60)
    ann, noname = inbox(sim.ws, "ann@example.com")[0], inbox(sim.ws, "noname@example.com")[0]
    assert "Bye Ann, Ann Lee &lt;ann@example.com&gt;" in ann["html"]
    assert "Bye there, you &lt;noname@example.com&gt;" in noname["html"]
    assert ann["html"].count("http://127.0.0.1:8765/t/") == 2  # the link and the honeypot

    add_contact(sim.ws, "ann@example.com", "Annabel")  # renamed after the email went out
    add_contact(sim.ws, "noname@example.com", "Nina")
    engine_settings.change(sim.ws, ["first_name_fallback=friend", "tracking_port=9000"])

    assert inbox(sim.ws, "ann@example.com")[0]["html"] == ann["html"]
    assert inbox(sim.ws, "ann@example.com")[0]["subject"] == "For Ann"
    log = [describe(e, {}) for e in simulation.log(sim.ws, sim.cid)]  # the Simulation panel's
    assert log.count("'welcome' sent 'For Ann' to ann@example.com") == 1  # not {{first_name}}
    assert inbox(sim.ws, "noname@example.com")[0]["html"] == noname["html"]
    sim.draft().set_sequence_emails("welcome", [email("welcome-1", [link("dl")])])
    assert not publish(sim.ws, sim.cid).blocked  # a new version: what was sent is the old one
    assert inbox(sim.ws, "ann@example.com")[0]["html"] == ann["html"]
    sim.enrol("welcome", "nina@example.com")
    sim.advance(60)  # the next email is merged with today's name, fallback and port
    later = inbox(sim.ws, "nina@example.com")[0]["html"]
    assert "http://127.0.0.1:9000/t/" in later and "8765" not in later


def test_a_name_with_markup_is_escaped(sim: Sim) -> None:
    sim.go_live()
    add_contact(sim.ws, "eve@example.com", "<script>alert(1)</script>")
    enroll(sim.ws, "ebook", "welcome", ["eve@example.com"])
    sim.advance(60)
    html = inbox(sim.ws, "eve@example.com")[0]["html"]
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_delays_are_respected_on_the_workspace_clock(sim: Sim) -> None:
    sim.draft().set_sequence_emails("welcome", [
        email("w1", [link("dl", LinkKind.FILE_DOWNLOAD)], delay=10),
        email("w2", [link("b")], delay=2 * 24 * 60)])
    sim.go_live()
    sim.enrol("welcome", "ann@example.com")
    sim.advance(9 * 60)
    assert inbox(sim.ws, "ann@example.com") == []
    sim.advance(60)
    assert len(inbox(sim.ws, "ann@example.com")) == 1
    sim.advance(2 * 86400 - 1)
    assert len(inbox(sim.ws, "ann@example.com")) == 1
    sim.advance(1)
    assert len(inbox(sim.ws, "ann@example.com")) == 2
    with sim.ws.reading() as session:
        times = [t for (t,) in session.execute(select(SendRow.sent_at).order_by(SendRow.id))]
    assert times[1] - times[0] == 2 * 86400

"""The workshop's public side through Starlette's TestClient: joining, the inbox, clicks, the
cap, the rate limit, forged and stale codes, other people's inboxes, the security headers,
hostile email bodies, forgetting participants and the scanner."""

from __future__ import annotations

import http.client
import io
import re
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from canvas_app.engine import lifecycle
from canvas_app.engine.contacts import add_contact
from canvas_app.engine.server import TrackingServer
from canvas_app.engine.workshop import Workshop
from canvas_app.engine.workshop_app import workshop_app
from canvas_app.store.orm_runtime import ClickRow, ContactRow, SendRow
from tests.engine.conftest import BROWSER, Sim
from tests.engine.test_server_protocol import start, stop
from tests.factories import email, funnel, link

HOSTILE = ('<p>Hello <script>document.title="owned"</script>'
           '<img src="http://evil.example/px.gif" onerror="alert(1)" alt="logo">'
           '<svg onload="alert(2)"></svg>'
           '<iframe src="https://evil.example/"></iframe><style>body{display:none}</style>'
           '<a data-link="dl" onclick="alert(3)">Get the ebook</a> '
           '<a data-link="call">call us</a></p>')


class Room:
    """A workshop on the ebook funnel's welcome sequence, and a browser for it."""

    def __init__(self, sim: Sim, maximum: int = 60, rate: tuple[float, float] = (1e6, 1e6)
                 ) -> None:
        self.sim = sim
        self.log = io.StringIO()
        self.workshop = Workshop(sim.ws, "ebook", "welcome", maximum)
        self.server = TrackingServer(sim.ws, 0, log=self.log,
                                     app=workshop_app(self.workshop, rate))
        self.join_path = f"/w/{self.workshop.code}"

    def browser(self) -> TestClient:
        return TestClient(self.server.app, base_url="http://127.0.0.1",
                          headers={"User-Agent": BROWSER}, follow_redirects=False)

    def join(self, client: TestClient, name: str, address: str) -> tuple[int, str]:
        """(status, the inbox path or the page) after filling in the join form."""
        form = client.get(self.join_path)
        assert form.status_code == 200
        token = re.search(r'name="token" value="([0-9a-f]+)"', form.text)
        assert token is not None
        answer = client.post(self.join_path, data={"name": name, "email": address,
                                                   "token": token.group(1)})
        return answer.status_code, answer.headers.get("location", answer.text)


@pytest.fixture
def room(live: Sim) -> Iterator[Room]:
    made = Room(live)
    yield made
    made.server.server_close()


def contacts(sim: Sim) -> int:
    with sim.ws.reading() as session:
        return session.scalar(select(func.count()).select_from(ContactRow)) or 0


def test_join_enrols_and_the_inbox_shows_the_email_with_its_tracked_link(room: Room) -> None:
    phone = room.browser()
    status, inbox = room.join(phone, "Ann", "ann@example.com")
    assert status == 303 and inbox.startswith(f"{room.join_path}/inbox/")
    assert room.sim.counts()["welcome"]["active"] == 1
    page = phone.get(inbox)
    assert page.status_code == 200 and "No email yet" in page.text
    assert '<meta http-equiv="refresh"' in page.text
    room.sim.advance(60)
    page = phone.get(inbox)
    base = f"http://127.0.0.1:{room.server.port}/t/"
    assert "Hello" in page.text and f'href="{base}' in page.text
    assert "tel:" not in page.text  # only tracked web links keep an address


def test_a_click_in_the_inbox_is_recorded_and_achieves_the_goal(room: Room) -> None:
    phone = room.browser()
    _, inbox = room.join(phone, "Ann", "ann@example.com")
    room.sim.advance(60)
    href = re.search(r'href="http://127\.0\.0\.1:\d+(/t/[^"]+)"[^>]*>text of dl',
                     phone.get(inbox).text)
    assert href is not None
    answer = phone.get(href.group(1))
    assert answer.status_code == 302
    clicked = phone.get(answer.headers["location"])  # example.com does not exist offline
    assert clicked.status_code == 200 and "https://example.com/x" in clicked.text
    room.sim.advance(120)
    assert room.sim.counts()["downloaded"]["achieved"] == 1


def test_a_target_that_exists_is_redirected_to(sim: Sim) -> None:
    live = sim
    draft = live.draft()
    draft.set_sequence_emails("welcome", [email("welcome-1", [
        link("dl", target="https://www.python.org/downloads/")])])
    live.go_live()
    made = Room(live)
    try:
        phone = made.browser()
        _, inbox = made.join(phone, "Ann", "ann@example.com")
        live.advance(60)
        href = re.search(r'href="http://127\.0\.0\.1:\d+(/t/[^"]+)"', phone.get(inbox).text)
        assert href is not None
        answer = phone.get(href.group(1))
        assert answer.headers["location"] == "https://www.python.org/downloads/"
    finally:
        made.server.server_close()


def test_bad_input_is_refused_on_the_page_and_nothing_is_added(room: Room) -> None:
    phone = room.browser()
    status, page = room.join(phone, "Ann", "not an address")
    assert status == 400 and "is not a valid email address" in page
    status, page = room.join(phone, "A" * 81, "ann@example.com")
    assert status == 400 and "longer than 80" in page
    assert contacts(room.sim) == 0


def test_before_the_campaign_runs_the_workshop_has_not_started(room: Room) -> None:
    lifecycle.pause(room.sim.ws, "ebook")
    status, page = room.join(room.browser(), "Ann", "ann@example.com")
    assert status == 400 and "The workshop has not started" in page
    assert contacts(room.sim) == 0


def test_a_forged_form_and_a_wrong_or_stale_code_are_refused(room: Room) -> None:
    phone = room.browser()
    phone.get(room.join_path)
    forged = phone.post(room.join_path, data={"name": "M", "email": "m@example.com",
                                              "token": "0" * 64})
    assert forged.status_code == 403
    stranger = room.browser()  # no cookie from the join page: a cross-site post
    assert stranger.post(room.join_path, data={"email": "m@example.com"}).status_code == 403
    assert phone.get("/w/" + "A" * len(room.workshop.code)).status_code == 404
    status, inbox = room.join(phone, "Ann", "ann@example.com")
    assert status == 303
    room.workshop.end()
    assert phone.get(room.join_path).status_code == 404
    assert phone.get(inbox).status_code == 404
    assert contacts(room.sim) == 1


@pytest.mark.parametrize(("content_type", "body"), [
    ("application/x-www-form-urlencoded", "a=1&" * 9),  # more fields than the form has
    ("multipart/form-data; boundary=X", '--X\r\nContent-Disposition: form-data; name="f"; '
     'filename="a"\r\n\r\nAnn\r\n--X--\r\n'),  # a file
    ("multipart/form-data", "--Y\r\nxx"),  # no boundary
])
def test_a_join_form_that_cannot_be_read_is_refused_as_such(
        room: Room, content_type: str, body: str) -> None:
    answer = room.browser().post(room.join_path, content=body.encode(),
                                 headers={"Content-Type": content_type})
    assert answer.status_code == 400 and "This form cannot be read" in answer.text
    assert "join refused: the form cannot be read" in room.log.getvalue()
    assert contacts(room.sim) == 0


def test_a_participant_cannot_open_another_inbox(room: Room) -> None:
    ann, bob = room.browser(), room.browser()
    _, ann_inbox = room.join(ann, "Ann", "ann@example.com")
    _, bob_inbox = room.join(bob, "Bob", "bob@example.com")
    assert ann_inbox != bob_inbox
    room.sim.advance(60)
    assert "Inbox of Bob" in ann.get(bob_inbox).text  # the key is the only permission ...
    guessed = ann_inbox[:-4] + ("AAAA" if not ann_inbox.endswith("AAAA") else "BBBB")
    assert ann.get(guessed).status_code == 404  # ... and it cannot be guessed
    other = Workshop(room.sim.ws, "ebook", "welcome")
    assert ann.get(ann_inbox.replace(room.workshop.code, other.code)).status_code == 404


def test_the_cap_refuses_more_participants_but_welcomes_one_back(live: Sim) -> None:
    made = Room(live, maximum=2)
    try:
        assert made.join(made.browser(), "A", "a@example.com")[0] == 303
        assert made.join(made.browser(), "B", "b@example.com")[0] == 303
        status, page = made.join(made.browser(), "C", "c@example.com")
        assert status == 400 and "The workshop is full (2 participants)" in page
        assert made.join(made.browser(), "A", "a@example.com")[0] == 303
        assert contacts(live) == 2
    finally:
        made.server.server_close()


def test_a_flood_from_one_address_is_rate_limited(live: Sim) -> None:
    made = Room(live, rate=(5, 0.01))
    try:
        phone = made.browser()
        answers = [phone.get(made.join_path).status_code for _ in range(8)]
        assert answers[:5] == [200] * 5 and answers[5:] == [429] * 3
        assert phone.get(made.join_path).headers["retry-after"] == "2"
    finally:
        made.server.server_close()


def test_a_forwarded_for_header_does_not_escape_the_rate_limit(live: Sim) -> None:
    made = Room(live, rate=(5, 0.01))
    thread = start(made.server)
    try:
        answers = []
        for i in range(8):  # each request claims to come from another address
            conn = http.client.HTTPConnection("127.0.0.1", made.server.port, timeout=10)
            conn.request("GET", made.join_path, headers={
                "User-Agent": BROWSER, "X-Forwarded-For": f"203.0.113.{i}",
                "Forwarded": f"for=203.0.113.{i}", "X-Real-IP": f"203.0.113.{i}"})
            answers.append(conn.getresponse().status)
            conn.close()
        assert answers == [200] * 5 + [429] * 3
    finally:
        stop(made.server, thread)


def test_every_answer_has_the_security_headers_and_only_public_routes_exist(room: Room
                                                                           ) -> None:
    phone = room.browser()
    for path in (room.join_path, "/", "/settings", "/w/", "/static/workshop.css",
                 "/t/forged.token"):
        answer = phone.get(path)
        csp = answer.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp, path
        # inline styles are the emails' own look (no URL survives the sanitiser), nothing else
        assert "unsafe-inline" not in csp.replace("style-src 'self' 'unsafe-inline'", "")
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"
    assert phone.get("/").status_code == 404  # no workspace name, no editing, no settings
    assert phone.get("/settings").status_code == 404
    assert phone.put(room.join_path).status_code == 501
    assert phone.post(room.join_path, content=b"x" * 5000,
                      headers={"Content-Type": "application/x-www-form-urlencoded"}
                      ).status_code == 413


def test_hostile_bodies_and_names_are_rendered_inert(sim: Sim) -> None:
    live = sim
    draft = live.draft()
    hostile = funnel().sequences[0].emails[0]
    hostile.body_html = HOSTILE
    draft.set_sequence_emails("welcome", [hostile])
    live.go_live()
    made = Room(live)
    try:
        phone = made.browser()
        status, inbox = made.join(phone, '<script>alert("x")</script>', "ann@example.com")
        assert status == 303
        live.advance(60)
        page = phone.get(inbox).text
        body = page.split("<body>", 1)[1]
        for bad in ("<script", "onerror", "onclick", "onload", "javascript:", "evil.example",
                    "<iframe", "<style", "<img", "<svg"):
            assert bad not in body, bad
        assert "[Image: logo]" in page and "Get the ebook" in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    finally:
        made.server.server_close()


def test_forget_removes_the_participants_it_made_and_nothing_else(room: Room) -> None:
    add_contact(room.sim.ws, "trainer@example.com", "Trainer")
    assert room.join(room.browser(), "Ann", "ann@example.com")[0] == 303
    assert room.join(room.browser(), "T", "trainer@example.com")[0] == 303
    room.sim.advance(60)
    assert room.workshop.participant_count == 2
    assert room.workshop.forget() == 2
    assert room.workshop.participant_count == 0
    with room.sim.ws.reading() as session:
        left = list(session.scalars(select(ContactRow.email)))
    assert left == ["trainer@example.com"]  # existed before the workshop: kept


def test_with_the_scanner_on_the_next_emails_get_bot_clicks_that_achieve_nothing(room: Room
                                                                               ) -> None:
    phone = room.browser()
    room.join(phone, "Ann", "ann@example.com")
    room.workshop.scanner = True
    room.sim.advance(60)
    assert room.workshop.scan_new_sends() == 1
    with room.sim.ws.reading() as session:
        bots = session.scalar(select(func.count()).select_from(ClickRow)
                              .where(ClickRow.bot.is_(True)))
    assert bots and bots >= 2  # every link and the invisible one
    room.sim.advance(120)
    assert room.sim.counts()["downloaded"]["achieved"] == 0
    assert room.workshop.scan_new_sends() == 0  # each email is scanned once


def test_the_join_code_can_be_typed_off_a_projector() -> None:
    from canvas_app.engine.workshop import CODE_ALPHABET, join_code

    codes = {join_code() for _ in range(200)}
    assert len(codes) == 200  # random
    assert all(len(c) == 14 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set("0o1li258uv") & set(CODE_ALPHABET)


@pytest.mark.files_only("a workspace file moved away while it is served")
def test_a_join_while_the_workspace_file_is_gone_is_refused_and_saves_nothing(
        room: Room) -> None:
    """SQLite goes on writing into a workspace file deleted (or moved away) while it is open,
    so a participant joining then would be lost with it: the join page says so instead."""
    path = room.sim.ws.path
    assert path is not None
    moved = path.with_name("elsewhere.canvas-workspace")
    path.rename(moved)
    try:
        status, page = room.join(room.browser(), "Ann", "ann@example.com")
    finally:
        moved.rename(path)
    assert status == 400 and "moved or deleted" in page and "tell the trainer" in page
    assert contacts(room.sim) == 0
    status, _inbox = room.join(room.browser(), "Ann", "ann@example.com")  # back: it works
    assert status == 303 and contacts(room.sim) == 1


def test_an_inbox_that_cannot_be_read_is_a_page_for_the_participant(room: Room) -> None:
    """A send in the workspace changed by hand: the participant gets a page saying so (no
    'Internal Server Error'), the trainer's log the sentence, and the inbox comes back once
    the workspace is right again."""
    phone = room.browser()
    _status, inbox = room.join(phone, "Ann", "ann@example.com")
    room.sim.advance(60)
    with room.sim.ws.transaction() as session:
        send = session.scalars(select(SendRow)).one()
        sent_as, send.email_id = send.email_id, "no-such-email"
    page = phone.get(inbox)
    assert page.status_code == 503 and "tell the trainer" in page.text
    assert "no-such-email" not in page.text  # the workspace's details stay with the trainer
    assert "no-such-email" in room.log.getvalue()
    with room.sim.ws.transaction() as session:
        session.scalars(select(SendRow)).one().email_id = sent_as
    assert phone.get(inbox).status_code == 200

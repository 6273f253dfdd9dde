"""The workshop's public side: the join page (``/w/CODE``), each participant's inbox
(``/w/CODE/inbox/KEY``), tracked clicks (``/t/TOKEN``, through the same group-commit pipeline as
the tracking server), the page for a clicked link that does not exist offline, and the
stylesheet. Nothing else is served: no workspace, settings or editing.

``WorkshopServer`` runs it (in a thread) with a per-address rate limit, a body limit, the
workshop's Content-Security-Policy, and a ticker that lets the simulated scanner read new
emails while it is switched on."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO
from urllib.parse import quote, urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from canvas_app.domain.errors import UserError
from canvas_app.engine.errors import Refused
from canvas_app.engine.http_text import location
from canvas_app.engine.server import LOOPBACK, TrackingServer
from canvas_app.engine.tokens import TRACK_PATH
from canvas_app.engine.tracking_app import NOT_FOUND, answer_click, note, page, record
from canvas_app.engine.web_guard import Policy, RateLimit
from canvas_app.engine.workshop import Workshop
from canvas_app.engine.workshop_pages import (
    CONTENT_SECURITY_POLICY,
    CSS,
    CSS_PATH,
    clicked_page,
    inbox_page,
    join_page,
    message_page,
)

if TYPE_CHECKING:
    from starlette.types import ASGIApp

#: Largest request body read (the join form is far smaller).
MAX_BODY = 4096
#: Per client address: a burst of 30 requests, then 10 a second.
DEFAULT_RATE = (30.0, 10.0)
#: Connections open at once from one address of the room's network (a browser opens up to 6).
PER_ADDRESS = 16
#: Hosts that exist nowhere (RFC 2606, 6761): a click on them shows "you clicked" instead.
_NOWHERE = ("example.com", "example.net", "example.org", "example", "test", "invalid",
            "localhost")
_COOKIE = "canvas_join"


def exists_offline(target: str) -> bool:
    host = (urlsplit(target).hostname or "").lower().rstrip(".")
    return not any(host == name or host.endswith("." + name) for name in _NOWHERE)


def lan_address(text: str) -> str:
    """The address ``--lan`` names, checked: one address of this computer's network, never
    every address at once."""
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        raise Refused(f"--lan {text!r} is not an IP address; give this computer's address "
                      "on the room's network, such as 192.168.1.20") from None
    if address.is_unspecified or address.is_multicast:
        raise Refused(f"--lan {address} would not be one address of this computer; give its "
                      "address on the room's network, such as 192.168.1.20")
    return str(address)


def connections_per_address(host: str) -> int | None:
    """How many connections one address may hold open at once on a workshop served on
    ``host``: PER_ADDRESS on the room's network; no limit of its own on this computer's
    loopback address, which only this computer reaches."""
    return None if ipaddress.ip_address(host).is_loopback else PER_ADDRESS


def workshop_app(workshop: Workshop, rate: tuple[float, float] = DEFAULT_RATE
                 ) -> _Factory:
    return _Factory(workshop, rate)

#: What a participant reads when their inbox cannot be read (the reason goes to the log).
INBOX_UNREADABLE = ("Your emails cannot be shown just now: something is wrong with the "
                    "trainer's workspace. Please tell the trainer.")


class _Factory:
    def __init__(self, workshop: Workshop, rate: tuple[float, float]) -> None:
        self.workshop = workshop
        self.rate = rate
        self._secret = secrets.token_bytes(32)

    def _signature(self, target: str) -> str:
        return hmac.new(self._secret, target.encode(), hashlib.sha256).hexdigest()[:32]

    def __call__(self, server: TrackingServer) -> tuple[ASGIApp, Policy]:
        pages = _Pages(self.workshop, server, self._signature)
        routes = [Route("/w/{code}", pages.join_form, methods=["GET"]),
                  Route("/w/{code}", pages.join, methods=["POST"]),
                  Route("/w/{code}/inbox/{key}", pages.inbox, methods=["GET"]),
                  Route(TRACK_PATH + "{token:path}", pages.click, methods=["GET", "HEAD"]),
                  Route("/clicked", pages.clicked, methods=["GET"]),
                  Route(CSS_PATH, pages.stylesheet, methods=["GET"])]
        app = Starlette(routes=routes, exception_handlers={HTTPException: pages.not_found})
        policy = Policy(methods=frozenset({"GET", "HEAD", "POST"}),
                        content_security_policy=CONTENT_SECURITY_POLICY, max_body=MAX_BODY,
                        rate=RateLimit(*self.rate))
        return app, policy


class _Pages:
    """The workshop's public pages: join, a participant's inbox, clicks and what they lead to."""

    def __init__(self, workshop: Workshop, server: TrackingServer,
                 sign: Callable[[str], str]) -> None:
        self.workshop = workshop
        self.server = server
        self.sign = sign
        self.base = f"http://{server.host}:{server.port}{TRACK_PATH}"

    def gone(self, request: Request) -> Response:
        note(request, "no such workshop (a wrong or ended code)")
        return HTMLResponse(message_page("No such workshop", "This workshop link is not "
                            "valid or the workshop has ended."), 404)

    async def join_form(self, request: Request) -> Response:
        code = request.path_params["code"]
        if not self.workshop.code_matches(code):
            return self.gone(request)
        browser = request.cookies.get(_COOKIE, "")
        if len(browser) != 32 or not browser.isalnum():
            browser = secrets.token_hex(16)
        answer = HTMLResponse(join_page(self.workshop.campaign_name, f"/w/{code}",
                                        self.workshop.form_token(browser)))
        answer.set_cookie(_COOKIE, browser, path=f"/w/{code}", httponly=True,
                          samesite="strict")
        return answer

    async def join(self, request: Request) -> Response:
        code = request.path_params["code"]
        if not self.workshop.code_matches(code):
            return self.gone(request)
        try:
            form = await request.form(max_files=0, max_fields=8)
        except HTTPException as exc:  # a file, too many fields, broken multipart
            note(request, f"join refused: the form cannot be read ({exc.detail})")
            return HTMLResponse(message_page("This form cannot be read", "Please open the "
                                             "workshop link again and press Join."), 400)
        fields = {k: v if isinstance(v, str) else "" for k, v in form.items()}
        name, email = fields.get("name", "")[:200], fields.get("email", "")[:300]
        browser = request.cookies.get(_COOKIE, "")
        if not self.workshop.token_matches(browser, fields.get("token", "")):
            note(request, "join refused: the form's token does not match")
            fresh = browser if len(browser) == 32 and browser.isalnum() \
                else secrets.token_hex(16)
            answer = HTMLResponse(join_page(
                self.workshop.campaign_name, f"/w/{code}", self.workshop.form_token(fresh), name,
                email, "This form has expired. Please press Join again."), 403)
            answer.set_cookie(_COOKIE, fresh, path=f"/w/{code}", httponly=True,
                              samesite="strict")
            return answer
        try:
            person = await run_in_threadpool(self.workshop.join, name, email)
        except Refused as exc:
            note(request, f"join refused: {exc.message}")
            return HTMLResponse(join_page(self.workshop.campaign_name, f"/w/{code}",
                                          self.workshop.form_token(browser), name, email,
                                          exc.message), 400)
        note(request, f"{person.email} joined")
        return RedirectResponse(f"/w/{code}/inbox/{person.key}", 303)

    async def inbox(self, request: Request) -> Response:
        code, key = request.path_params["code"], request.path_params["key"]
        person = self.workshop.participant(key) if self.workshop.code_matches(code) else None
        if person is None:
            return self.gone(request)
        try:
            mails = await run_in_threadpool(self.workshop.inbox, person)
        except UserError as exc:  # the workspace cannot be read now, or was changed by hand
            note(request, f"inbox not shown: {exc}")
            return HTMLResponse(message_page("Your inbox cannot be shown", INBOX_UNREADABLE),
                                503)
        return HTMLResponse(inbox_page(person.name, self.workshop.campaign_name, mails, self.base))

    async def click(self, request: Request) -> Response:
        if not self.workshop.open:
            return self.gone(request)
        outcome, refused = await record(self.server, request)
        if refused is not None:
            return refused
        assert outcome is not None
        target = outcome.target or ""
        if outcome.verified and outcome.recorded and target and not exists_offline(target):
            offline = (f"/clicked?to={quote(target, safe='')}"
                       f"&sig={self.sign(target)}")
            return answer_click(request, outcome, offline)
        return answer_click(request, outcome)

    async def clicked(self, request: Request) -> Response:
        target = request.query_params.get("to", "")[:2000]
        signature = request.query_params.get("sig", "")
        if not hmac.compare_digest(self.sign(target).encode(), signature.encode()):
            return page(request, 404, NOT_FOUND, "not a clicked link of this workshop")
        return HTMLResponse(clicked_page(location(target)))

    async def stylesheet(self, request: Request) -> Response:
        return Response(CSS, media_type="text/css")

    async def not_found(self, request: Request, exc: Exception) -> Response:
        return page(request, 404, NOT_FOUND, "not a workshop page")


class WorkshopServer:
    """A workshop served in a background thread until ``stop``."""

    def __init__(self, workshop: Workshop, port: int = 0, host: str = LOOPBACK,
                 log: TextIO | None = sys.stderr, rate: tuple[float, float] = DEFAULT_RATE,
                 idle_timeout: float = 10.0, per_address: int | None = None) -> None:
        """``per_address``: see ``connections_per_address``, its default."""
        self.workshop = workshop
        self.server = TrackingServer(workshop.workspace, port, log, host=host,
                                     idle_timeout=idle_timeout,
                                     max_connections=4 * workshop.max_participants + 16,
                                     app=workshop_app(workshop, rate),
                                     per_address=per_address or connections_per_address(host))
        self._thread = threading.Thread(target=self.server.serve_forever, name="workshop",
                                        daemon=True)
        self._ticking = threading.Event()
        self._ticker = threading.Thread(target=self._tick, name="workshop scanner", daemon=True)

    @property
    def join_url(self) -> str:
        host = self.server.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.server.port}/w/{self.workshop.code}"

    def start(self) -> None:
        self._thread.start()
        self._ticker.start()

    def _tick(self) -> None:
        while not self._ticking.wait(1.0):
            try:
                self.workshop.scan_new_sends()
            except Exception as exc:
                self.server.log(f"scanner: {type(exc).__name__}: {exc}")

    def stop(self) -> None:
        """Ends the workshop: its code stops working and the server stops listening."""
        self.workshop.end()
        self._ticking.set()
        self.server.shutdown()
        if self._thread.is_alive():
            self._thread.join(30)
        if self._ticker.is_alive():
            self._ticker.join(30)
        self.server.server_close()

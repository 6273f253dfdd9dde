"""The tracking server's routes: ``/`` says what it is, ``/t/TOKEN`` records a click (through the
group-commit writer) and redirects to the stored link's target; everything else is 404."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from canvas_app.engine.click_writer import WorkspaceUnavailable
from canvas_app.engine.clicks import ClickOutcome, ClickRequest
from canvas_app.engine.http_text import location
from canvas_app.engine.tokens import TRACK_PATH
from canvas_app.engine.web_guard import Policy

if TYPE_CHECKING:
    from canvas_app.engine.server import TrackingServer

NOT_FOUND = ("<!doctype html><meta charset='utf-8'><title>Link not found</title>"
             "<p>This link is not valid. Nothing was recorded.</p>")
_HOME = ("<!doctype html><meta charset='utf-8'><title>Campaign Canvas</title>"
         "<p>Campaign Canvas click-tracking server for workspace {name}.</p>")
_UNAVAILABLE = ("<!doctype html><meta charset='utf-8'><title>Try again</title>"
                "<p>The click could not be saved just now ({reason}). Nothing was recorded; "
                "please try again in a few seconds.</p>")


def note(request: Request, text: str) -> None:
    """What the log line of this request says after its status."""
    request.scope["state"]["note"] = text


def page(request: Request, status: int, body: str, text: str = "",
         headers: dict[str, str] | None = None) -> Response:
    note(request, text)
    return HTMLResponse(body, status, headers=headers)


async def record(server: TrackingServer, request: Request
                 ) -> tuple[ClickOutcome | None, Response | None]:
    """The click of this request, committed; or the answer when it could not be stored."""
    path = request.scope.get("raw_path", b"").decode("iso-8859-1") or request.url.path
    headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in request.scope["headers"]}
    click = ClickRequest(path, user_agent=headers.get("user-agent", ""),
                         method=request.method, headers=headers)
    try:
        return await server.writer.submit_async(click), None
    except WorkspaceUnavailable as exc:
        return None, page(request, 503, _UNAVAILABLE.format(reason=html.escape(str(exc))),
                          str(exc), {"Retry-After": "5", "Connection": "close"})


def answer_click(request: Request, outcome: ClickOutcome,
                 offline: str | None = None) -> Response:
    """302 to the target; 404 for a token that does not verify; 204 when nothing is recorded
    (HEAD, prefetch). ``offline``: where to send a target that does not exist offline."""
    if not outcome.verified:
        return page(request, 404, NOT_FOUND, "token does not verify; nothing recorded")
    if not outcome.recorded or outcome.target is None:
        note(request, ", ".join(outcome.reasons) or "no target")
        return Response(status_code=204)
    kind = "bot" if outcome.bot else "human"
    note(request, f"{kind} click on {outcome.link or 'honeypot'}")
    return Response(status_code=302, headers={"Location": offline or location(outcome.target)})


def tracking_app(server: TrackingServer) -> tuple[Starlette, Policy]:
    async def home(request: Request) -> Response:
        return page(request, 200, _HOME.format(name=html.escape(server.workspace.name)))

    async def click(request: Request) -> Response:
        outcome, refused = await record(server, request)
        return refused or answer_click(request, outcome)  # type: ignore[arg-type]

    async def not_found(request: Request, exc: Exception) -> Response:
        return page(request, 404, NOT_FOUND, "not a tracked link")

    routes = [Route("/", home, methods=["GET", "HEAD"]),
              Route(TRACK_PATH + "{token:path}", click, methods=["GET", "HEAD"])]
    app = Starlette(routes=routes, exception_handlers={HTTPException: not_found})
    return app, Policy()

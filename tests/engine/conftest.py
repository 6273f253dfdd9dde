"""A workspace with the ebook funnel published and active, and helpers to drive it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from canvas_app.engine import lifecycle
from canvas_app.engine.clicks import ClickOutcome, record_click
from canvas_app.engine.contacts import add_contact
from canvas_app.engine.enrolment import enroll
from canvas_app.engine.publishing import publish
from canvas_app.engine.reports import inbox, status
from canvas_app.engine.runner import advance
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace
from tests.factories import funnel

BROWSER = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/124.0 Safari/537.36")


class Sim:
    """Drives the engine the way the command line does."""

    def __init__(self, workspace: Workspace, campaign_id: str = "ebook") -> None:
        self.ws = workspace
        self.cid = campaign_id

    def go_live(self) -> None:
        assert not publish(self.ws, self.cid).blocked
        lifecycle.activate(self.ws, self.cid)

    def enrol(self, sequence: str, *people: str) -> None:
        for person in people:
            add_contact(self.ws, person, person.split("@")[0].title())
        enroll(self.ws, self.cid, sequence, list(people))

    def advance(self, seconds: float) -> None:
        advance(self.ws, seconds)

    def mail(self, person: str, index: int = -1) -> dict:  # type: ignore[type-arg]
        return inbox(self.ws, person)[index]

    def url(self, person: str, link: str, index: int = -1) -> str:
        return str(self.mail(person, index)["links"][link])

    def honeypot(self, person: str, index: int = -1) -> str:
        html = self.mail(person, index)["html"]
        start = html.rindex('<a href="') + len('<a href="')
        return str(html[start:html.index('"', start)]).replace("&amp;", "&")

    def click(self, url: str, ua: str = BROWSER, **kw: object) -> ClickOutcome:
        return record_click(self.ws, url, user_agent=ua, **kw)  # type: ignore[arg-type]

    def counts(self) -> dict[str, dict[str, int]]:
        return status(self.ws, self.cid).nodes

    def draft(self):  # type: ignore[no-untyped-def]
        store = CampaignStore(self.ws)
        campaign = store.load(self.cid)
        store.attach(campaign)
        return campaign


@pytest.fixture
def workspace(workspace_location: Path | str) -> Iterator[Workspace]:
    ws = Workspace.open(workspace_location, create=True)
    CampaignStore(ws).add(funnel())
    yield ws
    ws.close()


@pytest.fixture
def sim(workspace: Workspace) -> Sim:
    return Sim(workspace)


@pytest.fixture
def live(sim: Sim) -> Sim:
    sim.go_live()
    return sim

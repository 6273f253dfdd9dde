"""Campaign states: draft -> published -> active <-> paused. Refusals say what to do."""

from __future__ import annotations

from canvas_app.domain.vocabulary import CampaignState
from canvas_app.engine import clock
from canvas_app.engine.errors import Refused
from canvas_app.engine.events_log import log
from canvas_app.engine.versions import unpublished_changes
from canvas_app.store.campaigns import campaign_row
from canvas_app.store.workspace import Workspace

PUBLISH_MENU, ACTIVATE_MENU = "Campaign › Publish…", "Campaign › Activate"


def activate(workspace: Workspace, campaign_id: str) -> str:
    with workspace.transaction() as session:
        row = campaign_row(session, campaign_id)
        if row.state == CampaignState.ACTIVE:
            raise Refused(f"'{row.name}' is already active")
        number, changes = unpublished_changes(session, campaign_id)
        if number is None:
            raise Refused(f"publish '{row.name}' before activating it",
                          command=f"publish {campaign_id}", menu=PUBLISH_MENU)
        if changes is not None:
            raise Refused(f"publish your changes first: {changes.summary()} since version "
                          f"{number}", command=f"publish {campaign_id}", menu=PUBLISH_MENU)
        row.state = CampaignState.ACTIVE
        log(session, clock.now(session), campaign_id, "activated", detail=f"version {number}")
        return f"'{row.name}' is active (version {number})"


def pause(workspace: Workspace, campaign_id: str) -> str:
    with workspace.transaction() as session:
        row = campaign_row(session, campaign_id)
        if row.state != CampaignState.ACTIVE:
            raise Refused(f"'{row.name}' is not active, so it cannot be paused "
                          f"(it is {row.state})")
        row.state = CampaignState.PAUSED
        log(session, clock.now(session), campaign_id, "paused")
        return (f"'{row.name}' is paused: emails and goals wait until it is activated again")


def refuse_unless_active(state: str, name: str, campaign_id: str) -> None:
    """Refused, saying what to do, unless a campaign in ``state`` is active."""
    if state == CampaignState.ACTIVE:
        return
    if state == CampaignState.DRAFT:
        raise Refused(f"'{name}' is not active: publish it, then activate it",
                      command=f"publish {campaign_id}, then activate {campaign_id}",
                      menu=f"{PUBLISH_MENU}, then {ACTIVATE_MENU}")
    raise Refused(f"'{name}' is {state}, not active: activate it first",
                  command=f"activate {campaign_id}", menu=ACTIVATE_MENU)

"""Campaigns as things a user manages: rename, duplicate (a draft without contacts) and delete
(refused while active; the workspace is backed up first)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from canvas_app.domain.ids import new_id
from canvas_app.domain.vocabulary import CampaignState
from canvas_app.domain.words import unused
from canvas_app.engine.errors import Refused
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace

MAX_NAME = 200


def clean_name(name: str) -> str:
    """The name as stored; Refused when it is empty, too long or holds control characters."""
    clean = " ".join(name.split())
    if not clean:
        raise Refused("a campaign name cannot be empty")
    if len(clean) > MAX_NAME:
        raise Refused(f"a campaign name can be at most {MAX_NAME} characters "
                      f"(this one has {len(clean)})")
    if any(not ch.isprintable() for ch in clean):
        raise Refused("a campaign name cannot hold control characters")
    return clean


def unused_name(store: CampaignStore, wanted: str) -> str:
    """``wanted``, or ``wanted 2``, ``wanted 3``… if a campaign already has that name."""
    return unused(wanted, {c.name for c in store.list()})


def rename(workspace: Workspace, campaign_id: str, name: str) -> str:
    """Renames the campaign's draft; returns the name as stored."""
    store = CampaignStore(workspace)
    campaign = store.load(campaign_id)
    clean = clean_name(name)
    if clean != campaign.name:
        campaign.rename(clean)
        store.replace_draft(campaign_id, campaign)
    return clean


def duplicate(workspace: Workspace, campaign_id: str, name: str | None = None) -> str:
    """A new draft campaign with a copy of the draft (no versions, no contacts); its id."""
    store = CampaignStore(workspace)
    copy = store.load(campaign_id).copy()
    copy.id = new_id()
    copy.name = clean_name(name) if name is not None else unused_name(store, f"{copy.name} (copy)")
    store.add(copy)
    return copy.id


@dataclass(frozen=True)
class Deleted:
    name: str
    #: The copy of the workspace file from before; None on a server (it keeps its own backups).
    backup: Path | None

    def told(self) -> str:
        """Where the workspace from before is, as a sentence."""
        if self.backup is None:
            return ("The workspace is on a database server: restore it from the server's own "
                    "backups if need be.")
        return f"A copy of the workspace from before is in {self.backup}"


def backup_path(workspace: Workspace, what: str) -> Path | None:
    """A name for a backup copy next to the workspace file (None for a server workspace)."""
    if workspace.path is None:
        return None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = workspace.path
    return path.with_name(f"{path.name}.before-{what}-{stamp}.bak")


def refuse_deleting(workspace: Workspace, campaign_id: str) -> None:
    """Refused, saying what to do first, when the campaign cannot be deleted now (asked before
    a user is asked to confirm, so nobody confirms what is then refused)."""
    store = CampaignStore(workspace)
    store.revision(campaign_id)  # NotFound, naming the id, when there is no such campaign
    summary = next(c for c in store.list() if c.id == campaign_id)
    if summary.state == CampaignState.ACTIVE:
        raise Refused(f"'{summary.name}' is active: pause it first, then delete it",
                      command=f"pause {campaign_id}", menu="Campaign › Pause")


def delete(workspace: Workspace, campaign_id: str) -> Deleted:
    """Deletes the campaign with its versions and simulation, after a backup of the workspace."""
    refuse_deleting(workspace, campaign_id)
    store = CampaignStore(workspace)
    summary = next(c for c in store.list() if c.id == campaign_id)
    backup = backup_path(workspace, "delete")
    if backup is not None:
        workspace.save_as(backup)
    store.delete(campaign_id)
    return Deleted(summary.name, backup)

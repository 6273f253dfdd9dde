"""The default workspace in the user's data directory, created with the demo campaign."""

from __future__ import annotations

from pathlib import Path

from canvas_app.domain.interchange import read_campaign_file
from canvas_app.resources import resource_path
from canvas_app.store import postgres
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.facts import default_workspace_path
from canvas_app.store.workspace import Workspace

DEMO_SAMPLE = "yoga-trial.campaign.json"


def open_workspace(path: Path | str | None = None, *, read_only: bool = False,
                   create: bool = False) -> Workspace:
    """Opens ``path`` (created empty when ``create``); with no path, the default workspace,
    created with the demo campaign on first use (atomically). A database URL (text) opens a
    workspace on a server."""
    if path is not None:
        return Workspace.open(path, read_only=read_only, create=create)
    default = default_workspace_path()
    if default.exists():
        return Workspace.open(default, read_only=read_only)
    demo = read_campaign_file(resource_path("samples", DEMO_SAMPLE))
    # Created with its demo campaign under a temporary name, then moved into place: an
    # interrupted first run leaves no default workspace rather than an empty one.
    workspace = Workspace.open(default, create=True,
                               populate=lambda new: CampaignStore(new).add(demo))
    if read_only and not workspace.read_only:
        workspace.close()
        return Workspace.open(default, read_only=True)
    return workspace


def is_server(location: str) -> bool:
    """``location`` names a workspace on a database server (a URL) rather than a file."""
    return postgres.is_url(location)


def with_password(url: str, password: str) -> str:
    """A server workspace's URL with ``password`` in it, to open it with (never to show)."""
    return postgres.with_password(url, password)

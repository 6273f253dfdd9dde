"""What a starting editor can show before the database and engine libraries load: the
campaign it will open, from the store's light read (see ``store.quick_read``), and where the
default workspace is. Importing this loads neither SQLAlchemy nor the rest of the engine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

from canvas_app.domain.changes import compare
from canvas_app.domain.interchange import from_trusted_document
from canvas_app.domain.model import Campaign
from canvas_app.store.facts import default_workspace_path
from canvas_app.store.quick_read import first_look as _first_look

__all__ = ["FirstLook", "Standing", "default_workspace_path", "first_campaign"]


class Standing(NamedTuple):
    """The campaign's state as the editor's banner shows it."""

    state: str
    version: int | None  # the newest published version
    changes: str | None  # what the draft changed since it, in words; None: nothing


class FirstLook(NamedTuple):
    path: Path
    campaign: Campaign
    standing: Standing


def first_campaign(path: Path | None, campaign_id: str | None = None) -> FirstLook | None:
    """(the workspace, the campaign the editor shows first, its standing) or None when only the
    full open can say what the workspace holds (it needs migrating, is locked, damaged or
    missing)."""
    target = path if path is not None else default_workspace_path()
    glance = _first_look(target, campaign_id)
    if glance is None:
        return None
    changes = None
    if glance.version_document is not None:
        published = from_trusted_document(json.loads(glance.version_document))
        found = compare(published, glance.campaign)
        changes = found.summary() if found.any else None
    return FirstLook(target, glance.campaign, Standing(glance.state, glance.version, changes))

"""What a starting editor can show before the database and engine libraries load: the
campaign it will open, from the store's light read (see ``store.quick_read``), and where the
default workspace is. Importing this loads neither SQLAlchemy nor the rest of the engine."""

from __future__ import annotations

from pathlib import Path

from canvas_app.domain.model import Campaign
from canvas_app.store.facts import default_workspace_path
from canvas_app.store.quick_read import first_look as _first_look

__all__ = ["default_workspace_path", "first_campaign"]


def first_campaign(path: Path | None, campaign_id: str | None = None
                   ) -> tuple[Path, Campaign] | None:
    """(the workspace, the campaign the editor shows first) or None when only the full open
    can say what the workspace holds (it needs migrating, is locked, damaged or missing)."""
    target = path if path is not None else default_workspace_path()
    campaign = _first_look(target, campaign_id)
    return None if campaign is None else (target, campaign)

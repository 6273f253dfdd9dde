"""Where the user left a campaign's canvas (zoom and centre, or "fitted"), as kept in the
user's settings; read without the editor's view (the first paint reads it too)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings


@dataclass(frozen=True)
class ViewState:
    fitted: bool
    zoom: float
    center: tuple[float, float]


def key(workspace: Path | str, campaign_id: str) -> str:
    """A file by its real path; a server workspace by its URL (shown without its password)."""
    where = workspace.resolve() if isinstance(workspace, Path) else workspace
    digest = hashlib.sha256(f"{where}\n{campaign_id}".encode()).hexdigest()[:20]
    return f"views/{digest}"


def recall(settings: QSettings, workspace: Path | str, campaign_id: str) -> ViewState | None:
    """The view as it was left; None when this campaign was never shown (or the value is bad)."""
    value = settings.value(key(workspace, campaign_id))
    if value == "fit":
        return ViewState(True, 1.0, (0.0, 0.0))
    try:
        zoom, x, y = (float(part) for part in str(value).split())
    except ValueError:
        return None
    if not all(abs(v) < 1e7 for v in (x, y)) or not 0.01 <= zoom <= 100:
        return None
    return ViewState(False, zoom, (x, y))

"""Where the user left the canvas of each campaign (zoom and centre, or "fitted"), kept in the
user's settings, so a campaign opens again as it was left."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QSettings

from canvas_app.ui.canvas.view import CanvasView


@dataclass(frozen=True)
class ViewState:
    fitted: bool
    zoom: float
    center: tuple[float, float]


def capture(view: CanvasView) -> ViewState:
    center = view.visible_center()
    return ViewState(view.fitted, view.zoom(), (center.x(), center.y()))


def apply(view: CanvasView, state: ViewState) -> None:
    if state.fitted:
        view.fit()
        return
    view.set_zoom(state.zoom)
    view.centerOn(QPointF(*state.center))


def _key(workspace: Path | str, campaign_id: str) -> str:
    """A file by its real path; a server workspace by its URL (shown without its password)."""
    where = workspace.resolve() if isinstance(workspace, Path) else workspace
    digest = hashlib.sha256(f"{where}\n{campaign_id}".encode()).hexdigest()[:20]
    return f"views/{digest}"


def remember(settings: QSettings, workspace: Path | str, campaign_id: str, view: CanvasView) -> None:
    state = capture(view)
    settings.setValue(_key(workspace, campaign_id),
                      "fit" if state.fitted else f"{state.zoom!r} {state.center[0]!r} "
                                                  f"{state.center[1]!r}")


def recall(settings: QSettings, workspace: Path | str, campaign_id: str) -> ViewState | None:
    """The view as it was left; None when this campaign was never shown (or the value is bad)."""
    value = settings.value(_key(workspace, campaign_id))
    if value == "fit":
        return ViewState(True, 1.0, (0.0, 0.0))
    try:
        zoom, x, y = (float(part) for part in str(value).split())
    except ValueError:
        return None
    if not all(abs(v) < 1e7 for v in (x, y)) or not 0.01 <= zoom <= 100:
        return None
    return ViewState(False, zoom, (x, y))

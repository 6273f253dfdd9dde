"""Where the user left the canvas of each campaign (zoom and centre, or "fitted"), kept in the
user's settings, so a campaign opens again as it was left."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QSettings

from canvas_app.ui.canvas.view import CanvasView
from canvas_app.ui.canvas.view_state import ViewState, key, recall

__all__ = ["ViewState", "apply", "capture", "recall", "remember"]


def capture(view: CanvasView) -> ViewState:
    center = view.visible_center()
    return ViewState(view.fitted, view.zoom(), (center.x(), center.y()))


def apply(view: CanvasView, state: ViewState) -> None:
    if state.fitted:
        view.fit()
        return
    view.set_zoom(state.zoom)
    view.centerOn(QPointF(*state.center))


def remember(settings: QSettings, workspace: Path | str, campaign_id: str, view: CanvasView
             ) -> None:
    state = capture(view)
    settings.setValue(key(workspace, campaign_id),
                      "fit" if state.fitted else f"{state.zoom!r} {state.center[0]!r} "
                                                  f"{state.center[1]!r}")

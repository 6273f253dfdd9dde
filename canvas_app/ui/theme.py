"""Colours of the canvas for the light and dark system palettes, readable on a projector."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette


@dataclass(frozen=True)
class Theme:
    dark: bool
    background: QColor
    grid_dot: QColor
    card: QColor
    card_border: QColor
    shadow: QColor
    text: QColor
    muted_text: QColor
    accent: QColor
    goal: QColor
    goal_border: QColor
    edge: QColor
    edge_selected: QColor
    error: QColor
    warning: QColor
    allowed: QColor
    refused: QColor
    chip: QColor


LIGHT = Theme(
    dark=False, background=QColor("#f4f6f9"), grid_dot=QColor("#cdd3dc"), card=QColor("#ffffff"),
    card_border=QColor("#cfd6e0"), shadow=QColor(16, 24, 40, 28), text=QColor("#1d2433"),
    muted_text=QColor("#5b6577"), accent=QColor("#2f6fed"), goal=QColor("#0f9d8a"),
    goal_border=QColor("#0b7a6b"), edge=QColor("#8a94a6"), edge_selected=QColor("#2f6fed"),
    error=QColor("#d92d20"), warning=QColor("#dc8a00"), allowed=QColor("#12a150"),
    refused=QColor("#d92d20"), chip=QColor("#eef2f7"))

DARK = Theme(
    dark=True, background=QColor("#1b1e24"), grid_dot=QColor("#343a46"), card=QColor("#2a2f38"),
    card_border=QColor("#434b59"), shadow=QColor(0, 0, 0, 90), text=QColor("#eef1f6"),
    muted_text=QColor("#a6afbf"), accent=QColor("#6ea0ff"), goal=QColor("#14b39c"),
    goal_border=QColor("#5eead4"), edge=QColor("#7d879a"), edge_selected=QColor("#6ea0ff"),
    error=QColor("#ff6b5e"), warning=QColor("#f5b83d"), allowed=QColor("#3ddc84"),
    refused=QColor("#ff6b5e"), chip=QColor("#353b46"))


def current_theme() -> Theme:
    """Follows the system: dark when the window colour is dark."""
    app = QGuiApplication.instance()
    if app is None:
        return LIGHT
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return DARK if window.lightness() < 128 else LIGHT

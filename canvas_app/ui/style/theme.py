"""Colours of the canvas for the light and dark system palettes, readable on a projector."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from canvas_app.domain.vocabulary import CampaignState


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


# -- colours and metrics of the widgets around the canvas: the one place they are written -------

ERROR_COLOUR = "#d92d20"
ERROR_DEEP = "#b42318"
WARNING_COLOUR = "#b54708"
WARNING_DEEP, WARNING_ON_DARK = "#93370d", "#fdb022"
LINK_COLOUR = "#175cd3"
NOTICE_BACKGROUND = "#fff4ce"
#: A field whose text cannot be accepted.
INVALID_FIELD = f"QLineEdit {{ border: 2px solid {ERROR_COLOUR}; }}"
#: A box naming something to fix, on a light and a dark palette.
PROBLEM_BOX = {False: "background: #fef3f2; color: #912018; border-radius: 6px;",
               True: "background: #55160c; color: #fecdca; border-radius: 6px;"}
#: (text, background) of the state banner's pills, by campaign state.
STATE_PILL = {CampaignState.DRAFT: ("#475467", "#eaecf0"),
              CampaignState.PUBLISHED: (LINK_COLOUR, "#d1e9ff"),
              CampaignState.ACTIVE: ("#067647", "#d1fadf"),
              CampaignState.PAUSED: (WARNING_COLOUR, "#fef0c7")}
READ_ONLY_PILL = ("#b42318", "#fee4e2")
CHANGES_PILL = (WARNING_DEEP, "#fef0c7")
#: An image's placeholder in a previewed email.
IMAGE_PLACEHOLDER = "background-color:#eef2f7; color:#5b6577; border:1px solid #cfd6e0;"
#: The same placeholder drawn as a picture of the image's size: (fill, text, border).
IMAGE_PLACEHOLDER_COLOURS = ("#eef2f7", "#5b6577", "#cfd6e0")
#: A merge tag the preview cannot fill (not ours, no fallback): shown, never blank.
MERGE_TOKEN = "background-color:#fef0c7; color:#93370d; font-family:monospace;"
#: A link in a previewed email, by its state for the goal being set up (see ``preview_html``).
LINK_STYLE = {
    "chosen": "color:#05603a; background-color:#d1fadf; font-weight:bold; text-decoration:none;",
    "can_choose": f"color:{LINK_COLOUR}; text-decoration:underline;",
    "cannot": "color:#98a2b3; text-decoration:none;",
    "plain": f"color:{LINK_COLOUR}; text-decoration:underline;",
}
DARK_LINK_STYLE = {
    "chosen": "color:#05603a; background-color:#a6f4c5; font-weight:bold; text-decoration:none;",
    "can_choose": "color:#84adff; text-decoration:underline;",
    "cannot": "color:#85888e; text-decoration:none;",
    "plain": "color:#84adff; text-decoration:underline;",
}


def pill(colours: tuple[str, str]) -> str:
    """The style sheet of a rounded label in (text, background) colours."""
    text, background = colours
    return (f"QLabel {{ background: {background}; color: {text}; border-radius: 9px; "
            "padding: 2px 10px; font-weight: 600; }")


#: How long a status-bar message stays, in milliseconds.
STATUS_MS = 8000

"""Every colour of the application, for the light and the dark system palette, readable on a
projector: the canvas's and the surrounding widgets' (``colour_pairs`` lists how they are
paired, and a test holds each pair to WCAG 2.2 AA contrast)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from canvas_app.domain.vocabulary import CampaignState


@dataclass(frozen=True)
class Theme:
    dark: bool
    background: QColor  # the canvas
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
    error: QColor  # markers and outlines on the canvas
    warning: QColor
    allowed: QColor
    refused: QColor
    chip: QColor
    # -- the widgets around the canvas (on the palette's window and base colours) ---------
    window: QColor  # the palette this theme is checked against (and gives, when dark)
    base: QColor
    window_text: QColor
    error_text: QColor
    warning_text: QColor
    success_text: QColor
    link: QColor
    link_cannot: QColor  # a link that cannot satisfy a goal, greyed in the preview
    notice_background: QColor
    notice_text: QColor
    on_marker: QColor  # the glyph on an error or warning marker, text on a refusal bubble


LIGHT = Theme(
    dark=False, background=QColor("#f4f6f9"), grid_dot=QColor("#cdd3dc"), card=QColor("#ffffff"),
    card_border=QColor("#cfd6e0"), shadow=QColor(16, 24, 40, 28), text=QColor("#1d2433"),
    muted_text=QColor("#5b6577"), accent=QColor("#2f6fed"), goal=QColor("#0f9d8a"),
    goal_border=QColor("#0b7a6b"), edge=QColor("#737d90"), edge_selected=QColor("#2f6fed"),
    error=QColor("#d92d20"), warning=QColor("#a86200"), allowed=QColor("#12a150"),
    refused=QColor("#d92d20"), chip=QColor("#eef2f7"),
    window=QColor("#efefef"), base=QColor("#ffffff"), window_text=QColor("#1d2433"),
    error_text=QColor("#b42318"), warning_text=QColor("#93370d"),
    success_text=QColor("#067647"), link=QColor("#175cd3"), link_cannot=QColor("#5d6679"),
    notice_background=QColor("#fff4ce"), notice_text=QColor("#1d2433"),
    on_marker=QColor("#ffffff"))

DARK = Theme(
    dark=True, background=QColor("#1b1e24"), grid_dot=QColor("#343a46"), card=QColor("#2a2f38"),
    card_border=QColor("#434b59"), shadow=QColor(0, 0, 0, 90), text=QColor("#eef1f6"),
    muted_text=QColor("#a6afbf"), accent=QColor("#6ea0ff"), goal=QColor("#14b39c"),
    goal_border=QColor("#5eead4"), edge=QColor("#7d879a"), edge_selected=QColor("#6ea0ff"),
    error=QColor("#ff6b5e"), warning=QColor("#f5b83d"), allowed=QColor("#3ddc84"),
    refused=QColor("#ff6b5e"), chip=QColor("#353b46"),
    window=QColor("#2d2f36"), base=QColor("#23262d"), window_text=QColor("#eef1f6"),
    error_text=QColor("#ff8a80"), warning_text=QColor("#fdb022"),
    success_text=QColor("#47cd89"), link=QColor("#84adff"), link_cannot=QColor("#9aa1ad"),
    notice_background=QColor("#3d3420"), notice_text=QColor("#fff4ce"),
    on_marker=QColor("#1b1e24"))


def current_theme() -> Theme:
    """Follows the system: dark when the window colour is dark."""
    app = QGuiApplication.instance()
    if app is None:
        return LIGHT
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return DARK if window.lightness() < 128 else LIGHT


def palette_for(theme: Theme) -> QPalette:
    """A whole widget palette in the theme's colours (for a dark system whose style does not
    give one)."""
    palette = QPalette(theme.window, theme.window)
    role = QPalette.ColorRole
    for r, colour in ((role.Window, theme.window), (role.WindowText, theme.window_text),
                      (role.Base, theme.base), (role.AlternateBase, theme.card),
                      (role.Text, theme.window_text), (role.Button, theme.card),
                      (role.ButtonText, theme.window_text), (role.ToolTipBase, theme.card),
                      (role.ToolTipText, theme.window_text), (role.Link, theme.link),
                      (role.Highlight, theme.accent), (role.HighlightedText, theme.on_marker
                                                       if theme.dark else theme.base),
                      (role.PlaceholderText, theme.muted_text), (role.Mid, theme.card_border)):
        palette.setColor(r, colour)
    palette.setColor(QPalette.ColorGroup.Disabled, role.Text, theme.muted_text)
    palette.setColor(QPalette.ColorGroup.Disabled, role.WindowText, theme.muted_text)
    palette.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, theme.muted_text)
    return palette


def luminance(colour: QColor) -> float:
    """WCAG 2.2 relative luminance."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two opaque colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


TEXT, PART = 4.5, 3.0  # WCAG 2.2 AA: text, and the parts that make out a control or state


def colour_pairs(t: Theme) -> list[tuple[str, QColor, QColor, float]]:
    """(what, foreground, background, minimum contrast) for every pairing the theme is used
    in."""
    pairs = [("node name", t.text, t.background, TEXT), ("card text", t.text, t.card, TEXT),
             ("node note", t.muted_text, t.background, TEXT),
             ("muted on card", t.muted_text, t.card, TEXT), ("counts", t.text, t.chip, TEXT),
             ("refusal text", t.on_marker, t.refused, TEXT),
             ("marker glyph", t.on_marker, t.error, PART),
             ("warning marker glyph", t.on_marker, t.warning, PART),
             ("tick on an allowed target", t.on_marker, t.allowed, PART),
             ("cross on a refused target", t.on_marker, t.refused, PART),
             ("notice", t.notice_text, t.notice_background, TEXT)]
    for place, ground in (("window", t.window), ("base", t.base)):
        pairs += [(f"{what} on {place}", colour, ground, TEXT) for what, colour in (
            ("text", t.window_text), ("error", t.error_text), ("warning", t.warning_text),
            ("success", t.success_text), ("link", t.link), ("greyed link", t.link_cannot))]
    pairs += [(what, colour, t.background, PART) for what, colour in (
        ("selection", t.accent), ("goal", t.goal), ("goal outline", t.goal_border),
        ("connection", t.edge), ("selected connection", t.edge_selected),
        ("allowed target", t.allowed), ("refused target", t.refused), ("error marker", t.error),
        ("warning marker", t.warning))]
    pairs += [("error marker on card", t.error, t.card, PART),
              ("warning marker on card", t.warning, t.card, PART)]
    return pairs


# -- colours and metrics of the widgets around the canvas: the one place they are written -------

ERROR_COLOUR = "#d92d20"
ERROR_DEEP = "#b42318"
WARNING_COLOUR = "#93370d"
WARNING_DEEP, WARNING_ON_DARK = "#93370d", "#fdb022"
LINK_COLOUR = "#175cd3"
NOTICE_BACKGROUND = "#fff4ce"
#: A field whose text cannot be accepted.
INVALID_FIELD = f"QLineEdit {{ border: 2px solid {ERROR_COLOUR}; }}"
#: A box naming something to fix, on a light and a dark palette.
PROBLEM_BOX = {False: "background: #fef3f2; color: #912018; border-radius: 6px;",
               True: "background: #55160c; color: #fecdca; border-radius: 6px;"}
#: A QR code is black on white whatever the theme (that is what phones read).
QR_DARK, QR_LIGHT = "#000000", "#ffffff"
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
    "cannot": f"color:{LIGHT.link_cannot.name()}; text-decoration:none;",
    "plain": f"color:{LINK_COLOUR}; text-decoration:underline;",
}
DARK_LINK_STYLE = {
    "chosen": "color:#05603a; background-color:#a6f4c5; font-weight:bold; text-decoration:none;",
    "can_choose": "color:#84adff; text-decoration:underline;",
    "cannot": f"color:{DARK.link_cannot.name()}; text-decoration:none;",
    "plain": "color:#84adff; text-decoration:underline;",
}


def pill(colours: tuple[str, str]) -> str:
    """The style sheet of a rounded label in (text, background) colours."""
    text, background = colours
    return (f"QLabel {{ background: {background}; color: {text}; border-radius: 9px; "
            "padding: 2px 10px; font-weight: 600; }")


#: How long a status-bar message stays, in milliseconds.
STATUS_MS = 8000


def follow_system_scheme() -> None:
    """Uses the dark palette when the system says it prefers dark and its style gives a light
    one, and follows a change of the system's scheme while running (no restart)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    hints = app.styleHints()

    def apply(scheme: Qt.ColorScheme) -> None:
        if scheme == Qt.ColorScheme.Dark and current_theme() is LIGHT:
            QGuiApplication.setPalette(palette_for(DARK))
        elif scheme == Qt.ColorScheme.Light and current_theme() is DARK:
            QGuiApplication.setPalette(palette_for(LIGHT))

    apply(hints.colorScheme())
    hints.colorSchemeChanged.connect(apply)

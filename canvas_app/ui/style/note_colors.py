"""The colours of notes on the canvas, for a light and a dark theme: (fill, border, text).
Soft paper colours that sit behind the automation without competing with it; the text on each
keeps a contrast of at least 7:1 (checked by a test)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor

from canvas_app.domain.notes import NoteColor

_LIGHT = {
    NoteColor.YELLOW: ("#fff4bf", "#e3c75a", "#3d3000"),
    NoteColor.BLUE: ("#dcebff", "#8fb4ec", "#0b2a55"),
    NoteColor.GREEN: ("#dcf5e3", "#86c99a", "#0d3b1c"),
    NoteColor.PINK: ("#fde2ef", "#e79bbf", "#5a1232"),
    NoteColor.GREY: ("#eceff3", "#b4bcc8", "#1d2433"),
}
_DARK = {
    NoteColor.YELLOW: ("#4a3f10", "#8a7424", "#fff4bf"),
    NoteColor.BLUE: ("#1d3355", "#3f6aa8", "#dcebff"),
    NoteColor.GREEN: ("#17402a", "#3c8a58", "#dcf5e3"),
    NoteColor.PINK: ("#4f1f36", "#9b4a72", "#fde2ef"),
    NoteColor.GREY: ("#353b46", "#5d6675", "#eef1f6"),
}

#: The names a user sees for each colour, in menu order.
COLOR_NAMES = {NoteColor.YELLOW: "Yellow", NoteColor.BLUE: "Blue", NoteColor.GREEN: "Green",
               NoteColor.PINK: "Pink", NoteColor.GREY: "Grey"}


@lru_cache(maxsize=16)
def note_colors(color: NoteColor, dark: bool) -> tuple[QColor, QColor, QColor]:
    """(fill, border, text) of a note of this colour (made once: asked on every paint; the
    colours are shared, so never changed by a caller)."""
    fill, border, text = (_DARK if dark else _LIGHT)[color]
    return QColor(fill), QColor(border), QColor(text)

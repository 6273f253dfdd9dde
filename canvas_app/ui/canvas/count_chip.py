"""Text on the canvas: font metrics made once per font, and the chip with a node's live
counts, drawn in its own row between the card and the name."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPen

from canvas_app.ui.style.theme import Theme

_METRICS: dict[str, QFontMetricsF] = {}
_BY_OBJECT: dict[int, tuple[QFont, QFontMetricsF, float]] = {}


def _known(font: QFont) -> tuple[QFont, QFontMetricsF, float]:
    """The canvas's fonts are never changed in place (``fonts.follow`` makes new ones), so a
    font seen before is known by the object itself, without asking for its description."""
    known = _BY_OBJECT.get(id(font))
    if known is None or known[0] is not font:
        key = font.key()
        if key not in _METRICS:
            _METRICS[key] = QFontMetricsF(font)
        known = _BY_OBJECT[id(font)] = (font, _METRICS[key], _METRICS[key].height())
    return known


def metrics(font: QFont) -> QFontMetricsF:
    """Font metrics, made once per font (they are asked for on every node refresh)."""
    return _known(font)[1]


def line_height(font: QFont) -> float:
    """The height of a line of text in ``font`` (``metrics(font).height()``, kept)."""
    return _known(font)[2]


def make_font(size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


COUNT_FONT = make_font(8.5, bold=True)


def count_text(counts: dict[str, int] | None) -> str:
    return "  ".join(f"{n} {k}" for k, n in (counts or {}).items() if n)


def chip_height() -> float:
    return line_height(COUNT_FONT) + 4


#: Below the card, clear of its selection and highlight outline (5 px out, 3 px wide).
CHIP_GAP = 10.0


def chip_rect(body: QRectF, text: str) -> QRectF:
    width = metrics(COUNT_FONT).horizontalAdvance(text) + 16
    return QRectF(-width / 2, body.bottom() + CHIP_GAP, width, chip_height())


def paint_counts(painter: QPainter, theme: Theme, body: QRectF, text: str) -> None:
    """A chip with the live counts (``text``) in its own row under the shape, above the
    name."""
    if not text:
        return
    font = COUNT_FONT
    chip = chip_rect(body, text)
    painter.setPen(QPen(theme.card_border, 1))
    painter.setBrush(theme.chip)
    painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
    painter.setFont(font)
    painter.setPen(theme.text)
    painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)

"""Connection feedback that does not rely on colour: while a connection is drawn, each node
says in words whether it can take it ("✓ Can connect" / "✕ Not allowed" in place of its note)
and carries a tick or a cross in its corner; the refused outline is dashed, the allowed one
solid (a green and a red outline alone look the same to many)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from canvas_app.domain.vocabulary import ConnectionState
from canvas_app.ui.style.theme import Theme

NOTE = {ConnectionState.ALLOWED: "✓ Can connect", ConnectionState.REFUSED: "✕ Not allowed"}


def note_for(state: ConnectionState | None) -> str | None:
    """The words shown under the node's name while a connection is drawn, if any."""
    return NOTE.get(state) if state is not None else None


def outline_style(state: ConnectionState | None) -> Qt.PenStyle:
    return Qt.PenStyle.DashLine if state == ConnectionState.REFUSED else Qt.PenStyle.SolidLine


def colour(theme: Theme, state: ConnectionState) -> QColor:
    return theme.refused if state == ConnectionState.REFUSED else theme.allowed


def paint_badge(painter: QPainter, theme: Theme, body: QRectF,
                state: ConnectionState | None) -> None:
    """A tick (allowed) or a cross (refused) in a disc at the body's top-left corner."""
    if state not in NOTE:
        return
    assert state is not None
    centre = QPointF(body.left() + 4, body.top() + 4)
    painter.setPen(QPen(theme.card, 2))
    painter.setBrush(colour(theme, state))
    painter.drawEllipse(centre, 10, 10)
    painter.setPen(QPen(theme.on_marker, 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    if state == ConnectionState.ALLOWED:
        painter.drawLine(centre + QPointF(-4.5, 0.5), centre + QPointF(-1.5, 3.5))
        painter.drawLine(centre + QPointF(-1.5, 3.5), centre + QPointF(4.5, -3.5))
    else:
        painter.drawLine(centre + QPointF(-4, -4), centre + QPointF(4, 4))
        painter.drawLine(centre + QPointF(-4, 4), centre + QPointF(4, -4))

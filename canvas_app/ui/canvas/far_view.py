"""The far view of a large campaign: below the zoom where text disappears, every connection is
drawn by one item as one path, instead of thousands of items painting one curve each.

The connections' items stay in the scene (hidden, but a selected one stays shown); the layer
follows them: any connection that moves or changes marks the one path for rebuilding, which
happens at the next paint."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from canvas_app.ui.canvas.constants import LOD_TEXT, Z_EDGE
from canvas_app.ui.style.theme import Theme

#: Below this zoom the far view takes over (text is not drawn there either).
FAR_ZOOM = LOD_TEXT
#: Campaigns with fewer connections keep one item per connection at every zoom.
FAR_MIN_EDGES = 300


class FarEdges(QGraphicsItem):
    def __init__(self, theme: Theme, paths: Callable[[], Iterable[QPainterPath]]) -> None:
        super().__init__()
        self.theme = theme
        self._paths = paths  # the current curves of every connection
        self._path: QPainterPath | None = None  # None: to be made at the next paint
        self._bounds = QRectF()
        self.setZValue(Z_EDGE - 0.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def invalidate(self) -> None:
        """A connection moved, came or went: the one path is made again at the next paint."""
        self._path = None
        self.update()

    def follow_scene_rect(self) -> None:
        """The layer covers the scene's area (which holds every node with a margin)."""
        self.prepareGeometryChange()
        scene = self.scene()
        self._bounds = scene.sceneRect() if scene is not None else QRectF()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never under the mouse: clicks go to what is drawn below

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self._path is None:
            self._path = QPainterPath()
            for curve in self._paths():
                self._path.addPath(curve)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(self.theme.edge, 0))  # cosmetic: one pixel at any zoom
        painter.drawPath(self._path)

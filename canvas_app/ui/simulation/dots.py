"""Contacts moving along edges as animated dots: into a goal they achieved, then on into the
sequence after it. Purely decoration; switchable."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QObject, QTimeLine
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsEllipseItem

from canvas_app.engine.simulation import Movement, last_event_id, movements
from canvas_app.store.workspace import Workspace
from canvas_app.ui.canvas.constants import Z_DRAGGED_EDGE
from canvas_app.ui.canvas.edges import EdgeItem
from canvas_app.ui.canvas.scene import CanvasScene

RADIUS = 7.0
DURATION_MS = 900
MAX_PER_EDGE = 4


class DotAnimator(QObject):
    def __init__(self, scene: CanvasScene, workspace: Workspace) -> None:
        super().__init__(scene)
        self.scene = scene
        self.enabled = True
        self.running: list[QTimeLine] = []
        self.seen_event = last_event_id(workspace)  # movements before it are not shown

    def play_new(self, workspace: Workspace, campaign_id: str) -> None:
        """The dots for what moved in the campaign since the last time."""
        moves = movements(workspace, campaign_id, self.seen_event)
        if moves:
            self.seen_event = moves[-1].event_id
            self.play(moves)

    def play(self, moves: list[Movement]) -> int:
        """Starts the dots for these movements; returns how many were started."""
        if not self.enabled:
            return 0
        per_edge: dict[EdgeItem, int] = {}
        for move in moves:
            for edge in self.scene.edge_items.values():
                if edge.edge.target != move.node_id:
                    continue
                comes_from_goal = edge.source.node.kind == "goal"
                if (move.kind == "enrolled") == comes_from_goal:
                    per_edge[edge] = per_edge.get(edge, 0) + 1
        started = 0
        for edge, count in per_edge.items():
            for i in range(min(count, MAX_PER_EDGE)):
                self._dot(edge, delay=i * 180 + (DURATION_MS if edge.source.node.kind == "goal"
                                                 else 0))
                started += 1
        return started

    def _dot(self, edge: EdgeItem, delay: int) -> None:
        theme = self.scene.theme
        dot = QGraphicsEllipseItem(-RADIUS, -RADIUS, 2 * RADIUS, 2 * RADIUS)
        dot.setBrush(theme.goal if edge.source.node.kind == "goal" else theme.accent)
        dot.setPen(QPen(theme.card, 2))
        dot.setZValue(Z_DRAGGED_EDGE)
        dot.setPos(edge.mapToScene(edge.path().pointAtPercent(0)))
        dot.hide()
        self.scene.addItem(dot)
        animation = QTimeLine(DURATION_MS + delay, self)
        animation.setUpdateInterval(16)
        animation.setEasingCurve(QEasingCurve(QEasingCurve.Type.InOutQuad))
        start = delay / (DURATION_MS + delay)

        def moved(value: float) -> None:
            if value < start:
                return
            t = (value - start) / (1 - start)
            dot.show()
            dot.setPos(edge.mapToScene(edge.path().pointAtPercent(min(1.0, t))))

        def finished() -> None:
            if dot.scene() is self.scene:
                self.scene.removeItem(dot)
            self.running.remove(animation)
            animation.deleteLater()

        animation.valueChanged.connect(moved)
        animation.finished.connect(finished)
        self.running.append(animation)
        animation.start()

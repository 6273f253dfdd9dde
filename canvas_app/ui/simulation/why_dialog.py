"""Why did this contact move? A contact's path through the campaign as a timeline in
sentences, with the nodes it passed highlighted on the canvas while the timeline is open."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from canvas_app.engine import clock
from canvas_app.engine.explain import Step, explain
from canvas_app.store.workspace import Workspace
from canvas_app.ui.canvas.view import CanvasView
from canvas_app.ui.style.screen_fit import fit_to_screen
from canvas_app.ui.style.theme import current_theme

MARKS = {"goal_achieved": "★", "bot_click_ignored": "⚠", "clicked": "➜", "stopped": "■",
         "entered": "→", "enrolled": "→", "sent": "✉", "finished": "✓"}


class WhyDialog(QDialog):
    """Non-modal: the canvas stays visible, with the contact's path highlighted."""

    def __init__(self, workspace: Workspace, address: str, campaign_id: str,
                 show_path: Callable[[set[str] | None], None], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("whyDialog")
        self.setWindowTitle(f"Why? {address}")
        self.show_path = show_path
        paths = explain(workspace, address, campaign_id)
        self.steps: list[Step] = paths[0].steps if paths else []
        shown = escape(address, quote=False)
        title = QLabel(f"<b>{shown}</b> in <b>{escape(paths[0].name, quote=False)}</b>" if paths
                       else f"<b>{shown}</b> has not taken part in this campaign yet. "
                       "Enrol the contact and advance the clock first.")
        title.setWordWrap(True)
        self.timeline = QListWidget()
        self.timeline.setObjectName("whyTimeline")
        self.timeline.setAccessibleName("Timeline of this contact")
        self.timeline.setWordWrap(True)
        self.timeline.setAlternatingRowColors(True)
        theme = current_theme()
        colours = {"goal_achieved": theme.success_text, "bot_click_ignored": theme.error_text}
        for step in self.steps:
            item = QListWidgetItem(f"{clock.log_time(step.at)}   {MARKS.get(step.what, '·')}  "
                                   f"{step.why[:1].upper()}{step.why[1:]}")
            colour = colours.get(step.what)
            if colour is not None:  # coloured; only what moved the contact is bold
                item.setForeground(QColor(colour))
            if step.what == "goal_achieved":
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.timeline.addItem(item)
        note = QLabel("The nodes this contact passed are highlighted on the canvas.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.timeline, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        fit_to_screen(self, 560, 560)
        self.nodes = {s.node for s in self.steps if s.node}
        self.show_path(self.nodes)
        self.finished.connect(lambda _result: self.show_path(None))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)


def place_beside(dialog: QDialog, panel: QWidget, view: CanvasView, nodes: set[str]) -> None:
    """Puts the timeline over the side panel it was asked from, and moves the canvas (never
    the campaign) so that the contact's highlighted path is not under it."""
    window = panel.window()
    if isinstance(panel, QDockWidget) and not panel.isVisible():
        panel.show()
    if isinstance(panel, QDockWidget):
        panel.raise_()  # a tab behind another: brought to the front
    area = (panel.frameGeometry() if panel.isWindow() else
            QRect(window.mapToGlobal(panel.geometry().topLeft()), panel.geometry().size()))
    if panel.isVisible() and area.width() > 0:
        width = max(area.width(), min(dialog.width(), 420))
        dialog.resize(width, max(area.height(), 360))  # the whole panel: no half-hidden log
        frame = window.frameGeometry()
        outer = width + dialog.frameGeometry().width() - dialog.geometry().width()
        left = min(area.right() + 1 - outer, frame.right() + 1 - outer)
        dialog.move(max(frame.left(), left), max(frame.top(), area.top()))
    items = [view.canvas.node_items[n] for n in nodes if n in view.canvas.node_items]
    if not items:
        return
    path = QRectF()
    for item in items:
        path = path.united(item.sceneBoundingRect())
    port = view.viewport()
    free_right = port.mapFromGlobal(dialog.geometry().topLeft()).x() - 16  # viewport pixels
    if free_right <= 0:
        return
    shown = view.mapFromScene(path).boundingRect()
    if shown.right() <= free_right:
        return  # already clear of the timeline
    if shown.width() > free_right - 16:  # too wide beside it: smaller, but never enlarged
        view.set_zoom(view.zoom() * (free_right - 16) / max(1, shown.width()))
        shown = view.mapFromScene(path).boundingRect()
    shift = shown.center().x() - free_right / 2  # the path centred in the free part
    view.centerOn(view.visible_center() + QPointF(shift / view.zoom(), 0))

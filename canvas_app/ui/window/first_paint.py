"""The window's first paint: before the database and engine libraries load, a still picture
of the editor (its menus, toolbar and panels in their places, the campaign drawn by the real
node, connection and note items) from the light read of the workspace. The full editor then
takes its place at the same size and spot, showing the same canvas.

Imports only Qt, the domain and the canvas items: a test checks that nothing here loads
SQLAlchemy, Alembic or the engine."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QSettings, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFrame,
    QGraphicsScene,
    QGraphicsView,
    QLabel,
    QListWidget,
    QMainWindow,
    QSizePolicy,
    QToolBar,
    QWidget,
)

from canvas_app.domain.model import Campaign, Goal
from canvas_app.domain.validation import Problem, validate
from canvas_app.domain.words import count
from canvas_app.engine.first_look import Standing
from canvas_app.ui.canvas.edges import EdgeItem
from canvas_app.ui.canvas.grid import draw_background, set_up_view
from canvas_app.ui.canvas.node_kinds import GoalItem, SequenceItem
from canvas_app.ui.canvas.nodes import NodeItem
from canvas_app.ui.canvas.note_item import NoteItem
from canvas_app.ui.canvas.view_state import recall
from canvas_app.ui.panels.inspector import Inspector
from canvas_app.ui.panels.palette import Palette
from canvas_app.ui.panels.problems import fill_problems
from canvas_app.ui.panels.state_pills import StatePills
from canvas_app.ui.style.screen_fit import size_like
from canvas_app.ui.style.theme import Theme, current_theme
from canvas_app.ui.window import layout_memory
from canvas_app.ui.window.docks import INSPECTOR_MIN_WIDTH, proportion_docks, scrolling

#: The editor's window size before it knows better (the main window opens at the same).
WINDOW_SIZE = (1440, 900)
MENUS = ("&File", "&Edit", "&Arrange", "&View", "&Campaign")
MAX_FIT_ZOOM = 1.25  # as the editor's view: fitting never enlarges more
SCENE_MARGIN = 1200.0  # as the editor's scene: room around the campaign


class _Still:
    """The host of a note that cannot be moved or written on (a picture of it)."""

    dragging = False
    snap = False

    def edit_note(self, item: NoteItem) -> None:
        pass

    def resize_note(self, note_id: str, size: tuple[float, float]) -> None:
        pass


class _StillView(QGraphicsView):
    def __init__(self, scene: QGraphicsScene, theme: Theme) -> None:
        super().__init__(scene)
        self.theme = theme
        self.setObjectName("firstPaintView")
        set_up_view(self)  # as the editor's view

    def drawBackground(self, painter: QPainter, rect: QRectF | object) -> None:
        draw_background(painter, QRectF(rect), self.theme, self.transform().m11())  # type: ignore[arg-type]


class Glimpse(QObject):
    """What the Inspector reads of the editor's document, from the light read: the first paint
    shows the Inspector as the editor will (nothing selected yet), read-only."""

    problemsChanged = Signal()

    def __init__(self, campaign: Campaign, problems: list[Problem]) -> None:
        super().__init__()
        self.campaign: Campaign | None = campaign
        self.read_only = True
        self._problems = problems

    def problems_for(self, node_id: str) -> list[Problem]:
        return [p for p in self._problems if p.node == node_id]


class FirstPaint(QMainWindow):
    def __init__(self, path: Path, campaign: Campaign, standing: Standing) -> None:
        super().__init__()
        self.setObjectName("firstPaint")
        self.campaign = campaign
        theme = current_theme()
        self.setWindowTitle(f"{campaign.name} — {path.name} — Campaign Canvas")
        for title in MENUS:
            self.menuBar().addMenu(title)
        self._toolbar(campaign, standing)
        self.scene = QGraphicsScene(self)
        self.view = _StillView(self.scene, theme)
        self.setCentralWidget(self.view)
        problems = validate(campaign)
        problem_list = QListWidget()
        problem_list.setWordWrap(True)
        problem_list.setAlternatingRowColors(True)
        fill_problems(problem_list, problems, campaign)
        self.glimpse = Glimpse(campaign, problems)
        self._docks(problem_list, Inspector(self.glimpse))
        errors = sum(1 for p in problems if p.is_error)
        self._status(f"{count(errors, 'error')}, {count(len(problems) - errors, 'warning')}")
        self._draw(campaign, theme, problems)
        self._state = recall(QSettings("CampaignCanvas", "Campaign Canvas"), path, campaign.id)

    def _toolbar(self, campaign: Campaign, standing: Standing) -> None:
        bar = QToolBar("Main", self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        for text in ("Undo", "Redo"):
            bar.addAction(text).setEnabled(False)
        bar.addSeparator()
        bar.addWidget(QLabel(" Campaign: "))
        switcher = QComboBox()
        switcher.setMinimumContentsLength(24)
        switcher.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        switcher.addItem(campaign.name)
        bar.addWidget(switcher)
        self.pills = StatePills()
        self.pills.show_standing(*standing)
        bar.addWidget(self.pills)
        bar.addSeparator()  # as the editor's: the campaign's actions, then the zoom
        for text in ("Validate", "Publish", "Activate", "Pause"):
            bar.addAction(text).setEnabled(False)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        for text in ("Fit to Window", "Zoom Out", "Zoom In"):
            bar.addAction(text).setEnabled(False)

    def _docks(self, problem_list: QListWidget, inspector_panel: Inspector) -> None:
        """The editor's panels, with its names: the editor takes over their sizes."""
        def dock(name: str, title: str, area: Qt.DockWidgetArea, inside: QWidget | None = None,
                 width: int = 0) -> QDockWidget:
            made = QDockWidget(title, self)
            made.setObjectName(name)
            inside = inside or QWidget()
            inside.setMinimumWidth(width)
            made.setWidget(inside)
            self.addDockWidget(area, made)
            return made

        left = dock("paletteDock", "Add to canvas", Qt.DockWidgetArea.LeftDockWidgetArea,
                    Palette())
        left.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        right = Qt.DockWidgetArea.RightDockWidgetArea
        inspector_panel.setMinimumWidth(INSPECTOR_MIN_WIDTH)  # as the editor's
        inspector = dock("inspectorDock", "Inspector", right, scrolling(inspector_panel))
        simulation = dock("simulationDock", "Simulation", right)
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        problems = dock("problemsDock", "Problems", bottom, problem_list)
        history = dock("historyDock", "History", bottom)
        size_like(self, "mainWindow", *WINDOW_SIZE)
        if layout_memory.restore(self):  # as the user left them (tabs included)
            return
        self.tabifyDockWidget(inspector, simulation)
        inspector.raise_()
        self.tabifyDockWidget(problems, history)
        problems.raise_()
        proportion_docks(self, left, inspector, problems)

    def _status(self, problems: str) -> None:
        for text in (problems, "100%"):
            label = QLabel(text)
            label.setContentsMargins(12, 0, 12, 0)
            label.setFrameShape(QFrame.Shape.StyledPanel)
            self.statusBar().addPermanentWidget(label)
        self.zoom_label = label

    def _draw(self, campaign: Campaign, theme: Theme, problems: list[Problem]) -> None:
        items: dict[str, NodeItem] = {}
        for node in campaign.nodes:
            kind = GoalItem if isinstance(node, Goal) else SequenceItem
            item: NodeItem = kind(node, theme, False, None)
            item.setPos(*(node.position or (0.0, 0.0)))
            item.set_problems([p for p in problems if p.node == node.id])
            items[node.id] = item
            self.scene.addItem(item)
        for edge in campaign.edges:
            if edge.source in items and edge.target in items:
                self.scene.addItem(EdgeItem(edge, items[edge.source], items[edge.target], theme,
                                            False))
        notes = [NoteItem(note, theme, False, _Still()) for note in campaign.notes]
        for note_item in notes:
            self.scene.addItem(note_item)
        self.content = QRectF()  # as the editor's scene has it: nodes and notes
        for shown in [*items.values(), *notes]:
            self.content = self.content.united(shown.sceneBoundingRect())
        around = self.content if not self.content.isNull() else QRectF(-400, -300, 800, 600)
        self.scene.setSceneRect(around.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN,
                                                SCENE_MARGIN))

    def show_canvas(self) -> None:
        """The canvas where the editor will show it: as the user left it, or fitted."""
        content = self.content
        state = self._state
        if state is not None and not state.fitted:
            self.view.resetTransform()
            self.view.scale(state.zoom, state.zoom)
            self.view.centerOn(*state.center)
        elif not content.isNull():
            self.view.fitInView(content.adjusted(-60, -60, 60, 60),
                                Qt.AspectRatioMode.KeepAspectRatio)
            if self.view.transform().m11() > MAX_FIT_ZOOM:
                self.view.resetTransform()
                self.view.scale(MAX_FIT_ZOOM, MAX_FIT_ZOOM)
            self.view.centerOn(content.center())
        self.zoom_label.setText(f"{round(self.view.transform().m11() * 100)}%")

"""The main window: palette, canvas, inspector and problems around one campaign."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QToolBar,
    QWidget,
)

from canvas_app.domain.model import BotPolicy
from canvas_app.domain.vocabulary import CampaignState
from canvas_app.domain.words import count
from canvas_app.engine.simulation import last_event_id, movements
from canvas_app.store.workspace import Workspace
from canvas_app.ui.canvas.scene import CanvasScene
from canvas_app.ui.canvas.view import CanvasView
from canvas_app.ui.canvas.view_memory import apply as apply_view
from canvas_app.ui.canvas.view_memory import recall, remember
from canvas_app.ui.editor.campaign_ops import CampaignOperations
from canvas_app.ui.editor.canvas_actions import CanvasActions
from canvas_app.ui.editor.controller import EditController
from canvas_app.ui.editor.dialogs import DialogLauncher
from canvas_app.ui.editor.document import EditorDocument
from canvas_app.ui.editor.notice import watch_outside
from canvas_app.ui.panels.banner import StateBanner
from canvas_app.ui.panels.inspector import Inspector
from canvas_app.ui.panels.palette import Palette
from canvas_app.ui.panels.problems import ProblemsPanel
from canvas_app.ui.simulation.dots import DotAnimator
from canvas_app.ui.simulation.panel import SimulationPanel
from canvas_app.ui.style import icons
from canvas_app.ui.style.theme import STATUS_MS
from canvas_app.ui.window import actions as action_specs
from canvas_app.ui.window.file_ops import FileOperations, settings
from canvas_app.ui.window.presentation import Presentation


class MainWindow(DialogLauncher, QMainWindow):
    def __init__(self, workspace: Workspace, campaign_id: str | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowIcon(icons.icon("app"))
        self.document = EditorDocument(workspace, self)
        self._shown: tuple[Path | None, str | None] = (None, None)  # whose canvas is on screen
        self.controller = EditController(self.document, self)  # the only pusher of undo steps
        self.scene = CanvasScene(self.document, self.controller)
        self.view = CanvasView(self.scene, self)
        self.editing = CanvasActions(self.controller, self.scene)
        self.palette = Palette()
        self.inspector = Inspector(self.document)
        self.problems_panel = ProblemsPanel(self.document)
        self.banner = StateBanner(self.document)
        self.simulation = SimulationPanel(self.document)
        self.dots = DotAnimator(self.scene)
        self._seen_event = last_event_id(workspace)
        self.presentation = Presentation(self)
        self.switcher = QComboBox()
        self.switcher.setObjectName("campaignSwitcher")
        self.switcher.setToolTip("The campaign shown on the canvas")
        self.switcher.setMinimumContentsLength(24)
        self.switcher.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.actions = action_specs.build(self)
        self.files = FileOperations(self)
        self.campaign_ops = CampaignOperations(self)
        self.outside = watch_outside(self)  # the canvas, under a bar for outside changes
        self._docks()
        self._menus()
        self._toolbar()
        self._status_bar()
        self._wire()
        self.resize(1440, 900)
        self.refresh_switcher()
        first = campaign_id or next((c.id for c in self.document.campaigns()), None)
        self.open_campaign(first)

    # -- layout ------------------------------------------------------------------------
    def _docks(self) -> None:
        left = self.palette_dock = QDockWidget("Add to canvas", self)
        left.setObjectName("paletteDock")
        left.setWidget(self.palette)
        left.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, left)
        self.inspector_dock = QDockWidget("Inspector", self)
        self.inspector_dock.setObjectName("inspectorDock")
        self.inspector_dock.setWidget(self.inspector)
        self.inspector.setMinimumWidth(260)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)
        self.simulation_dock = QDockWidget("Simulation", self)
        self.simulation_dock.setObjectName("simulationDock")
        self.simulation_dock.setWidget(self.simulation)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.simulation_dock)
        self.tabifyDockWidget(self.inspector_dock, self.simulation_dock)
        self.inspector_dock.raise_()
        self.problems_dock = QDockWidget("Problems", self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.setWidget(self.problems_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.resizeDocks([self.problems_dock], [150], Qt.Orientation.Vertical)
        self.resizeDocks([left, self.inspector_dock], [200, 290], Qt.Orientation.Horizontal)

    def _menus(self) -> None:
        a = self.actions
        undo = self.document.undo_group.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.setObjectName("undoAction")
        undo.setStatusTip("Undo the last change")
        redo = self.document.undo_group.createRedoAction(self, "&Redo")
        action_specs.set_redo_shortcuts(redo)
        redo.setObjectName("redoAction")
        redo.setStatusTip("Redo the change you undid")
        a["undo"], a["redo"] = undo, redo
        self.view.addActions(action_specs.canvas_only(a))
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([a["new_workspace"], a["open"]])
        file_menu.addMenu(self.files.recent_menu)
        file_menu.addAction(a["save_as"])
        file_menu.addSeparator()
        file_menu.addActions([a["import_campaign"], a["export_campaign"]])
        file_menu.addSeparator()
        file_menu.addActions([a["export_png"], a["export_svg"], a["export_pdf"]])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        edit = bar.addMenu("&Edit")
        edit.addActions([undo, redo])
        edit.addSeparator()
        edit.addActions([a["delete"], a["duplicate"], a["rename"], a["select_all"]])
        view = bar.addMenu("&View")
        view.addActions([a["zoom_in"], a["zoom_out"], a["actual_size"], a["fit"]])
        view.addSeparator()
        view.addAction(a["grid"])
        view.addAction(a["animate"])
        view.addAction(a["presentation"])
        a["animate"].setChecked(True)
        view.addSeparator()
        for dock in (self.inspector_dock, self.simulation_dock, self.problems_dock):
            view.addAction(dock.toggleViewAction())
        campaign = bar.addMenu("&Campaign")
        campaign.addAction(a["new_campaign"])
        campaign.addActions([a["rename_campaign"], a["duplicate_campaign"], a["delete_campaign"]])
        campaign.addSeparator()
        campaign.addActions([a["validate"], a["publish"], a["activate"], a["pause"]])
        campaign.addSeparator()
        campaign.addAction(a["count_bots"])
        campaign.addAction(a["report"])
        a["publish"].setObjectName("publishAction")
        a["activate"].setObjectName("activateAction")
        a["grid"].setChecked(True)

    def _toolbar(self) -> None:
        a = self.actions
        bar = QToolBar("Main", self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        for name in ("undo", "redo"):
            bar.addAction(action_specs.steady_copy(a[name], name.title(), self))
        bar.addSeparator()
        bar.addWidget(QLabel(" Campaign: "))
        bar.addWidget(self.switcher)
        bar.addWidget(self.banner)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addActions([a["fit"], a["zoom_out"], a["zoom_in"]])
        bar.addSeparator()
        bar.addActions([a["validate"], a["publish"], a["activate"], a["pause"]])

    def _status_bar(self) -> None:
        self.zoom_label = QLabel("100%")
        self.zoom_label.setToolTip("Zoom (Ctrl+wheel over the canvas)")
        self.problem_label = QLabel()
        self.statusBar().addPermanentWidget(self.problem_label)
        self.statusBar().addPermanentWidget(self.zoom_label)

    def _wire(self) -> None:
        a, doc = self.actions, self.document
        a["new_workspace"].triggered.connect(self.files.new_workspace)
        a["open"].triggered.connect(self.files.open)
        a["save_as"].triggered.connect(self.files.save_as)
        a["import_campaign"].triggered.connect(self.files.import_campaign)
        a["export_campaign"].triggered.connect(self.files.export_campaign)
        for kind in ("png", "svg", "pdf"):
            a[f"export_{kind}"].triggered.connect(lambda _=False, k=kind:
                                                  self.files.export_picture(k))
        a["quit"].triggered.connect(self.close)
        a["delete"].triggered.connect(self.editing.delete_selection)
        a["duplicate"].triggered.connect(self.editing.duplicate_selection)
        a["select_all"].triggered.connect(self.editing.select_all)
        a["rename"].triggered.connect(self._rename_selected)
        a["zoom_in"].triggered.connect(self.view.zoom_in)
        a["zoom_out"].triggered.connect(self.view.zoom_out)
        a["actual_size"].triggered.connect(self.view.actual_size)
        a["fit"].triggered.connect(self.view.fit)
        a["grid"].toggled.connect(self._set_grid)
        ops = self.campaign_ops  # lambdas: triggered passes a checked flag no slot wants
        a["new_campaign"].triggered.connect(lambda: ops.ask_new_campaign())
        a["rename_campaign"].triggered.connect(lambda: ops.rename_campaign())
        a["duplicate_campaign"].triggered.connect(lambda: ops.duplicate_campaign())
        a["delete_campaign"].triggered.connect(lambda: ops.delete_campaign())
        self.switcher.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.switcher.addActions([a["rename_campaign"], a["duplicate_campaign"],
                                  a["delete_campaign"]])
        a["validate"].triggered.connect(self.campaign_ops.validate)
        a["publish"].triggered.connect(self.campaign_ops.publish)
        a["activate"].triggered.connect(self.campaign_ops.activate)
        a["pause"].triggered.connect(self.campaign_ops.pause)
        self.palette.addRequested.connect(
            lambda kind: self._dropped(kind, self.view.visible_center()))
        self.view.nodeDropped.connect(self._dropped)
        self.view.nudged.connect(self.editing.nudge)
        self.view.zoomChanged.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)}%"))
        self.scene.hint.connect(lambda text: self.statusBar().showMessage(text, STATUS_MS))
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.configureRequested.connect(self.configure_node)
        self.problems_panel.nodeChosen.connect(self.reveal_node)
        self.inspector.renameRequested.connect(self.editing.rename)
        self.switcher.activated.connect(self._switch)
        a["report"].triggered.connect(self.open_report)
        a["count_bots"].triggered.connect(self._set_bot_policy)
        doc.campaignLoaded.connect(self._show_bot_policy)
        doc.problemsChanged.connect(self._show_bot_policy)
        self.simulation.changed.connect(doc.refresh)
        self.simulation.changed.connect(self._play_movements)
        a["animate"].toggled.connect(lambda on: setattr(self.dots, "enabled", on))
        a["presentation"].toggled.connect(self.set_presentation)
        self.simulation.inboxRequested.connect(self.open_inbox)
        self.simulation.whyRequested.connect(self.open_why)
        self.simulation.reportRequested.connect(self.open_report)
        self.view.contactsDropped.connect(
            lambda sequence_id, emails: self.simulation.enrol(emails, sequence_id))
        doc.campaignsChanged.connect(self.refresh_switcher)
        doc.campaignLoaded.connect(self.refresh_switcher)  # whoever opened it, the switcher follows
        doc.problemsChanged.connect(self._problem_counts)
        doc.statusChanged.connect(self._update_title)
        doc.statusChanged.connect(self._update_actions)
        doc.undo_group.cleanChanged.connect(lambda _clean: self._update_actions())

    # -- behaviour ---------------------------------------------------------------------
    def use_workspace(self, workspace: Workspace) -> None:
        self._remember_view()
        self.document.set_workspace(workspace)
        self.open_campaign(next((c.id for c in self.document.campaigns()), None))

    def open_campaign(self, campaign_id: str | None) -> None:
        self._remember_view()
        self.document.open_campaign(campaign_id)
        self.refresh_switcher()
        self.inspector.show_node(None)
        state = recall(settings(), self.document.workspace.path, campaign_id) \
            if campaign_id else None
        if state is None:
            self.view.fit()  # (and again when the window gets its size)
        else:
            apply_view(self.view, state)
        self._shown = (self.document.workspace.path, campaign_id)

    def _remember_view(self) -> None:
        """Keeps where the canvas now shown was left (for the campaign it shows)."""
        path, campaign_id = self._shown
        if path is not None and campaign_id and self.isVisible() and not self.isFullScreen():
            remember(settings(), path, campaign_id, self.view)

    def refresh_switcher(self) -> None:
        current = self.document.campaign.id if self.document.campaign else None
        self.switcher.blockSignals(True)
        self.switcher.clear()
        for summary in self.document.campaigns():
            self.switcher.addItem(summary.name, summary.id)
            if summary.id == current:
                self.switcher.setCurrentIndex(self.switcher.count() - 1)
        self.switcher.blockSignals(False)

    def _switch(self, index: int) -> None:
        campaign_id = self.switcher.itemData(index)
        if campaign_id and (self.document.campaign is None
                            or campaign_id != self.document.campaign.id):
            self.open_campaign(str(campaign_id))

    def _dropped(self, kind: str, at: QPointF) -> None:
        if self.document.campaign is None:
            self.statusBar().showMessage("There is no campaign to add it to: make one first with "
                                         "Campaign › New Campaign… (Ctrl+N).", STATUS_MS)
            return
        if self.document.read_only:
            self.statusBar().showMessage("This workspace is open read-only, so nothing can be "
                                         "added.", STATUS_MS)
            return
        self.editing.add_node(kind, at)
        self.view.setFocus()

    def _set_grid(self, on: bool) -> None:
        self.scene.snap = on
        self.view.grid_visible = on
        self.view.viewport().update()

    def _selection_changed(self) -> None:
        nodes = self.scene.selected_nodes()
        self.inspector.show_node(nodes[0].node if len(nodes) == 1 else None)
        self._update_actions()

    def _rename_selected(self) -> None:
        nodes = self.scene.selected_nodes()
        if len(nodes) == 1:
            self.scene.start_rename(nodes[0])

    def reveal_node(self, node_id: str) -> None:
        if self.scene.select_node(node_id) is not None:
            self.view.center_on_node(node_id)

    def show_problems(self) -> None:
        self.problems_dock.show()
        self.problems_dock.raise_()

    def _problem_counts(self) -> None:
        errors, warns = self.problems_panel.counts()
        self.problem_label.setText(f"{count(errors, 'error')}, {count(warns, 'warning')}")

    def _update_title(self) -> None:
        campaign = self.document.campaign
        name = f"{campaign.name} — " if campaign else ""
        suffix = " (read-only)" if self.document.read_only else ""
        self.setWindowTitle(f"{name}{self.document.workspace.path.name}{suffix} — Campaign Canvas")

    def _update_actions(self) -> None:
        a = self.actions
        editable = not self.document.read_only and self.document.campaign is not None
        has_selection = bool(self.scene.selectedItems())
        for name in ("delete", "duplicate"):
            a[name].setEnabled(editable and has_selection)
        a["rename"].setEnabled(editable and len(self.scene.selected_nodes()) == 1)
        for name in ("import_campaign", "new_campaign"):
            a[name].setEnabled(not self.document.read_only)
        status = self.document.status
        state = status.state if status else None
        changes = bool(status and status.unpublished_changes)
        gate = action_specs.gate(self.actions, self.document.read_only)
        unpublished = state in (None, CampaignState.DRAFT)
        gate("publish", editable and (unpublished or changes),
             "Nothing to publish: the draft is the same as the version contacts follow")
        gate("activate", editable and state in (CampaignState.PUBLISHED, CampaignState.PAUSED)
             and not changes,
             "Already active" if state == CampaignState.ACTIVE else
             "Publish the campaign first (Campaign › Publish…)" if unpublished
             else "Publish your changes first (Campaign › Publish…)")
        a["pause"].setEnabled(editable and state == CampaignState.ACTIVE)
        a["export_campaign"].setEnabled(self.document.campaign is not None)
        for name in ("rename_campaign", "duplicate_campaign", "delete_campaign"):
            a[name].setEnabled(editable)

    def _set_bot_policy(self, count_all: bool) -> None:
        campaign = self.document.campaign
        if campaign is None:
            return
        policy = BotPolicy.COUNT_ALL if count_all else BotPolicy.IGNORE_BOTS
        if not self.controller.set_bot_policy(policy):
            self._show_bot_policy()
        else:
            self.statusBar().showMessage(
                ("Bot clicks will count" if count_all else "Bot clicks will be ignored")
                + " once you publish.", STATUS_MS)

    def _show_bot_policy(self) -> None:
        campaign = self.document.campaign
        self.actions["count_bots"].setChecked(
            campaign is not None and campaign.settings.bot_policy is BotPolicy.COUNT_ALL)
        self.actions["count_bots"].setEnabled(campaign is not None
                                              and not self.document.read_only)

    def _play_movements(self) -> None:
        campaign = self.document.campaign
        if campaign is None:
            return
        moves = movements(self.document.workspace, campaign.id, self._seen_event)
        if moves:
            self._seen_event = moves[-1].event_id
            self.dots.play(moves)

    def set_presentation(self, on: bool) -> None:
        """Full screen, larger type, only the canvas and the simulation: for a projector."""
        self.presentation.set(on)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._remember_view()
        self.simulation.shutdown()
        self.document.open_campaign(None)
        self.document.workspace.close()
        super().closeEvent(event)

"""The main window: palette, canvas, inspector, simulation and problems around one campaign.
It only assembles: the parts do the work (the editor room edits, the File and Campaign menus
are helpers of their own, the actions' state follows the document)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from canvas_app.domain.words import count
from canvas_app.store.workspace import Workspace
from canvas_app.ui.canvas.actions import CanvasActions
from canvas_app.ui.canvas.arrange import ArrangeMenu
from canvas_app.ui.canvas.clipboard import CanvasClipboard
from canvas_app.ui.canvas.find_bar import FindBar
from canvas_app.ui.canvas.keyboard import connect_selected, context_menu, free_spot
from canvas_app.ui.canvas.scene import CanvasScene
from canvas_app.ui.canvas.view import CanvasView
from canvas_app.ui.canvas.view_memory import apply as apply_view
from canvas_app.ui.canvas.view_memory import recall, remember
from canvas_app.ui.editor.campaign_ops import CampaignOperations
from canvas_app.ui.editor.controller import EditController
from canvas_app.ui.editor.dialogs import NodeDialogs
from canvas_app.ui.editor.document import EditorDocument
from canvas_app.ui.editor.notice import watch_outside
from canvas_app.ui.editor.status import StatusLine
from canvas_app.ui.panels.banner import StateBanner
from canvas_app.ui.panels.history import HistoryPanel
from canvas_app.ui.panels.inspector import Inspector
from canvas_app.ui.panels.palette import Palette
from canvas_app.ui.panels.problems import ProblemsPanel
from canvas_app.ui.simulation.dialogs import SimulationDialogs
from canvas_app.ui.simulation.dots import DotAnimator
from canvas_app.ui.simulation.panel import SimulationPanel
from canvas_app.ui.style import icons
from canvas_app.ui.style.screen_fit import fit_to_screen
from canvas_app.ui.window import actions as action_specs
from canvas_app.ui.window import layout_memory
from canvas_app.ui.window.action_state import ActionState
from canvas_app.ui.window.docks import build_docks
from canvas_app.ui.window.file_ops import FileOperations, settings
from canvas_app.ui.window.focus_order import step_over_hidden
from canvas_app.ui.window.presentation import Presentation
from canvas_app.ui.window.switcher import CampaignSwitcher
from canvas_app.ui.window.template_gallery import new_from_template, save_as_template


class MainWindow(QMainWindow):
    palette_dock: QDockWidget  # (the docks are built in docks.py)
    inspector_dock: QDockWidget
    simulation_dock: QDockWidget
    problems_dock: QDockWidget
    history_dock: QDockWidget

    def __init__(self, workspace: Workspace, campaign_id: str | None = None,
                 panels_as_left: bool = False) -> None:
        """``panels_as_left``: the panels as the user left them last time (the application
        asks for it; a window made for a test starts from the usual sizes)."""
        self._panels_as_left = panels_as_left
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowIcon(icons.icon("app"))
        self.status_line = StatusLine(self.statusBar())
        self.document = EditorDocument(workspace, self)
        self._shown: tuple[Path | str | None, str | None] = (None, None)  # whose canvas is on screen
        self.controller = EditController(self.document, self)  # the only pusher of undo steps
        self.scene = CanvasScene(self.document, self.controller)
        self.view = CanvasView(self.scene, self)
        self.editing = CanvasActions(self.controller, self.scene)
        self.node_palette = Palette()
        self.inspector = Inspector(self.document)
        self.problems_panel = ProblemsPanel(self.document)
        self.banner = StateBanner(self.document)
        self.simulation = SimulationPanel(self.document)
        self.dots = DotAnimator(self.scene, workspace)
        self.switcher = CampaignSwitcher(self.document)
        self.menu_actions: dict[str, QAction] = action_specs.build(self)
        self.action_state = ActionState(self.menu_actions, self.document, self.scene)
        self.files = FileOperations(self.document, self.scene, self.status_line, self)
        self.campaign_ops = CampaignOperations(self.document, self.controller, self.status_line,
                                               self)
        self.dialogs = NodeDialogs(self.document, self.controller, self._select_node,
                                   self.status_line, self)
        self.simulation_dialogs = SimulationDialogs(self.document, self.simulation,
                                                    self.scene.show_path, self, self.view)
        self.outside, canvas = watch_outside(self.document, self.controller, self.view,
                                             self.status_line, self)
        self.find_bar = FindBar(self.scene, self.reveal_node)
        holder = canvas.layout()
        if isinstance(holder, QVBoxLayout):
            holder.insertWidget(1, self.find_bar)  # under the outside-changes bar, over the view
        self.setCentralWidget(canvas)  # the canvas, under a bar for outside changes
        self._docks()
        self.presentation = Presentation(self, self.view, [self.palette_dock, self.problems_dock,
                                                          self.history_dock])
        self._menus()
        self._toolbar()
        self._status_bar()
        self._wire()
        self._wire_simulation()
        fit_to_screen(self, 1440, 900, cap=False)  # or as last left on this screen
        self.switcher.refresh()
        first = campaign_id or next((c.id for c in self.document.campaigns()), None)
        self.open_campaign(first)

    # -- layout ------------------------------------------------------------------------
    def _docks(self) -> None:
        build_docks(self, HistoryPanel(self.document, self.controller, self.scene.show_path),
                    self._panels_as_left)

    def _menus(self) -> None:
        a = self.menu_actions
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
        file_menu.addActions([a["new_workspace"], a["open"], a["open_server"]])
        file_menu.addMenu(self.files.recent_menu)
        file_menu.addAction(a["save_as"])
        file_menu.addSeparator()
        file_menu.addActions([a["new_from_template"], a["import_campaign"],
                              a["export_campaign"]])
        file_menu.addSeparator()
        file_menu.addActions([a["export_png"], a["export_svg"], a["export_pdf"]])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        edit = bar.addMenu("&Edit")
        edit.addActions([undo, redo])
        edit.addSeparator()
        edit.addActions([a["cut"], a["copy"], a["paste"]])
        edit.addSeparator()
        edit.addActions([a["delete"], a["duplicate"], a["rename"], a["connect"], a["set_up"],
                         a["select_all"]])
        edit.addSeparator()
        edit.addAction(a["find"])
        self.arrange_menu = ArrangeMenu(self.controller, self.scene, self.view.fit, self)
        bar.addMenu(self.arrange_menu)
        view = bar.addMenu("&View")
        view.addActions([a["zoom_in"], a["zoom_out"], a["actual_size"], a["fit"]])
        view.addSeparator()
        view.addAction(a["grid"])
        view.addAction(a["animate"])
        view.addAction(a["show_rates"])
        view.addAction(a["presentation"])
        a["animate"].setChecked(True)
        view.addSeparator()
        for dock in (self.inspector_dock, self.simulation_dock, self.problems_dock,
                     self.history_dock):
            toggle = dock.toggleViewAction()
            toggle.triggered.connect(  # in front, not behind a tab
                lambda shown, shown_dock=dock: _raise_when_shown(shown_dock, shown))
            view.addAction(toggle)
        campaign = bar.addMenu("&Campaign")
        campaign.addAction(a["new_campaign"])
        campaign.addActions([a["rename_campaign"], a["duplicate_campaign"], a["save_template"],
                             a["delete_campaign"]])
        campaign.addSeparator()
        campaign.addActions([a["validate"], a["publish"], a["activate"], a["pause"]])
        campaign.addSeparator()
        campaign.addAction(a["count_bots"])
        campaign.addAction(a["report"])
        a["publish"].setObjectName("publishAction")
        a["activate"].setObjectName("activateAction")
        a["grid"].setChecked(True)

    def _toolbar(self) -> None:
        a = self.menu_actions
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
        bar.addSeparator()  # the campaign's actions before the zoom: a narrow window (a large
        bar.addActions([a["validate"], a["publish"], a["activate"], a["pause"]])  # font, 200%)
        spacer = QWidget()  # puts the zoom in the overflow menu first (it is in View too)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addActions([a["fit"], a["zoom_out"], a["zoom_in"]])

    def _status_bar(self) -> None:
        self.zoom_label = QLabel("100%")
        self.zoom_label.setToolTip("Zoom (Ctrl+wheel over the canvas)")
        self.problem_label = QLabel()
        for label in (self.problem_label, self.zoom_label):  # apart at any type size
            label.setContentsMargins(12, 0, 12, 0)
            label.setFrameShape(QFrame.Shape.StyledPanel)
            self.statusBar().addPermanentWidget(label)

    def _wire(self) -> None:
        a, doc, files, ops = self.menu_actions, self.document, self.files, self.campaign_ops
        # lambdas where triggered passes a checked flag the slot does not take
        a["new_workspace"].triggered.connect(files.new_workspace)
        a["open"].triggered.connect(files.open)
        a["open_server"].triggered.connect(files.open_server)
        a["save_as"].triggered.connect(files.save_as)
        a["import_campaign"].triggered.connect(files.import_campaign)
        a["new_from_template"].triggered.connect(lambda: new_from_template(
            self, self.document, self.status_line, self.open_campaign))
        a["save_template"].triggered.connect(lambda: save_as_template(
            self, self.document, self.status_line))
        a["export_campaign"].triggered.connect(files.export_campaign)
        for kind in ("png", "svg", "pdf"):
            a[f"export_{kind}"].triggered.connect(lambda _=False, k=kind: files.export_picture(k))
        files.workspaceOpened.connect(self.use_workspace)
        files.campaignImported.connect(self.open_campaign)
        a["quit"].triggered.connect(self.close)
        a["delete"].triggered.connect(self.editing.delete_selection)
        a["duplicate"].triggered.connect(self.editing.duplicate_selection)
        a["select_all"].triggered.connect(self.editing.select_all)
        a["rename"].triggered.connect(self.scene.rename_selected)
        a["connect"].setObjectName("connectAction")
        a["connect"].triggered.connect(lambda: connect_selected(self.controller, self.scene))
        a["set_up"].setObjectName("setUpAction")
        a["set_up"].triggered.connect(self._set_up_selected)
        self.view.menu_factory = lambda item, at: context_menu(
            self.controller, self.scene, item, self, self.dialogs.configure_node,
            lambda node_id: self.scene.start_rename(self.scene.node_items[node_id]),
            lambda kind: self._dropped(kind, at))
        a["zoom_in"].triggered.connect(self.view.zoom_in)
        a["zoom_out"].triggered.connect(self.view.zoom_out)
        a["actual_size"].triggered.connect(self.view.actual_size)
        a["fit"].triggered.connect(self.view.fit)
        a["find"].triggered.connect(self.find_bar.open_bar)
        self.clipboard = CanvasClipboard(self.controller, self.scene, self.view)
        a["copy"].triggered.connect(lambda: self.clipboard.copy())
        a["cut"].triggered.connect(lambda: self.clipboard.cut())
        a["paste"].triggered.connect(lambda: self.clipboard.paste())
        a["show_rates"].toggled.connect(self.scene.set_show_rates)
        a["show_rates"].toggled.connect(lambda on: setattr(self.dialogs, "show_link_clicks", on))
        a["grid"].toggled.connect(self.view.set_grid)
        a["new_campaign"].triggered.connect(lambda: ops.ask_new_campaign())
        a["rename_campaign"].triggered.connect(lambda: ops.rename_campaign())
        a["duplicate_campaign"].triggered.connect(lambda: ops.duplicate_campaign())
        a["delete_campaign"].triggered.connect(lambda: ops.delete_campaign())
        self.switcher.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.switcher.addActions([a["rename_campaign"], a["duplicate_campaign"],
                                  a["delete_campaign"]])
        self.switcher.campaignChosen.connect(self.open_campaign)
        a["validate"].triggered.connect(ops.validate)
        a["publish"].triggered.connect(ops.publish)
        a["activate"].triggered.connect(ops.activate)
        a["pause"].triggered.connect(ops.pause)
        a["count_bots"].triggered.connect(self._count_bots)
        ops.openRequested.connect(self.open_campaign)
        ops.problemsRequested.connect(self.show_problems)
        ops.nodeChosen.connect(self.reveal_node)
        self.node_palette.addRequested.connect(  # by keyboard: a free spot near the centre
            lambda kind: self._dropped(kind, free_spot(self.scene, self.view.visible_center())))
        self.view.nodeDropped.connect(self._dropped)
        self.view.nudged.connect(self.editing.nudge)
        self.view.zoomChanged.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)}%"))
        self.scene.hint.connect(lambda text: self.status_line.say(text))
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.configureRequested.connect(self.dialogs.configure_node)
        self.scene.countsClicked.connect(self.simulation_dialogs.why_menu)
        self.problems_panel.nodeChosen.connect(self.reveal_node)
        self.inspector.renameRequested.connect(self.editing.rename)
        self.outside.reloaded.connect(lambda: self.inspector.show_node(None))
        self.outside.reloaded.connect(self.switcher.refresh)
        a["presentation"].toggled.connect(self.presentation.set)
        doc.campaignLoaded.connect(self.action_state.show_bot_policy)
        doc.problemsChanged.connect(self.action_state.show_bot_policy)
        doc.problemsChanged.connect(self._problem_counts)
        doc.statusChanged.connect(self._update_title)
        doc.statusChanged.connect(self.action_state.update)
        doc.undo_group.cleanChanged.connect(lambda _clean: self.action_state.update())

    def _wire_simulation(self) -> None:
        sim, dialogs = self.simulation, self.simulation_dialogs
        sim.changed.connect(self.document.refresh_status)  # the draft and its problems stay
        sim.changed.connect(self._play_movements)
        sim.inboxRequested.connect(dialogs.open_inbox)
        sim.whyRequested.connect(dialogs.open_why)
        sim.reportRequested.connect(dialogs.open_report)
        self.menu_actions["report"].triggered.connect(lambda: dialogs.open_report())
        self.menu_actions["animate"].toggled.connect(lambda on: setattr(self.dots, "enabled", on))
        self.view.contactsDropped.connect(lambda sequence_id, emails: sim.enrol(emails, sequence_id))
        self.outside.progress.connect(sim.refresh)
        self.outside.progress.connect(sim.changed.emit)

    # -- behaviour ---------------------------------------------------------------------
    def use_workspace(self, workspace: Workspace) -> None:
        self._remember_view()
        self.document.set_workspace(workspace)
        self.open_campaign(next((c.id for c in self.document.campaigns()), None))

    def open_campaign(self, campaign_id: str | None) -> None:
        self._remember_view()
        self.document.open_campaign(campaign_id)
        self.switcher.refresh()
        self.inspector.show_node(None)
        state = recall(settings(), self.document.workspace.where, campaign_id) \
            if campaign_id else None
        if state is None:
            self.view.fit()  # (and again when the window gets its size)
        else:
            apply_view(self.view, state)
        self._shown = (self.document.workspace.where, campaign_id)

    def _remember_view(self) -> None:
        """Keeps where the canvas now shown was left (for the campaign it shows)."""
        path, campaign_id = self._shown
        if path is not None and campaign_id and self.isVisible() and not self.isFullScreen():
            remember(settings(), path, campaign_id, self.view)

    def _dropped(self, kind: str, at: QPointF) -> None:
        if self.editing.drop(kind, at) is not None:
            self.view.setFocus()

    def _selection_changed(self) -> None:
        nodes, notes = self.scene.selected_nodes(), self.scene.notes.selected()
        single = nodes[0].node if len(nodes) == 1 and not notes else None
        self.inspector.show_node(single, 0 if single else len(nodes), len(notes))
        self.action_state.update()

    def _select_node(self, node_id: str) -> None:
        if self.scene.select_node(node_id) is not None:  # scrolls only if it is out of view
            self.view.ensure_node_visible(node_id)

    def reveal_node(self, node_id: str) -> None:
        item = self.scene.select_node(node_id)
        if item is not None:
            self.view.center_on_node(node_id)
            self.view.setFocus()  # the keyboard goes on from the node shown
            item.setFocus()

    def _set_up_selected(self) -> None:
        chosen = self.scene.selected_nodes()
        if len(chosen) == 1:
            self.dialogs.configure_node(chosen[0].node.id)
        else:
            self.status_line.say("Select one node to set it up.")

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
        self.setWindowTitle(f"{name}{self.document.workspace.name}{suffix} — Campaign Canvas")

    def _count_bots(self, on: bool) -> None:
        if not self.campaign_ops.set_bot_policy(on):
            self.action_state.show_bot_policy()  # refused: the check mark goes back

    def _play_movements(self) -> None:
        if self.document.campaign is not None:
            self.dots.play_new(self.document.workspace, self.document.campaign.id)

    def focusNextPrevChild(self, forward: bool) -> bool:
        return step_over_hidden(super().focusNextPrevChild, forward)  # skips hidden dock tabs

    def closeEvent(self, event: QCloseEvent) -> None:
        self._remember_view()
        if not self.isFullScreen():  # presentation mode's panels are not the user's layout
            layout_memory.save(self)
        self.simulation.shutdown()
        self.document.open_campaign(None)
        self.document.workspace.close()
        super().closeEvent(event)


def _raise_when_shown(dock: QDockWidget, shown: bool) -> None:
    """View › a panel brings it to the front of the tabs it shares."""
    if shown:
        dock.raise_()

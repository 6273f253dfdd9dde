"""The main window's dialogs: a node's editor on double-click (the sequence editor or the goal
setup, whose results go to the edit controller), and the simulation's inbox, report and Why?
timeline. Mixed into MainWindow, whose parts (document, scene, view, editing, simulation) they
use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from canvas_app.domain.model import Email, Goal
from canvas_app.ui.email.goal_setup import GoalSetupDialog
from canvas_app.ui.email.sequence_editor import SequenceEditor
from canvas_app.ui.simulation.inbox import InboxDialog
from canvas_app.ui.simulation.report_view import ReportView
from canvas_app.ui.simulation.why_dialog import WhyDialog
from canvas_app.ui.style.theme import STATUS_MS

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from canvas_app.ui.canvas.scene import CanvasScene
    from canvas_app.ui.canvas.view import CanvasView
    from canvas_app.ui.editor.canvas_actions import CanvasActions
    from canvas_app.ui.editor.document import EditorDocument
    from canvas_app.ui.simulation.panel import SimulationPanel


class DialogLauncher:
    if TYPE_CHECKING:
        document: EditorDocument
        scene: CanvasScene
        view: CanvasView
        editing: CanvasActions
        simulation: SimulationPanel

        def statusBar(self) -> QStatusBar: ...

    def configure_node(self, node_id: str) -> None:
        """Double-click on a node's body: the goal setup dialog for a goal, the sequence
        editor for a sequence."""
        campaign = self.document.campaign
        if campaign is None:
            return
        if self.scene.select_node(node_id) is not None:  # scrolls only if it is out of view
            self.view.ensure_node_visible(node_id)
        node = campaign.node(node_id)
        if isinstance(node, Goal):
            self.open_goal_setup(node_id)
        else:
            self.open_sequence_editor(node_id)

    def open_sequence_editor(self, sequence_id: str) -> SequenceEditor | None:
        campaign = self.document.campaign
        if campaign is None:
            return None
        editor = SequenceEditor(campaign, sequence_id, self)  # type: ignore[arg-type]
        if self.document.read_only:
            editor.ok_button.setEnabled(False)
            editor.apply_button.setEnabled(False)
        editor.applied.connect(lambda emails: self._emails_applied(sequence_id, emails))
        editor.finished.connect(lambda _result: editor.deleteLater())
        editor.open()
        return editor

    def _emails_applied(self, sequence_id: str, emails: list[Email]) -> None:
        if self.editing.apply_sequence_emails(sequence_id, emails):
            self.statusBar().showMessage("Emails saved. Publish to send the new version.", STATUS_MS)

    def open_goal_setup(self, goal_id: str) -> GoalSetupDialog | None:
        campaign = self.document.campaign
        if campaign is None:
            return None
        dialog = GoalSetupDialog(campaign, goal_id, self)  # type: ignore[arg-type]
        if self.document.read_only:
            dialog.ok.setEnabled(False)
            dialog.ok.setToolTip("This workspace is open read-only")
        dialog.finished.connect(lambda result: self._goal_setup_done(dialog, goal_id, result))
        dialog.open()
        return dialog

    def _goal_setup_done(self, dialog: GoalSetupDialog, goal_id: str, result: int) -> None:
        if result == GoalSetupDialog.DialogCode.Accepted and self.editing.apply_goal_setup(
                goal_id, dialog.result_name(), list(dialog.chosen)):
            self.statusBar().showMessage("Goal updated. Publish to make it count for contacts.",
                                         STATUS_MS)
        dialog.deleteLater()

    def open_inbox(self, address: str) -> InboxDialog:
        live = self.simulation.live
        dialog = InboxDialog(self.document.workspace, address, live.port if live else None,
                             self)  # type: ignore[arg-type]
        dialog.clicked.connect(self.simulation.changed.emit)
        dialog.clicked.connect(self.simulation.refresh)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def open_why(self, address: str) -> WhyDialog | None:
        campaign = self.document.campaign
        if campaign is None:
            return None
        dialog = WhyDialog(self.document.workspace, address, campaign.id, self.scene.show_path,
                           self)  # type: ignore[arg-type]
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        # Over the side panels, not the canvas: the highlighted path must stay in view.
        window = self.frameGeometry()  # type: ignore[attr-defined]
        dialog.move(max(window.left(), window.right() - dialog.width() - 12), window.top() + 90)
        dialog.show()
        return dialog

    def open_report(self) -> ReportView | None:
        campaign = self.document.campaign
        if campaign is None:
            return None
        view = ReportView(self.document.workspace, campaign, self)  # type: ignore[arg-type]
        view.finished.connect(lambda _r: view.deleteLater())
        view.open()
        return view

"""A node's editor on double-click: the sequence editor or the goal setup, whose results go to
the edit controller as one undo step each."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from canvas_app.domain.model import Email, Goal
from canvas_app.engine.reports import report
from canvas_app.ui.editor.controller import EditController
from canvas_app.ui.editor.document import EditorDocument
from canvas_app.ui.editor.status import Status

if TYPE_CHECKING:  # the dialogs load when first opened, not with the editor
    from canvas_app.ui.email.goal_setup import GoalSetupDialog
    from canvas_app.ui.email.sequence_editor import SequenceEditor


class NodeDialogs:
    """``select`` selects a node on the canvas (scrolling only if it is out of view)."""

    def __init__(self, document: EditorDocument, controller: EditController,
                 select: Callable[[str], None], status: Status, parent: QWidget) -> None:
        self.document = document
        self.controller = controller
        self.select = select
        self.status = status
        self.host = parent
        self.show_link_clicks = False  # View › Show Rates: the goal setup shows clicks per link

    def configure_node(self, node_id: str) -> None:
        """Double-click on a node's body: the goal setup dialog for a goal, the sequence
        editor for a sequence."""
        campaign = self.document.campaign
        if campaign is None:
            return
        self.select(node_id)
        node = campaign.node(node_id)
        if isinstance(node, Goal):
            self.open_goal_setup(node_id)
        else:
            self.open_sequence_editor(node_id)

    def open_sequence_editor(self, sequence_id: str) -> SequenceEditor | None:
        campaign = self.document.campaign
        if campaign is None:
            return None
        from canvas_app.ui.email.sequence_editor import SequenceEditor

        editor = SequenceEditor(campaign, sequence_id, self.host)
        if self.document.read_only:
            editor.ok_button.setEnabled(False)
            editor.apply_button.setEnabled(False)
        editor.applied.connect(lambda emails: self._emails_applied(sequence_id, emails))
        editor.finished.connect(lambda _result: editor.deleteLater())
        editor.open()
        return editor

    def _emails_applied(self, sequence_id: str, emails: list[Email]) -> None:
        if self.controller.apply_sequence_emails(sequence_id, emails):
            status = self.document.status
            published = status is not None and status.published_version is not None
            self.status.say("Emails saved. Publish to send the new version." if published else
                            "Emails saved. Publish the campaign to start sending them.")

    def open_goal_setup(self, goal_id: str) -> GoalSetupDialog | None:
        campaign = self.document.campaign
        if campaign is None:
            return None
        clicks = report(self.document.workspace, campaign.id).links \
            if self.show_link_clicks else None
        from canvas_app.ui.email.goal_setup import GoalSetupDialog

        dialog = GoalSetupDialog(campaign, goal_id, self.host, clicks)
        if self.document.read_only:
            dialog.ok.setEnabled(False)
            dialog.ok.setToolTip("This workspace is open read-only")
        dialog.finished.connect(lambda result: self._goal_setup_done(dialog, goal_id, result))
        dialog.open()
        return dialog

    def _goal_setup_done(self, dialog: GoalSetupDialog, goal_id: str, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and self.controller.apply_goal_setup(
                goal_id, dialog.result_name(), list(dialog.chosen)):
            self.status.say("Goal updated. Publish to make it count for contacts.")
        dialog.deleteLater()

"""Which menu and toolbar actions can be used now, and why not: they follow the document (its
campaign, its state, read-only or not) and the selection on the canvas."""

from __future__ import annotations

from PySide6.QtGui import QAction

from canvas_app.domain.model import BotPolicy
from canvas_app.domain.vocabulary import CampaignState
from canvas_app.ui.canvas.scene import CanvasScene
from canvas_app.ui.editor.document import EditorDocument
from canvas_app.ui.window.actions import gate


class ActionState:
    def __init__(self, actions: dict[str, QAction], document: EditorDocument,
                 scene: CanvasScene) -> None:
        self.actions = actions
        self.document = document
        self.scene = scene

    def update(self) -> None:
        a, doc = self.actions, self.document
        editable = not doc.read_only and doc.campaign is not None
        has_selection = bool(self.scene.selectedItems())
        for name in ("delete", "duplicate"):
            a[name].setEnabled(editable and has_selection)
        a["rename"].setEnabled(editable and len(self.scene.selected_nodes()) == 1)
        for name in ("import_campaign", "new_campaign"):
            a[name].setEnabled(not doc.read_only)
        a["export_campaign"].setEnabled(doc.campaign is not None)
        for name in ("rename_campaign", "duplicate_campaign", "delete_campaign"):
            a[name].setEnabled(editable)
        self._lifecycle(editable)

    def _lifecycle(self, editable: bool) -> None:
        """Publish, activate and pause, each disabled with a tooltip that says what to do."""
        status = self.document.status
        state = status.state if status else None
        changes = bool(status and status.unpublished_changes)
        allow = gate(self.actions, self.document.read_only)
        unpublished = state in (None, CampaignState.DRAFT)
        allow("publish", editable and (unpublished or changes),
              "Nothing to publish: the draft is the same as the version contacts follow")
        allow("activate", editable and state in (CampaignState.PUBLISHED, CampaignState.PAUSED)
              and not changes,
              "Already active" if state == CampaignState.ACTIVE else
              "Publish the campaign first (Campaign › Publish…)" if unpublished
              else "Publish your changes first (Campaign › Publish…)")
        self.actions["pause"].setEnabled(editable and state == CampaignState.ACTIVE)

    def show_bot_policy(self) -> None:
        campaign = self.document.campaign
        count_bots = self.actions["count_bots"]
        count_bots.setChecked(campaign is not None
                              and campaign.settings.bot_policy is BotPolicy.COUNT_ALL)
        count_bots.setEnabled(campaign is not None and not self.document.read_only)

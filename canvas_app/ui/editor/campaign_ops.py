"""The Campaign menu: new campaign, validate, publish, activate, pause — through the engine."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox

from canvas_app.domain.errors import sentence
from canvas_app.domain.validation import errors, warnings
from canvas_app.domain.vocabulary import LIVE_MEMBERSHIPS
from canvas_app.domain.words import count
from canvas_app.engine import campaign_admin, lifecycle
from canvas_app.engine.campaign_admin import clean_name, unused_name
from canvas_app.engine.errors import Refused
from canvas_app.engine.publishing import publish
from canvas_app.engine.versions import published_numbers
from canvas_app.ui.email.publish_dialog import PublishDialog
from canvas_app.ui.style.theme import STATUS_MS

if TYPE_CHECKING:
    from canvas_app.ui.window.main_window import MainWindow


class CampaignOperations:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def document(self):  # type: ignore[no-untyped-def]
        return self.window.document

    def new_campaign(self, name: str = "Untitled campaign") -> None:
        self.document.new_campaign(unused_name(self.document.store, name))
        self.window.open_campaign(self.document.campaign.id if self.document.campaign else None)
        self.window.statusBar().showMessage(
            "New campaign: drag a Sequence and an Email Link Clicked goal onto the canvas.", STATUS_MS)

    def ask_new_campaign(self) -> None:
        """Campaign › New Campaign…: asks for the name first."""
        name = self._ask_name("New campaign", "Name of the new campaign:",
                              unused_name(self.document.store, "Untitled campaign"))
        if name is not None:
            self.new_campaign(name)

    def rename_campaign(self) -> None:
        campaign = self.document.campaign
        if campaign is None:
            return
        name = self._ask_name("Rename campaign", "New name of the campaign:", campaign.name)
        if name is None:
            return
        why = self.window.controller.rename_campaign(name)
        if why:
            QMessageBox.information(self.window, "Rename campaign", sentence(why))
            return
        self.window.refresh_switcher()
        self.window.statusBar().showMessage(f"Renamed the campaign to '{campaign.name}'.", STATUS_MS)

    def duplicate_campaign(self) -> None:
        campaign = self.document.campaign
        if campaign is None:
            return
        new_id = campaign_admin.duplicate(self.document.workspace, campaign.id)
        self.document.campaignsChanged.emit()
        self.window.open_campaign(new_id)
        copy = self.document.campaign
        self.window.statusBar().showMessage(
            f"Made '{copy.name if copy else new_id}': a draft copy without contacts.", STATUS_MS)

    def delete_campaign(self) -> None:
        campaign = self.document.campaign
        if campaign is None:
            return
        versions = published_numbers(self.document.workspace).get(campaign.id, 0)
        lost = (f"its design, {count(versions, 'published version')} and its simulation "
                "(sends, clicks, goals and the log)" if versions else "its design")
        answer = QMessageBox.warning(
            self.window, "Delete campaign",
            f"Delete the campaign '{campaign.name}'? This removes {lost}. A copy of the whole "
            "workspace is saved next to it first.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            deleted = campaign_admin.delete(self.document.workspace, campaign.id)
        except Refused as exc:
            QMessageBox.information(self.window, "Delete campaign", exc.in_words())
            return
        self.document.forget_campaign(campaign.id)
        self.window.open_campaign(next((c.id for c in self.document.campaigns()), None))
        self.window.statusBar().showMessage(
            f"Deleted '{deleted.name}'. The copy from before is {deleted.backup}.", 2 * STATUS_MS)

    def _ask_name(self, title: str, label: str, suggested: str) -> str | None:
        name, ok = QInputDialog.getText(self.window, title, label, text=suggested)
        if not ok:
            return None
        try:
            return clean_name(name)
        except Refused as exc:
            QMessageBox.information(self.window, title, exc.in_words())
            return None

    def validate(self) -> None:
        self.document.refresh()
        errs, warns = errors(self.document.problems), warnings(self.document.problems)
        self.window.show_problems()
        if errs:
            message = f"{count(len(errs), 'error')} to fix before publishing, {count(len(warns), 'warning')}."
        elif warns:
            message = f"Ready to publish, with {count(len(warns), 'warning')} to look at."
        else:
            message = "No problems: this campaign is ready to publish."
        self.window.statusBar().showMessage(message, STATUS_MS)

    def publish(self) -> PublishDialog | None:
        """Shows the publish dialog; publishing happens only when the user confirms."""
        campaign = self.document.campaign
        if campaign is None:
            return None
        preview = publish(self.document.workspace, campaign.id, dry_run=True)
        status = self.document.status
        in_campaign = sum(c.get(s, 0) for c in status.nodes.values()
                          for s in LIVE_MEMBERSHIPS) if status else 0
        dialog = PublishDialog(campaign.name, preview, in_campaign, self.window)
        dialog.nodeChosen.connect(self.window.reveal_node)
        dialog.finished.connect(lambda result: self._publish_done(dialog, campaign.id, result))
        dialog.open()
        return dialog

    def _publish_done(self, dialog: PublishDialog, campaign_id: str, result: int) -> None:
        dialog.deleteLater()
        if result != PublishDialog.DialogCode.Accepted:
            return
        outcome = publish(self.document.workspace, campaign_id)
        self.document.refresh()
        self.window.refresh_switcher()
        if outcome.blocked:
            self.window.show_problems()
            self.window.statusBar().showMessage("Not published: the campaign has problems.", STATUS_MS)
        else:
            self.window.statusBar().showMessage(f"Published version {outcome.version}.", STATUS_MS)

    def activate(self) -> None:
        self._lifecycle(lifecycle.activate)

    def pause(self) -> None:
        self._lifecycle(lifecycle.pause)

    def _lifecycle(self, action) -> None:  # type: ignore[no-untyped-def]
        campaign = self.document.campaign
        if campaign is None:
            return
        try:
            message = action(self.document.workspace, campaign.id)
        except Refused as exc:
            QMessageBox.information(self.window, "Not now", exc.in_words())
            return
        self.document.refresh()
        self.window.refresh_switcher()
        self.window.statusBar().showMessage(sentence(message), STATUS_MS)

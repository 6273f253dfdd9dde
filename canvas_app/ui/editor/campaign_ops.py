"""The Campaign menu: new campaign, validate, publish, activate, pause — through the engine.

It works on the document and the edit controller, asks its questions over ``parent`` and says
what happened on ``status``; what the window should show next it asks for with a signal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from canvas_app.domain.errors import sentence
from canvas_app.domain.model import BotPolicy
from canvas_app.domain.validation import errors, warnings
from canvas_app.domain.vocabulary import LIVE_MEMBERSHIPS
from canvas_app.domain.words import count
from canvas_app.engine import campaign_admin, lifecycle
from canvas_app.engine.campaign_admin import clean_name, unused_name
from canvas_app.engine.errors import Refused
from canvas_app.engine.publishing import publish
from canvas_app.engine.versions import published_numbers
from canvas_app.store.workspace import Workspace
from canvas_app.ui.editor.controller import EditController
from canvas_app.ui.editor.document import EditorDocument
from canvas_app.ui.editor.status import Status
from canvas_app.ui.email.publish_dialog import PublishDialog

ASK_AGAIN = 5  # a name refused this often in a row: the user gave up


class CampaignOperations(QObject):
    openRequested = Signal(object)  # a campaign id (or None) to show on the canvas
    problemsRequested = Signal()  # show the problems panel
    nodeChosen = Signal(str)  # a node to show (from the publish dialog's problems)

    def __init__(self, document: EditorDocument, controller: EditController, status: Status,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.document = document
        self.controller = controller
        self.status = status
        self.host = parent  # the widget its questions are asked over

    def new_campaign(self, name: str = "Untitled campaign") -> None:
        self.document.new_campaign(unused_name(self.document.store, name))
        self.openRequested.emit(self.document.campaign.id if self.document.campaign else None)
        self.status.say("New campaign: drag a Sequence and an Email Link Clicked goal onto the "
                        "canvas.")

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
        why = self.controller.rename_campaign(name)
        if why:
            QMessageBox.information(self.host, "Rename campaign", sentence(why))
            return
        self.document.campaignsChanged.emit()  # the switcher shows the new name
        self.status.say(f"Renamed the campaign to '{campaign.name}'.")

    def duplicate_campaign(self) -> None:
        campaign = self.document.campaign
        if campaign is None:
            return
        new_id = campaign_admin.duplicate(self.document.workspace, campaign.id)
        self.document.campaignsChanged.emit()
        self.openRequested.emit(new_id)
        copy = self.document.campaign
        self.status.say(f"Made '{copy.name if copy else new_id}': a draft copy without contacts.")

    def delete_campaign(self) -> None:
        campaign = self.document.campaign
        if campaign is None:
            return
        try:
            campaign_admin.refuse_deleting(self.document.workspace, campaign.id)
        except Refused as exc:  # said before asking: nobody confirms what is then refused
            QMessageBox.information(self.host, "Delete campaign", exc.in_words())
            return
        versions = published_numbers(self.document.workspace).get(campaign.id, 0)
        lost = (f"its design, {count(versions, 'published version')} and its simulation "
                "(sends, clicks, goals and the log)" if versions else "its design")
        answer = QMessageBox.warning(
            self.host, "Delete campaign",
            f"Delete the campaign '{campaign.name}'? This removes {lost}. A copy of the whole "
            "workspace is saved next to it first.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            deleted = campaign_admin.delete(self.document.workspace, campaign.id)
        except Refused as exc:
            QMessageBox.information(self.host, "Delete campaign", exc.in_words())
            return
        self.document.forget_campaign(campaign.id)
        self.openRequested.emit(next((c.id for c in self.document.campaigns()), None))
        self.status.say(f"Deleted '{deleted.name}'. {deleted.told()}",
                        long=True)

    def _ask_name(self, title: str, label: str, suggested: str) -> str | None:
        """The name typed, cleaned; a refused name is said and asked for again (up to a few
        times), Cancel gives None."""
        for _ in range(ASK_AGAIN):
            name, ok = QInputDialog.getText(self.host, title, label, text=suggested)
            if not ok:
                return None
            try:
                return clean_name(name)
            except Refused as exc:
                QMessageBox.information(self.host, title, exc.in_words())
                suggested = name.strip() or suggested
        return None

    def validate(self) -> None:
        if self.document.campaign is None:
            self.status.say("There is no campaign to check: make one first with "
                            "Campaign › New Campaign… (Ctrl+N).")
            return
        self.document.refresh()
        errs, warns = errors(self.document.problems), warnings(self.document.problems)
        self.problemsRequested.emit()
        if errs:
            message = (f"{count(len(errs), 'error')} to fix before publishing, "
                       f"{count(len(warns), 'warning')}.")
        elif warns:
            message = f"Ready to publish, with {count(len(warns), 'warning')} to look at."
        else:
            message = "No problems: this campaign is ready to publish."
        self.status.say(message)

    def publish(self) -> PublishDialog | None:
        """Shows the publish dialog; publishing happens only when the user confirms."""
        campaign = self.document.campaign
        if campaign is None:
            return None
        preview = publish(self.document.workspace, campaign.id, dry_run=True)
        status = self.document.status
        in_campaign = sum(c.get(s, 0) for c in status.nodes.values()
                          for s in LIVE_MEMBERSHIPS) if status else 0
        dialog = PublishDialog(campaign.name, preview, in_campaign, self.host)
        dialog.nodeChosen.connect(self.nodeChosen.emit)
        dialog.finished.connect(lambda result: self._publish_done(dialog, campaign.id, result))
        dialog.open()
        return dialog

    def _publish_done(self, dialog: PublishDialog, campaign_id: str, result: int) -> None:
        dialog.deleteLater()
        if result != PublishDialog.DialogCode.Accepted:
            return
        outcome = publish(self.document.workspace, campaign_id)
        self.document.refresh()
        if outcome.blocked:
            self.problemsRequested.emit()
            self.status.say("Not published: the campaign has problems.")
        else:
            self.status.say(f"Published version {outcome.version}.")

    def activate(self) -> None:
        self._lifecycle(lifecycle.activate)

    def pause(self) -> None:
        self._lifecycle(lifecycle.pause)

    def set_bot_policy(self, count_all: bool) -> bool:
        """Campaign › Count Bot Clicks Too; False when the change was refused."""
        policy = BotPolicy.COUNT_ALL if count_all else BotPolicy.IGNORE_BOTS
        if self.document.campaign is None or not self.controller.set_bot_policy(policy):
            return False
        self.status.say(("Bot clicks will count" if count_all else "Bot clicks will be ignored")
                        + " once you publish.")
        return True

    def _lifecycle(self, action: Callable[[Workspace, str], str]) -> None:
        campaign = self.document.campaign
        if campaign is None:
            return
        try:
            message = action(self.document.workspace, campaign.id)
        except Refused as exc:
            QMessageBox.information(self.host, "Not now", exc.in_words())
            return
        self.document.refresh()
        self.status.say(sentence(message))

"""The Campaign menu: new campaign, validate, publish, activate, pause — through the engine."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from canvas_app.domain.validation import errors, warnings
from canvas_app.engine import lifecycle
from canvas_app.engine.errors import Refused
from canvas_app.engine.publishing import publish

if TYPE_CHECKING:
    from canvas_app.ui.main_window import MainWindow


class CampaignOperations:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def document(self):  # type: ignore[no-untyped-def]
        return self.window.document

    def new_campaign(self) -> None:
        self.document.new_campaign()
        self.window.inspector.focus_name()
        self.window.statusBar().showMessage(
            "New campaign: drag a Sequence and an Email Link Clicked goal onto the canvas.", 8000)

    def validate(self) -> None:
        self.document.refresh()
        errs, warns = errors(self.document.problems), warnings(self.document.problems)
        self.window.show_problems()
        if errs:
            message = f"{len(errs)} error(s) to fix before publishing, {len(warns)} warning(s)."
        elif warns:
            message = f"Ready to publish, with {len(warns)} warning(s) to look at."
        else:
            message = "No problems: this campaign is ready to publish."
        self.window.statusBar().showMessage(message, 8000)

    def publish(self) -> None:
        campaign = self.document.campaign
        if campaign is None:
            return
        preview = publish(self.document.workspace, campaign.id, dry_run=True)
        if preview.blocked:
            self.window.show_problems()
            QMessageBox.warning(self.window, "Cannot publish yet",
                                f"'{campaign.name}' has {len(errors(preview.problems))} "
                                "problem(s) that stop it from running. They are listed in "
                                "the Problems panel; click one to show its node.")
            return
        if preview.unchanged:
            QMessageBox.information(self.window, "Nothing to publish",
                                    f"The draft is the same as version {preview.previous}.")
            return
        lines = [f"Publish version {preview.version} of '{campaign.name}'?"]
        if preview.changes and preview.previous:
            lines.append(f"Changes since version {preview.previous}: "
                         f"{preview.changes.summary()}.")
            lines.append("For contacts already in the campaign:")
            lines += [f"  • {line}" for line in preview.contacts]
        warns = warnings(preview.problems)
        if warns:
            lines.append(f"{len(warns)} warning(s), which do not block publishing:")
            lines += [f"  • {p.message}" for p in warns[:6]]
        answer = QMessageBox.question(self.window, "Publish", "\n".join(lines),
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        outcome = publish(self.document.workspace, campaign.id)
        self.document.refresh()
        self.window.refresh_switcher()
        self.window.statusBar().showMessage(f"Published version {outcome.version}.", 8000)

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
            QMessageBox.information(self.window, "Not now", str(exc)[0].upper() + str(exc)[1:]
                                    + ".")
            return
        self.document.refresh()
        self.window.refresh_switcher()
        self.window.statusBar().showMessage(message[0].upper() + message[1:] + ".", 8000)

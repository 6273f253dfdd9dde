"""The publish dialog: what validation says (errors block, warnings need a look), and what
publishing will change for the contacts already in the campaign, before anything happens."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from canvas_app.domain.validation import errors, warnings
from canvas_app.domain.words import count
from canvas_app.engine.publishing import PublishOutcome
from canvas_app.ui.style.button_order import follow_visible_order
from canvas_app.ui.style.screen_fit import fit_to_screen
from canvas_app.ui.style.theme import current_theme

REASSURANCE = ("Contacts stay where they are. Nobody gets an email twice, and nobody achieves "
               "a goal for a click made before this version.")


class PublishDialog(QDialog):
    nodeChosen = Signal(str)

    def __init__(self, name: str, preview: PublishOutcome, contacts_in_campaign: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publishDialog")
        self.preview = preview
        self.setWindowTitle(f"Publish '{name}'")
        fit_to_screen(self, 720, 560)
        errs, warns = errors(preview.problems), warnings(preview.problems)
        theme = current_theme()
        layout = QVBoxLayout(self)
        self.heading = heading = QLabel()
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText)
        if errs:
            heading.setText(f"<h3>'{name}' cannot be published yet</h3>"
                            f"{count(len(errs), 'problem')} would stop it "
                            "from working. Click one to show its node, fix it, then publish "
                            "again.")
        elif preview.unchanged:
            heading.setText(f"<h3>Nothing to publish</h3>The draft is the same as version "
                            f"{preview.previous}.")
        else:
            since = (f" Changes since version {preview.previous}: "
                     f"{preview.changes.summary()}." if preview.previous and preview.changes
                     else " This is its first version.")
            heading.setText(f"<h3>Publish version {preview.version}</h3>The engine will run "
                            f"this version from now on.{since}")
        layout.addWidget(heading)
        self.problems = QListWidget()
        self.problems.setObjectName("publishProblems")
        self.problems.setAccessibleName("Problems" if errs else "Warnings")
        self.problems.setAccessibleDescription("Return on a problem closes this and shows its "
                                               "node")
        self.problems.setWordWrap(True)
        style = self.style()
        for problem in errs + warns:
            icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical if problem.is_error
                                      else QStyle.StandardPixmap.SP_MessageBoxWarning)
            item = QListWidgetItem(icon, problem.message)
            item.setData(Qt.ItemDataRole.UserRole, problem.node)
            item.setToolTip("Click (or press Return) to close this and show the node on the "
                            "canvas" if problem.node else "")
            self.problems.addItem(item)
        self.problems.itemClicked.connect(self._chosen)
        self.problems.itemActivated.connect(self._chosen)
        if errs or warns:
            layout.addWidget(QLabel("<b>Problems</b>" if errs else "<b>Warnings</b> "
                                    "(they do not stop publishing)"))
            layout.addWidget(self.problems, 1)
        self.contacts = QLabel()
        self.contacts.setObjectName("publishImpact")
        self.contacts.setWordWrap(True)
        self.contacts.setTextFormat(Qt.TextFormat.RichText)
        if not errs and not preview.unchanged and preview.previous is not None:
            lines = "".join(f"<li>{line}</li>" for line in preview.contacts)
            self.contacts.setText(
                f"<b>For the {count(contacts_in_campaign, 'contact')} already in this campaign</b>"
                f"<ul>{lines}</ul><span style='color:{theme.muted_text.name()}'>"
                f"{REASSURANCE}</span>")
            layout.addWidget(self.contacts)
        self.accept_warnings = QCheckBox(
            f"I have read the {count(len(warns), 'warning')}")
        self.accept_warnings.setObjectName("acceptWarnings")
        self.accept_warnings.setVisible(bool(warns) and not errs and not preview.unchanged)
        layout.addWidget(self.accept_warnings)
        if not (errs or warns):
            layout.addStretch(1)  # the words stay at the top, not floating mid-dialog
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.publish = buttons.addButton("Publish", QDialogButtonBox.ButtonRole.AcceptRole)
        self.publish.setObjectName("confirmPublish")
        follow_visible_order(buttons)  # Tab reaches Publish first, as it is shown first
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.blocked = bool(errs) or preview.unchanged
        self.accept_warnings.toggled.connect(self._update)
        self._needs_ack = bool(warns)
        self._update()

    def _update(self) -> None:
        self.publish.setEnabled(not self.blocked and (not self._needs_ack
                                                      or self.accept_warnings.isChecked()))
        self.publish.setToolTip("Fix the problems first" if self.blocked else
                                "Tick the box after reading the warnings"
                                if not self.publish.isEnabled() else "Store the new version")

    def _chosen(self, item: QListWidgetItem) -> None:
        """Closes the dialog first: a modal dialog would hide the node it points to."""
        node = item.data(Qt.ItemDataRole.UserRole)
        if node:
            self.reject()
            self.nodeChosen.emit(str(node))

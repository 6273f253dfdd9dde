"""The goal setup dialog: the emails of the sequences connected before an Email Link Clicked
goal, each previewed safely, with a click on a link (or its check box) choosing it.

The dialog edits a copy; OK hands back the name and the chosen links, which the window
applies as one undoable command. Cancel changes nothing.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from canvas_app.domain.links import KIND_LABELS, why_cannot_qualify
from canvas_app.domain.model import Campaign, Email, Link
from canvas_app.domain.words import count, plural
from canvas_app.ui.email.link_focus import on_link_focus, select_link
from canvas_app.ui.email.preview_html import (
    LINK_SCHEME,
    LinkState,
    fill_sample,
    link_id_from_url,
    preview,
)
from canvas_app.ui.email.safe_preview import SafePreview
from canvas_app.ui.email.unsaved import close_asking
from canvas_app.ui.style.screen_fit import fit_to_screen
from canvas_app.ui.style.theme import (
    INVALID_FIELD,
    PROBLEM_BOX,
    current_theme,
)

#: The id an item holds: an email's in the tree of emails, a link's in the list of links.
EMAIL_ID_ROLE = LINK_ID_ROLE = Qt.ItemDataRole.UserRole
PREVIEW_TITLE = "<b>Preview</b> — click the links that satisfy the goal"


class GoalSetupDialog(QDialog):
    def __init__(self, campaign: Campaign, goal_id: str, parent: QWidget | None = None,
                 link_clicks: dict[str, dict[str, int]] | None = None) -> None:
        super().__init__(parent)
        #: clicks per link (people, bots) to show beside each link (View › Show Rates)
        self.link_clicks = link_clicks
        self.setObjectName("goalSetupDialog")
        self.goal = campaign.goal(goal_id)
        self.chosen: list[str] = list(self.goal.links)
        self.upstream = campaign.upstream_sequences(goal_id)
        self.emails: dict[str, Email] = {e.id: e for s in self.upstream for e in s.emails}
        self.eligible: dict[str, Link] = {
            link.id: link for e in self.emails.values() for link in e.links}
        self.current: Email | None = None
        self.theme = current_theme()
        self.setWindowTitle(f"Set up goal: {self.goal.name}")
        fit_to_screen(self, 1080, 680)
        self._build()
        self._fill_emails()
        self._refresh()
        self._explain(None)

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        self.name = QLineEdit(self.goal.name)
        self.name.setObjectName("goalName")
        self.name.setToolTip("The name shown below the goal on the canvas")
        top = QHBoxLayout()
        name_label = QLabel("Goal &name")
        name_label.setBuddy(self.name)  # read with the field, and Alt+N goes to it
        top.addWidget(name_label)
        top.addWidget(self.name, 1)
        self.email_list = QTreeWidget()
        self.email_list.setObjectName("emailList")
        self.email_list.setAccessibleName("Emails in the sequences before this goal")
        self.email_list.setHeaderLabels(["Email", "Chosen"])
        self.email_list.setRootIsDecorated(False)
        header = self.email_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.email_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.email_list.currentItemChanged.connect(self._email_selected)
        self.empty = QLabel()
        self.empty.setObjectName("emptyEmailList")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        emails_title = QLabel("<b>Emails in the sequences before this goal</b>")
        emails_title.setWordWrap(True)  # never pushed against the preview's title
        left_layout.addWidget(emails_title)
        left_layout.addWidget(self.email_list, 1)
        left_layout.addWidget(self.empty, 1)
        self.preview = SafePreview()
        self.preview.setAccessibleName("Preview of the email")
        self.preview.anchorClicked.connect(self._anchor_clicked)
        on_link_focus(self.preview, self._link_focused)  # Tab to a link
        self.preview.highlighted.connect(self._hovered)
        self.preview.setToolTip("Click a link to choose it; click again to leave it out")
        self.checklist = QListWidget()
        self.checklist.setObjectName("linkChecklist")
        self.checklist.setAccessibleName("Links in this email")
        self.checklist.setAccessibleDescription("Space checks a link that satisfies the goal")
        self.checklist.setToolTip("The links of this email: check the ones that satisfy the goal")
        self.checklist.itemChanged.connect(self._checked)
        self.checklist.currentItemChanged.connect(
            lambda item, _old: self._explain(self.eligible.get(str(item.data(LINK_ID_ROLE)))
                                             if item is not None else None))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.preview_title = QLabel(PREVIEW_TITLE)
        self.preview_title.setWordWrap(True)  # a long explanation wraps; the dialog keeps its size
        right_layout.addWidget(self.preview_title)
        right_layout.addWidget(self.preview, 3)
        right_layout.addWidget(QLabel("<b>Links in this email</b>"))
        right_layout.addWidget(self.checklist, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([340, 740])
        self.dangling = QWidget()
        dangling_layout = QHBoxLayout(self.dangling)
        dangling_layout.setContentsMargins(8, 4, 8, 4)
        self.dangling_text = QLabel()
        self.dangling_text.setWordWrap(True)
        self.fix = QPushButton("Remove them")
        self.fix.setObjectName("removeUnavailableLinks")
        self.fix.setToolTip("Leave out the chosen links that are no longer available")
        self.fix.clicked.connect(self._remove_unavailable)
        dangling_layout.addWidget(self.dangling_text, 1)
        dangling_layout.addWidget(self.fix)
        self.dangling.setStyleSheet(PROBLEM_BOX[self.theme.dark])
        self.summary = QLabel()
        self.summary.setObjectName("goalSummary")
        summary_font = QFont(self.summary.font())
        summary_font.setBold(True)
        self.summary.setFont(summary_font)
        self.warning = QLabel()
        self.warning.setObjectName("goalWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {self.theme.warning_text.name()};")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.dangling)
        layout.addWidget(self.summary)
        layout.addWidget(self.warning)
        layout.addWidget(buttons)

    def _fill_emails(self) -> None:
        self.email_list.clear()
        first: QTreeWidgetItem | None = None
        for sequence in self.upstream:
            header = QTreeWidgetItem([sequence.name, ""])
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = header.font(0)
            font.setBold(True)
            header.setFont(0, font)
            self.email_list.addTopLevelItem(header)
            for number, email in enumerate(sequence.emails, start=1):
                subject = fill_sample(email.subject) or "(no subject)"
                item = QTreeWidgetItem([f"   {number}. {subject}", ""])
                item.setData(0, EMAIL_ID_ROLE, email.id)
                item.setToolTip(0, subject)
                self.email_list.addTopLevelItem(item)
                first = first or item
        has_emails = first is not None
        self.email_list.setVisible(has_emails)
        self.empty.setVisible(not has_emails)
        if not self.upstream:
            self.empty.setText(
                "<b>No sequence is connected before this goal.</b><br><br>The links that can "
                "satisfy a goal come from the emails of the sequences connected to it. Close "
                "this window, then drag from a sequence's round handle to this goal.")
        elif not has_emails:
            names = ", ".join(f"'{escape(s.name, quote=False)}'" for s in self.upstream)
            self.empty.setText(
                f"<b>{names} {plural(len(self.upstream), 'has', 'have')} no emails yet.</b>"
                "<br><br>Write the emails and their links first: double-click the sequence on "
                "the canvas.")
        if first is not None:
            self.email_list.setCurrentItem(first)
        else:
            self.preview.setHtml("")
            self.checklist.clear()

    # -- state -------------------------------------------------------------------------
    def state(self, link: Link) -> LinkState:
        if not link.can_qualify:
            return LinkState.CANNOT
        return LinkState.CHOSEN if link.id in self.chosen else LinkState.CAN_CHOOSE

    def unavailable(self) -> list[str]:
        """Chosen links that are not in an email before this goal (or cannot qualify)."""
        return [k for k in self.chosen if k not in self.eligible
                or not self.eligible[k].can_qualify]

    def toggle(self, link_id: str) -> bool:
        """Chooses or leaves out a link; returns False (and says why) when it cannot be chosen."""
        link = self.eligible.get(link_id)
        if link is None:
            return False
        if not link.can_qualify:
            QToolTip.showText(self.cursor().pos(), why_cannot_qualify(link.effective_kind))
            self.preview_title.setText(f"<b>Preview</b> — <span style='color:"
                                       f"{self.theme.error_text.name()}'>"
                                       f"{why_cannot_qualify(link.effective_kind)}</span>")
            return False
        if link_id in self.chosen:
            self.chosen.remove(link_id)
        else:
            self.chosen.append(link_id)
        self._refresh()
        return True

    def _email_selected(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        email_id = item.data(0, EMAIL_ID_ROLE) if item is not None else None
        self.current = self.emails.get(str(email_id)) if email_id else None
        self._refresh()

    def select_email(self, email_id: str) -> None:
        for i in range(self.email_list.topLevelItemCount()):
            item = self.email_list.topLevelItem(i)
            if item is not None and item.data(0, EMAIL_ID_ROLE) == email_id:
                self.email_list.setCurrentItem(item)
                return

    def _refresh(self) -> None:
        self.preview_title.setText(PREVIEW_TITLE)  # an earlier explanation is no longer current
        for i in range(self.email_list.topLevelItemCount()):
            item = self.email_list.topLevelItem(i)
            email = self.emails.get(str(item.data(0, EMAIL_ID_ROLE))) if item else None
            if item is not None and email is not None:
                n = sum(1 for link in email.links if link.id in self.chosen)
                item.setText(1, f"{n} of {sum(1 for k in email.links if k.can_qualify)}")
        email = self.current
        if email is not None:
            scroll = self.preview.verticalScrollBar().value()
            self.preview.setHtml(preview(email, self.state, self.theme.dark))
            self.preview.verticalScrollBar().setValue(scroll)
            self._fill_checklist(email)
        chosen_here = [k for k in self.chosen if k in self.eligible]
        emails = {e.id for e in self.emails.values() for k in e.links if k.id in chosen_here}
        if chosen_here:
            self.summary.setText(f"{count(len(chosen_here), 'link')} in "
                                 f"{count(len(emails), 'email')} "
                                 f"{plural(len(chosen_here), 'satisfies', 'satisfy')} this goal.")
        else:
            self.summary.setText("No link chosen yet: choose the links that satisfy this goal.")
        names = ", ".join(f"'{s.name}'" for s in self.upstream)
        self.warning.setText(
            f"Be careful: a click on a chosen link stops {names} for that contact and starts "
            "the sequences after this goal. Choose only links that clearly mean the contact "
            "did what this goal is about." if self.upstream else "")
        gone = self.unavailable()
        self.dangling.setVisible(bool(gone))
        if gone:
            self.dangling_text.setText(
                f"{count(len(gone), 'chosen link')} {plural(len(gone), 'is', 'are')} no "
                "longer available: its email was removed, its sequence is no longer connected "
                "before this goal, or it cannot satisfy a link goal.")

    def _fill_checklist(self, email: Email) -> None:
        same = self.checklist.property("emailId") == email.id
        row = self.checklist.currentRow() if same else -1  # the keyboard stays on its link
        self.checklist.setProperty("emailId", email.id)
        self.checklist.blockSignals(True)
        self.checklist.clear()
        for link in email.links:
            label = f"{link.text}  —  {KIND_LABELS[link.effective_kind]}"
            clicks = (self.link_clicks or {}).get(link.id)
            if clicks is not None:
                label += (f"  ·  {count(clicks['human'], 'click')} by people, "
                          f"{clicks['bot']} by bots")
            item = QListWidgetItem(label)
            item.setData(LINK_ID_ROLE, link.id)
            if link.can_qualify:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                              | Qt.ItemFlag.ItemIsSelectable)
                item.setCheckState(Qt.CheckState.Checked if link.id in self.chosen
                                   else Qt.CheckState.Unchecked)
                item.setToolTip(f"{link.target}\nCheck it if a click on it satisfies the goal.")
            else:
                item.setFlags(Qt.ItemFlag.ItemIsSelectable)
                item.setForeground(self.theme.muted_text)
                item.setText(f"{label}  (cannot satisfy a goal)")
                item.setToolTip(why_cannot_qualify(link.effective_kind))
            self.checklist.addItem(item)
        if 0 <= row < self.checklist.count():
            self.checklist.setCurrentRow(row)
        self.checklist.blockSignals(False)

    def _checked(self, item: QListWidgetItem) -> None:
        link_id = str(item.data(LINK_ID_ROLE))
        wanted = item.checkState() == Qt.CheckState.Checked
        if wanted != (link_id in self.chosen):
            self.toggle(link_id)

    def _anchor_clicked(self, url: QUrl) -> None:
        link_id = link_id_from_url(url.toString())
        if link_id:
            self.toggle(link_id)
            select_link(self.preview, f"{LINK_SCHEME}:{link_id}")  # the keyboard stays there

    def _link_focused(self, href: str) -> None:
        """A link reached by keyboard says why when it cannot be chosen, as a hover does."""
        link = self.eligible.get(link_id_from_url(href) or "")
        self._explain(link)
        if link is not None and not link.can_qualify:
            at = self.preview.viewport().mapToGlobal(self.preview.cursorRect().bottomLeft())
            QToolTip.showText(at, why_cannot_qualify(link.effective_kind), self.preview)

    def _explain(self, link: Link | None) -> None:
        """The preview's title says why the focused link cannot be chosen (the usual title
        otherwise); a screen reader hears it as the preview's description."""
        why = why_cannot_qualify(link.effective_kind) if link and not link.can_qualify else ""
        self.preview_title.setText(f"<b>Preview</b> — {why}" if why else PREVIEW_TITLE)
        self.preview.setAccessibleDescription(why or "Tab moves from link to link; Return "
                                              "chooses the link or leaves it out")

    def _hovered(self, url: QUrl) -> None:
        link = self.eligible.get(link_id_from_url(url.toString()) or "")
        if link is None:
            return
        if not link.can_qualify:
            tip = why_cannot_qualify(link.effective_kind)
        elif link.id in self.chosen:
            tip = f"Chosen: a click on it achieves this goal.\n{link.target}"
        else:
            tip = f"Click to choose this link.\n{link.target}"
        QToolTip.showText(self.cursor().pos(), tip)

    def _remove_unavailable(self) -> None:
        gone = set(self.unavailable())
        self.chosen = [k for k in self.chosen if k not in gone]
        self._refresh()

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.name.setFocus()
            self.name.setStyleSheet(INVALID_FIELD)
            self.name.setToolTip("A goal needs a name")
            return
        self.accept()

    def has_unapplied_changes(self) -> bool:
        return self.ok.isEnabled() and (set(self.chosen) != set(self.goal.links)
                                        or self.result_name() != self.goal.name)

    def cancel(self) -> None:
        """Cancel, Esc and the close button: choices made here are not dropped unasked."""
        close_asking(self, self.has_unapplied_changes(), "Unsaved goal", f"The goal "
                     f"'{self.goal.name}' has changes you have not applied.", self._accept)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.has_unapplied_changes():
            event.ignore()
            self.cancel()
        else:
            super().closeEvent(event)

    def done(self, result: int) -> None:
        QToolTip.hideText()  # a tooltip must not outlive the dialog it describes
        super().done(result)

    def result_name(self) -> str:
        return self.name.text().strip()

"""The sequence editor: the emails of a sequence in order, with their waits in words
("Wait 2 days, then send 'Last chance'"), each edited in a rich-text editor with its links.
The dialog edits a copy. Apply (or OK) hands the emails to the window, which records them as
one undoable change; Cancel (or Esc, or closing the window) asks before dropping the rest."""

from __future__ import annotations

import copy
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from canvas_app.domain.anchors import rename_links
from canvas_app.domain.ids import new_id
from canvas_app.domain.links import KIND_LABELS
from canvas_app.domain.model import Campaign, Email, Link
from canvas_app.ui.email.body_editor import BodyEditor
from canvas_app.ui.email.buttons import push_button, tool_button
from canvas_app.ui.email.import_html import ask_and_import
from canvas_app.ui.email.layout_guard import LayoutGuard
from canvas_app.ui.email.link_dialog import LinkDialog
from canvas_app.ui.email.preview_html import SAMPLE, LinkState, preview
from canvas_app.ui.email.safe_preview import SafePreview
from canvas_app.ui.email.steps import UNITS, step_text
from canvas_app.ui.style.screen_fit import available, fit_to_screen
from canvas_app.ui.style.theme import current_theme


class SequenceEditor(QDialog):
    applied = Signal(list)  # list[Email]

    def __init__(self, campaign: Campaign, sequence_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sequenceEditor")
        self.sequence = campaign.sequence(sequence_id)
        self.emails: list[Email] = copy.deepcopy(self.sequence.emails)
        self._applied: list[Email] = copy.deepcopy(self.emails)
        self.current: int = -1
        self._loading = False
        self.setWindowTitle(f"Sequence: {self.sequence.name}")
        fit_to_screen(self, 1120, 720)
        self._build()
        self._fill_steps()
        self.steps.setCurrentRow(0 if self.emails else -1)
        self._show_current()

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        left = self._email_list()
        right = self._email_form()
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([360, 760])
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Apply
                               | QDialogButtonBox.StandardButton.Cancel)
        self.button_box = box
        box.accepted.connect(self._ok)
        box.rejected.connect(self.reject)
        self.apply_button = box.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setToolTip("Save these emails now (one step you can undo)")
        self.apply_button.clicked.connect(self.apply)
        self.ok_button = box.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addSpacing(8)  # the links line is not squeezed against the buttons
        layout.addWidget(box)
        if layout.minimumSize().width() > available(self).width():  # a narrow screen
            split.setOrientation(Qt.Orientation.Vertical)  # the list above the email
        self.delay.valueChanged.connect(self._store)
        self.unit.currentIndexChanged.connect(self._store)
        self.subject.textChanged.connect(self._store)
        self.body.textChanged.connect(self._store)

    def _email_list(self) -> QWidget:
        """The emails in the order they are sent, and the buttons that change the order."""
        self.steps = QListWidget()
        self.steps.setObjectName("emailSteps")
        self.steps.setAccessibleName("Emails, in the order they are sent")
        self.steps.setWordWrap(True)
        self.steps.setSpacing(3)
        self.steps.currentRowChanged.connect(self._row_changed)
        buttons = QHBoxLayout()
        self.add_button = push_button("Add", "Add an email at the end", self.add_email)
        self.duplicate_button = push_button("Duplicate", "Copy the selected email",
                                             self.duplicate_email)
        self.remove_button = push_button("Remove", "Remove the selected email",
                                          self.remove_email)
        self.up_button = push_button("▲", "Send it earlier", lambda: self.move_email(-1),
                                     "Send it earlier")
        self.down_button = push_button("▼", "Send it later", lambda: self.move_email(1),
                                       "Send it later")
        self.import_button = push_button("Import HTML…", "Add an email written in another "
                                          "tool (.html or .eml): its links are declared",
                                          self.import_email)
        for b in (self.add_button, self.import_button, self.duplicate_button, self.remove_button,
                  self.up_button, self.down_button):
            buttons.addWidget(b)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>Emails, in the order they are sent</b>"))
        left_layout.addWidget(self.steps, 1)
        self.sample_note = QLabel(f"Subjects show merge fields as a sample contact, "
                                  f"{SAMPLE['first_name']}, would see them.")
        self.sample_note.setObjectName("sampleNote")
        self.sample_note.setWordWrap(True)
        self.sample_note.setStyleSheet(f"color: {current_theme().muted_text.name()};")  # quiet,
        # yet readable (a disabled label's grey is 1.6:1)
        left_layout.addWidget(self.sample_note)
        left_layout.addLayout(buttons)
        return left

    def _email_form(self) -> QWidget:
        """The selected email: its wait, subject and body (written or previewed)."""
        self.delay = QSpinBox()
        self.delay.setAccessibleName("Wait before this email")
        self.delay.setRange(0, 100000)
        self.delay.setToolTip("How long to wait after the previous email (or after the contact "
                              "enters the sequence, for the first email)")
        self.unit = QComboBox()
        self.unit.setAccessibleName("Unit of the wait")
        for unit, size in UNITS:
            self.unit.addItem(unit, size)
        wait = QHBoxLayout()
        wait.addWidget(self.delay)
        wait.addWidget(self.unit)
        wait.addStretch(1)
        self.subject = QLineEdit()
        self.subject.setObjectName("emailSubject")
        self.subject.setPlaceholderText("Subject, e.g. Your free guide, {{first_name}}")
        self.body = BodyEditor()
        self.body.setAccessibleName("Email body")
        self.body.setAccessibleDescription("Bold Ctrl+B, italic Ctrl+I, insert a link Ctrl+K")
        self.body.setPlaceholderText("Write the email here. Use {{first_name}} for the "
                                     "contact's first name.")
        self.tabs = self._writing_tabs()
        form = QFormLayout()
        form.addRow("Wait", wait)
        wait_label = form.labelForField(wait)
        if isinstance(wait_label, QLabel):
            wait_label.setBuddy(self.delay)  # read with the wait's box
        form.addRow("Subject", self.subject)
        self.form = QWidget()
        right_layout = QVBoxLayout(self.form)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(form)
        right_layout.addWidget(self.tabs, 1)
        self.empty = QLabel("<b>This sequence has no emails yet.</b><br><br>Click <b>Add</b> to "
                            "write the first one. Each email is sent after the wait you set.")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        right = QWidget()
        right_stack = QVBoxLayout(right)
        right_stack.setContentsMargins(0, 0, 0, 0)
        right_stack.addWidget(self.form, 1)
        right_stack.addWidget(self.empty, 1)
        return right

    def _writing_tabs(self) -> QTabWidget:
        """The body with its formatting tools and links, and its safe preview."""
        tools = QHBoxLayout()
        self.bold = tool_button("B", "Bold (Ctrl+B)", lambda: self._toggle_format("bold"), "Bold")
        self.bold.setShortcut(QKeySequence.StandardKey.Bold)
        self.italic = tool_button("I", "Italic (Ctrl+I)", lambda: self._toggle_format("italic"),
                                  "Italic")
        self.italic.setShortcut(QKeySequence.StandardKey.Italic)
        self.link_button = tool_button("Insert link…", "Insert a link at the cursor (Ctrl+K)",
                                      self.insert_link)
        self.link_button.setShortcut("Ctrl+K")
        self.edit_link_button = tool_button("Edit link…", "Change the link under the cursor",
                                           self.edit_link)
        self.unlink_button = tool_button("Remove link", "Keep the words, drop the link",
                                        self.unlink)
        formatting = (self.bold, self.italic, self.link_button, self.edit_link_button,
                      self.unlink_button)
        for b in formatting:
            tools.addWidget(b)
        tools.addStretch(1)
        self.links = QLabel()
        self.links.setObjectName("emailLinks")
        self.links.setWordWrap(True)
        self.links.setTextFormat(Qt.TextFormat.RichText)
        write = QWidget()
        write_layout = QVBoxLayout(write)
        write_layout.setContentsMargins(0, 6, 0, 0)
        self.layout_guard = LayoutGuard(self.body, formatting)
        write_layout.addWidget(self.layout_guard)
        write_layout.addLayout(tools)
        write_layout.addWidget(self.body, 1)
        write_layout.addWidget(self.links)
        self.preview = SafePreview()
        self.preview.setObjectName("sequencePreview")
        self.preview.setAccessibleName("Preview of the email")
        tabs = QTabWidget()
        tabs.setAccessibleName("Write or preview the email")
        tabs.addTab(write, "Write")
        tabs.addTab(self.preview, "Preview")
        tabs.currentChanged.connect(lambda _i: self._refresh_preview())
        return tabs

    # -- the list of emails ------------------------------------------------------------
    def _fill_steps(self) -> None:
        row = self.steps.currentRow()
        self.steps.blockSignals(True)
        self.steps.clear()
        for i, email in enumerate(self.emails):
            self.steps.addItem(f"{i + 1}. {step_text(i, email)}")
        self.steps.setCurrentRow(min(row, len(self.emails) - 1))
        self.steps.blockSignals(False)
        has = bool(self.emails)
        self.form.setVisible(has)
        self.empty.setVisible(not has)
        for b in (self.duplicate_button, self.remove_button, self.up_button, self.down_button):
            b.setEnabled(has)

    def _row_changed(self, row: int) -> None:
        self.current = row
        self._show_current()

    def _show_current(self) -> None:
        self.current = self.steps.currentRow()
        if not 0 <= self.current < len(self.emails):
            return
        email = self.emails[self.current]
        self._loading = True
        unit = next(size for _, size in reversed(UNITS) if email.delay_minutes % size == 0)
        self.unit.setCurrentIndex(self.unit.findData(unit))
        self.delay.setValue(email.delay_minutes // unit)
        self.subject.setText(email.subject)
        self.body.set_body(email.body_html)
        self.layout_guard.show_for(email)
        self._loading = False
        self._refresh_links()
        self._refresh_preview()

    def _store(self) -> None:
        if self._loading or not 0 <= self.current < len(self.emails):
            return
        email = self.emails[self.current]
        email.delay_minutes = self.delay.value() * int(self.unit.currentData())
        email.subject = self.subject.text()
        if self.body.document().isModified():  # untouched, an imported email keeps its look
            email.body_html = self.body.body()
            known = {link.id: link for link in email.links}
            email.links = [Link(link_id, known[link_id].kind, self.body.link_text(link_id),
                                known[link_id].target)
                           for link_id in self.body.link_ids() if link_id in known]
        item = self.steps.item(self.current)
        if item is not None:
            item.setText(f"{self.current + 1}. {step_text(self.current, email)}")
        self._refresh_links()

    def _refresh_links(self) -> None:
        if not 0 <= self.current < len(self.emails):
            return
        email = self.emails[self.current]
        if not email.links:
            self.links.setText("No links yet: select where one goes and click Insert link.")
            return
        rows = "".join(f"<li><b>{escape(k.text, False)}</b> — {KIND_LABELS[k.effective_kind]}: "
                       f"{escape(k.target, False)}</li>" for k in email.links)
        self.links.setText(f"<b>Links</b><ul style='margin:0'>{rows}</ul>")

    def _refresh_preview(self) -> None:
        if 0 <= self.current < len(self.emails):
            self.preview.setHtml(preview(self.emails[self.current], lambda _l: LinkState.PLAIN,
                                         current_theme().dark))

    # -- actions -----------------------------------------------------------------------
    def add_email(self) -> None:
        self.emails.append(Email(new_id(), 1440 if self.emails else 0, "",
                                 "<p>Hi {{first_name}},</p>", []))
        self._fill_steps()
        self.steps.setCurrentRow(len(self.emails) - 1)
        self.subject.setFocus()

    def import_email(self) -> None:
        got = ask_and_import(self, 1440 if self.emails else 0)
        if got is not None:
            self.emails.append(got[0])
            self._fill_steps()
            self.steps.setCurrentRow(len(self.emails) - 1)
            self.sample_note.setText(got[1])

    def duplicate_email(self) -> None:
        if not 0 <= self.current < len(self.emails):
            return
        clone = copy.deepcopy(self.emails[self.current])
        clone.id = new_id()
        renamed = {link.id: new_id() for link in clone.links}
        clone.body_html = rename_links(clone.body_html, renamed)
        for link in clone.links:
            link.id = renamed[link.id]
        clone.subject = f"{clone.subject} (copy)"
        self.emails.insert(self.current + 1, clone)
        self._fill_steps()
        self.steps.setCurrentRow(self.current + 1)

    def remove_email(self) -> None:
        if 0 <= self.current < len(self.emails):
            del self.emails[self.current]
            self._fill_steps()
            self._show_current()

    def move_email(self, step: int) -> None:
        i, j = self.current, self.current + step
        if 0 <= i < len(self.emails) and 0 <= j < len(self.emails):
            self.emails[i], self.emails[j] = self.emails[j], self.emails[i]
            self._fill_steps()
            self.steps.setCurrentRow(j)

    def insert_link(self) -> None:
        if not 0 <= self.current < len(self.emails):
            return
        selected = self.body.textCursor().selectedText()
        dialog = LinkDialog(selected, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        text, kind, target = dialog.values()
        link = Link(new_id(), kind, text, target)
        self.emails[self.current].links.append(link)
        self.body.insert_link(link.id, text)
        self._store()

    def edit_link(self) -> None:
        link_id = self.body.link_at_cursor()
        email = self.emails[self.current] if 0 <= self.current < len(self.emails) else None
        link = next((k for k in email.links if k.id == link_id), None) if email else None
        if link is None:
            QMessageBox.information(self, "Edit link", "Put the cursor inside a link first.")
            return
        dialog = LinkDialog(link.text, link.kind, link.target, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        text, link.kind, link.target = dialog.values()
        self.body.replace_link_text(link.id, text)
        self._store()

    def unlink(self) -> None:
        link_id = self.body.link_at_cursor()
        if link_id:
            self.body.remove_link(link_id)
            self._store()

    def _toggle_format(self, which: str) -> None:
        cursor = self.body.textCursor()
        fmt = cursor.charFormat()
        if which == "bold":
            self.body.setFontWeight(QFont.Weight.Normal if fmt.fontWeight() >= QFont.Weight.Bold
                                    else QFont.Weight.Bold)
        else:
            self.body.setFontItalic(not fmt.fontItalic())
        self._store()

    def apply(self) -> bool:
        self._store()
        self.applied.emit(copy.deepcopy(self.emails))
        self._applied = copy.deepcopy(self.emails)
        return True

    def has_unapplied_changes(self) -> bool:
        return self.ok_button.isEnabled() and self.emails != self._applied

    def reject(self) -> None:
        """Cancel, Esc and the window's close button: unapplied edits are not dropped
        without asking."""
        if self.has_unapplied_changes():
            answer = QMessageBox.question(
                self, "Unsaved emails",
                f"The emails of '{self.sequence.name}' have changes you have not applied.",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
            if answer == QMessageBox.StandardButton.Save:
                self.apply()
            elif answer != QMessageBox.StandardButton.Discard:
                return  # keep editing
        super().reject()

    def _ok(self) -> None:
        self.apply()
        self.accept()

"""Adding one contact, and importing many from a CSV file after a preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from canvas_app.domain.errors import sentence
from canvas_app.domain.words import count
from canvas_app.engine.contacts import CsvImport, email_problem, preview_csv
from canvas_app.ui.style.form_dialog import lay_out_form
from canvas_app.ui.style.screen_fit import fit_to_screen
from canvas_app.ui.style.theme import current_theme

SHOWN = 200  # rows and problems listed in the preview; the rest are counted


class AddContactDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add contact")
        self.setMinimumWidth(380)
        self.email = QLineEdit()
        self.email.setPlaceholderText("name@example.com")
        self.name = QLineEdit()
        self.name.setPlaceholderText("Full name (optional)")
        self.problem = QLabel()
        self.problem.setStyleSheet(f"color: {current_theme().error_text.name()};")
        self.buttons = lay_out_form(self, [("Email", self.email), ("Name", self.name)],
                                    self.problem)
        self.email.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        problem = email_problem(self.email.text()) if self.email.text() else "Type an address."
        self.problem.setText(sentence(problem) if problem and self.email.text()
                             else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)


class CsvPreviewDialog(QDialog):
    """What a CSV file holds, with every bad row named, before anything is imported."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import contacts from {path.name}")
        fit_to_screen(self, 560, 420)
        rows, result = preview_csv(path)
        self.rows, self.found = rows, result  # (QDialog.result() is the dialog code)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Contacts found, and problems")
        self.list.setWordWrap(True)  # a long problem reads whole, with no sideways scrolling
        for problem in result.problems[:SHOWN]:  # first: they are what to fix
            self.list.addItem(f"Problem: {problem}")
        if len(result.problems) > SHOWN:
            self.list.addItem(f"… and {len(result.problems) - SHOWN} more problems")
        for row in rows[:SHOWN]:
            self.list.addItem(f"{row['email']}   {row['name']}")
        if len(rows) > SHOWN:
            self.list.addItem(f"… and {len(rows) - SHOWN} more")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self._describe(result)

    def _describe(self, result: CsvImport) -> None:
        if result.problems:
            self.summary.setText(f"<b>{count(len(result.problems), 'problem')}</b>: fix the file and "
                                 "try again. Nothing is imported while a row is wrong.")
            self.import_button.setEnabled(False)
        else:
            self.summary.setText(f"<b>{count(len(self.rows), 'contact')}</b> ready to import. "
                                 "Addresses already in the workspace are skipped.")

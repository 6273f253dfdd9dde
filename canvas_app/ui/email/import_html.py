"""Sequence editor › Import HTML…: an email written in another tool (an .html file, or an .eml
file's HTML part) added at the end of the sequence, its links declared; like every edit in the
editor it is kept when the user applies."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from canvas_app.domain.model import Email
from canvas_app.engine.errors import Refused
from canvas_app.engine.html_import import Imported, describe, html_of, import_html
from canvas_app.ui.style.file_dialogs import open_file_name


def read_email(path: Path) -> Imported:
    """The email in the file; Refused (saying why) when it cannot be read or used."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Refused(f"cannot read {path}: {exc.strerror or exc}") from exc
    return import_html(html_of(data, path.name))


def ask_and_import(parent: QWidget, delay_minutes: int) -> tuple[Email, str] | None:
    """Asks for the file; the email to add and a sentence on what came in, or None."""
    name = open_file_name(parent, "Import an HTML email", "",
                          "Emails (*.html *.htm *.eml);;All files (*)")
    if not name:
        return None
    try:
        imported = read_email(Path(name))
    except Refused as exc:
        QMessageBox.information(parent, "Import an HTML email", exc.in_words())
        return None
    return imported.email(delay_minutes), f"Imported {describe(imported)}."

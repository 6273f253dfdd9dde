"""Simulation › Import CSV…: the button asks for a file, previews it and imports it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from canvas_app.ui.simulation import contact_dialogs
from canvas_app.ui.simulation import panel as simulation_panel
from canvas_app.ui.simulation.contact_dialogs import CsvPreviewDialog
from canvas_app.ui.window.main_window import MainWindow


def _contacts(window: MainWindow) -> set[str]:
    listed = window.simulation.contact_list
    return {listed.contacts.contact(i).email for i in range(listed.count())}


def test_the_import_csv_button_imports_the_chosen_file(window: MainWindow, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("email,name\nann@example.com,Ann\nbob@example.com,Bob\n", "utf-8")
    asked: list[str] = []

    def choose(*args: object, **kwargs: object) -> str:
        asked.append("file")
        return str(csv_file)

    previews: list[CsvPreviewDialog] = []

    def accept(dialog: CsvPreviewDialog) -> int:
        previews.append(dialog)
        return CsvPreviewDialog.DialogCode.Accepted

    monkeypatch.setattr(simulation_panel, "open_file_name", choose)
    monkeypatch.setattr(CsvPreviewDialog, "exec", accept)
    window.simulation_dock.raise_()
    button = window.simulation.findChild(QPushButton, "importCsvButton")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == ["file"] and len(previews) == 1
    assert previews[0].import_button.isEnabled()
    assert _contacts(window) == {"ann@example.com", "bob@example.com"}
    assert "Imported 2" in window.simulation.status.text()


def test_the_preview_of_a_file_full_of_bad_rows_stays_short(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text("email,name\n" + "".join(f"not-an-address-{i},X\n" for i in range(5000)),
                        "utf-8")
    dialog = CsvPreviewDialog(csv_file)
    qtbot.addWidget(dialog)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert sum(t.startswith("Problem:") for t in texts) == contact_dialogs.SHOWN
    assert any("more problems" in t for t in texts)
    assert not dialog.import_button.isEnabled()


def test_a_problem_in_a_long_file_is_listed_first_and_whole(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    csv_file = tmp_path / "club.csv"
    csv_file.write_text("email,name\n" + "".join(f"p{i}@example.com,P\n" for i in range(300))
                        + "carl@example,Carl\n", "utf-8")
    dialog = CsvPreviewDialog(csv_file)
    qtbot.addWidget(dialog)
    first = dialog.list.item(0).text()
    assert first.startswith("Problem: line 302") and "carl@example" in first
    assert dialog.list.wordWrap()


def test_a_file_in_an_older_encoding_is_refused_in_plain_words(tmp_path: Path) -> None:
    from canvas_app.engine.errors import Refused

    csv_file = tmp_path / "club.csv"
    csv_file.write_bytes(b"email,name\ndana@example.com,Dan\xe9\n")
    with pytest.raises(Refused) as refused:
        CsvPreviewDialog(csv_file)
    said = refused.value.in_words()
    assert said.startswith("Line 2 of club.csv has a character") and "codec" not in said

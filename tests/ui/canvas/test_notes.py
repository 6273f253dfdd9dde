"""Notes on the canvas, driven as a user does: drop one from the palette, write on it, move,
resize, colour, copy into another campaign, find, delete; after each step the screen, the
model and the workspace file (read by a fresh connection) agree, and undo takes one step back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from canvas_app.domain.notes import NoteColor
from canvas_app.ui.canvas.keyboard import context_menu
from canvas_app.ui.canvas.note_editor import InlineNoteEditor
from canvas_app.ui.canvas.note_item import NoteItem
from canvas_app.ui.window.main_window import MainWindow
from tests.ui.conftest import Mouse, stored

ROOT = Path(__file__).resolve().parents[3]


def _editor(window: MainWindow) -> InlineNoteEditor:
    editor = window.scene.notes.editor
    assert editor is not None and editor.box.hasFocus()
    return editor


def _only_note(window: MainWindow) -> NoteItem:
    items = list(window.scene.notes.items.values())
    assert len(items) == 1
    return items[0]


def _bold_words(item: NoteItem) -> list[str]:
    """The text the card shows in bold."""
    found = []
    block = item._doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().fontWeight() >= QFont.Weight.Bold:
                found.append(fragment.text())
            it += 1
        block = block.next()
    return found


def _add_written_note(window: MainWindow, mouse: Mouse, text: str) -> NoteItem:
    mouse.drop_palette("note", QPointF(300, 300))
    editor = _editor(window)  # a new note opens for writing
    QTest.keyClicks(editor.box, text)
    QTest.keyClick(editor.box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    return _only_note(window)


def test_a_note_is_dropped_written_moved_resized_coloured_and_deleted(
        window: MainWindow, mouse: Mouse, workspace_path: Path) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    stack = window.document.undo_stack
    assert stack is not None
    item = _add_written_note(window, mouse, "Ask the room *why* this goal")
    note = campaign.notes[0]
    assert note.text == "Ask the room *why* this goal" and note.color is NoteColor.YELLOW
    assert window.scene.notes.editor is None
    assert stack.count() == 2  # the drop, then the writing
    assert _bold_words(item) == ["why"] and stored(workspace_path).notes == campaign.notes
    assert [p for p in window.document.problems if "note" in p.message.lower()] == []

    start = item.scenePos() + QPointF(40, 40)  # drag the card by its middle
    mouse.drag(start, start + QPointF(96, 48))
    moved = campaign.notes[0].position
    assert moved == (note.position[0] + 96, note.position[1] + 48)
    assert item.pos() == QPointF(*moved) and stored(workspace_path).notes[0].position == moved

    corner = item.mapToScene(item.grip_rect().center())
    mouse.drag(corner, corner + QPointF(80, 60))
    width, height = campaign.notes[0].size
    assert (width, height) == (note.size[0] + 80, note.size[1] + 60)
    assert campaign.notes[0].position == moved  # resizing did not move it
    assert stored(workspace_path).notes[0].size == (width, height)
    assert item.boundingRect().width() == width + 4
    stack.undo()
    assert campaign.notes[0].size == note.size and item.boundingRect().width() == note.size[0] + 4
    stack.redo()

    menu = context_menu(window.controller, window.scene, item, window, lambda _: None,
                        lambda _: None, lambda _: None)
    colours = menu.findChild(type(menu), "noteColourMenu")
    assert colours is not None
    next(a for a in colours.actions() if a.text() == "Blue").trigger()
    assert campaign.notes[0].color is NoteColor.BLUE
    assert stored(workspace_path).notes[0].color is NoteColor.BLUE
    assert stack.undoText() == "Make the note blue"

    window.scene.clearSelection()
    item.setSelected(True)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    assert campaign.notes == [] and window.scene.notes.items == {}
    assert stored(workspace_path).notes == []
    stack.undo()
    assert len(campaign.notes) == 1 and campaign.notes[0].color is NoteColor.BLUE
    assert stored(workspace_path).notes == campaign.notes
    assert len(window.scene.notes.items) == 1


def test_esc_keeps_the_old_text_and_double_click_writes_again(
        window: MainWindow, mouse: Mouse, workspace_path: Path) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    item = _add_written_note(window, mouse, "first")
    mouse.double_click(item.scenePos() + QPointF(30, 30))
    editor = _editor(window)
    QTest.keyClicks(editor.box, "thrown away")
    QTest.keyClick(editor.box, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert campaign.notes[0].text == "first" and window.scene.notes.editor is None
    mouse.double_click(item.scenePos() + QPointF(30, 30))
    editor = _editor(window)
    QTest.keyClick(editor.box, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(editor.box, Qt.Key.Key_Return)  # Enter is a new line, not the end
    for key in (Qt.Key.Key_S, Qt.Key.Key_Space, Qt.Key.Key_Left):
        QTest.keyClick(window.view, key, Qt.KeyboardModifier.NoModifier)  # through the canvas
    QTest.keyClicks(editor.box, "econd")
    QTest.keyClick(window.view, Qt.Key.Key_End)
    QTest.keyClicks(editor.box, "line")
    mouse.click(QPointF(-300, 500))  # clicking elsewhere keeps what was written
    QApplication.processEvents()
    assert campaign.notes[0].text == "first\nsecond line"  # Space typed, arrow moved back
    assert stored(workspace_path).notes[0].text == "first\nsecond line"


def test_notes_travel_with_copy_and_paste_into_another_campaign_and_are_found(
        window: MainWindow, mouse: Mouse) -> None:
    _add_written_note(window, mouse, "Reminder: check the *download* link")
    window.scene.clearSelection()
    window.scene.node_items["welcome"].setSelected(True)
    _only_note(window).setSelected(True)
    window.menu_actions["copy"].trigger()
    window.campaign_ops.new_campaign("Second")
    second = window.document.campaign
    assert second is not None and second.notes == []
    new = window.clipboard.paste(QPointF(0, 0))
    assert len(new) == 2 and len(second.notes) == 1
    assert second.notes[0].text == "Reminder: check the *download* link"
    assert window.document.undo_stack.undoText() == "Paste 1 node and 1 note"
    window.menu_actions["find"].trigger()
    QTest.keyClicks(window.find_bar.field, "download")
    assert second.notes[0].id in window.find_bar.found
    QTest.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    found = window.scene.selectedItems()
    assert any(isinstance(i, NoteItem) and i.note.id in window.find_bar.found for i in found)


def test_a_campaign_with_notes_exports_as_version_2_and_imports_identically(
        window: MainWindow, mouse: Mouse, workspace_path: Path, tmp_path: Path) -> None:
    _add_written_note(window, mouse, "Workshop: *stop* here")
    window.close()
    out = tmp_path / "ebook.campaign.json"
    run = [sys.executable, str(ROOT / "main.py"), "--workspace", str(workspace_path)]
    subprocess.run([*run, "export", "ebook", "-o", str(out)], check=True, timeout=60)
    document = json.loads(out.read_text("utf-8"))
    assert document["version"] == 2
    assert [n["text"] for n in document["campaign"]["notes"]] == ["Workshop: *stop* here"]
    other = tmp_path / "other.canvas-workspace"
    fresh = [sys.executable, str(ROOT / "main.py"), "--workspace", str(other)]
    subprocess.run([*fresh, "import", str(out)], check=True, timeout=60, capture_output=True)
    again = subprocess.run([*fresh, "export", "ebook"], check=True, timeout=60,
                           capture_output=True, text=True)
    assert json.loads(again.stdout) == document


def test_text_being_written_is_kept_when_the_window_closes(
        window: MainWindow, mouse: Mouse, workspace_path: Path) -> None:
    mouse.drop_palette("note", QPointF(300, 300))
    QTest.keyClicks(_editor(window).box, "not lost")
    window.close()
    assert [n.text for n in stored(workspace_path).notes] == ["not lost"]


def test_a_name_being_typed_is_kept_when_the_window_closes(
        window: MainWindow, workspace_path: Path) -> None:
    window.scene.start_rename(window.scene.node_items["thanks"])
    editor = window.scene.renaming
    assert editor is not None
    editor.line.setText("Thanks, typed")
    window.close()
    assert stored(workspace_path).node("thanks").name == "Thanks, typed"


def test_repeated_notes_and_pastes_never_land_on_each_other(window: MainWindow) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    window.node_palette.setCurrentRow(2)  # Note, added by keyboard twice
    window.node_palette.setFocus()
    for _ in range(2):
        QTest.keyClick(window.node_palette, Qt.Key.Key_Return)
        window.scene.notes.finish_writing()
    assert len(campaign.notes) == 2 and campaign.notes[0].position != campaign.notes[1].position
    window.scene.clearSelection()
    window.scene.node_items["welcome"].setSelected(True)
    window.menu_actions["copy"].trigger()
    first, second = window.clipboard.paste(), window.clipboard.paste()
    assert campaign.node(first[0]).position != campaign.node(second[0]).position


def test_a_campaign_holds_a_bounded_number_of_notes(window: MainWindow) -> None:
    from canvas_app.domain.notes import MAX_NOTES

    said: list[str] = []
    window.controller.refused.connect(said.append)
    for i in range(MAX_NOTES):
        assert window.controller.add_note((i * 10.0, 900.0), f"n{i}") is not None
    assert window.controller.add_note((0.0, 0.0), "one too many") is None
    assert said and f"at most {MAX_NOTES} notes" in said[-1]


def test_the_inspector_says_what_is_selected_when_it_is_not_one_node(window: MainWindow) -> None:
    note_id = window.controller.add_note((0.0, 400.0), "hello")
    assert note_id is not None
    window.scene.select_node(note_id)
    assert window.inspector.title.text().startswith("<b>1 note selected")
    window.scene.node_items["welcome"].setSelected(True)
    assert window.inspector.title.text() == "<b>1 node and 1 note selected</b>"
    window.scene.clearSelection()
    assert window.inspector.title.text() == "<b>Nothing selected</b>"

"""The context menu of a note: write on it, choose its colour, duplicate or delete it."""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from canvas_app.ui.canvas.note_item import NoteItem
from canvas_app.ui.canvas.scene import CanvasScene
from canvas_app.ui.editor.controller import EditController
from canvas_app.ui.style.note_colors import COLOR_NAMES


def note_menu(controller: EditController, scene: CanvasScene, item: NoteItem,
              parent: QWidget) -> QMenu:
    menu = QMenu(parent)
    menu.setObjectName("noteMenu")
    note_id = item.note.id
    menu.addAction("Edit Text…", lambda: scene.notes.edit_note(item))
    colours = menu.addMenu("Colour")
    colours.setObjectName("noteColourMenu")
    group = QActionGroup(colours)
    for color, name in COLOR_NAMES.items():
        action = colours.addAction(name, partial(controller.change_note, note_id, color=color))
        action.setCheckable(True)
        action.setChecked(item.note.color is color)
        group.addAction(action)
    menu.addSeparator()
    menu.addAction("Duplicate", lambda: controller.duplicate([note_id]))
    menu.addAction("Delete", lambda: controller.delete([], [], [note_id]))
    return menu

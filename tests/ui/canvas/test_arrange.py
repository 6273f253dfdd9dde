"""Arrange › Align, Distribute and Tidy Up: one undo step each, stored, nothing overlapping."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from canvas_app.ui.window.main_window import MainWindow
from tests.domain.test_tidy import messy, overlapping
from tests.ui.conftest import Mouse, stored


def _action(window: MainWindow, text: str):  # type: ignore[no-untyped-def]
    return next(a for a in window.arrange_menu.actions() if a.text().replace("&", "") == text)


def test_align_left_lines_the_cards_up_as_one_undo_step(window: MainWindow, mouse: Mouse,
                                                        workspace_path: Path) -> None:
    items = window.scene.node_items
    for node_id in ("welcome", "thanks"):
        items[node_id].setSelected(True)
    before = {n: items[n].pos() for n in items}
    steps = window.document.undo_stack.count()
    _action(window, "Align Left").trigger()
    lefts = {items[n].sceneBoundingRect().left() for n in ("welcome", "thanks")}
    assert len({round(items[n].mapToScene(items[n].body_rect().topLeft()).x(), 3)
                for n in ("welcome", "thanks")}) == 1, lefts
    assert items["downloaded"].pos() == before["downloaded"]  # not selected: not moved
    assert window.document.undo_stack.count() == steps + 1
    assert window.document.undo_stack.undoText() == "Align left"
    saved = stored(workspace_path)
    assert saved.node("thanks").position == (items["thanks"].pos().x(), items["thanks"].pos().y())
    window.document.undo_stack.undo()
    assert {n: items[n].pos() for n in items} == before


def test_align_with_one_node_says_what_to_select(window: MainWindow) -> None:
    said: list[str] = []
    window.controller.refused.connect(said.append)
    window.scene.node_items["welcome"].setSelected(True)
    _action(window, "Align Top").trigger()
    assert said and "two or more" in said[0]


def test_tidy_up_a_messy_campaign_from_the_menu(window: MainWindow, workspace_path: Path) -> None:
    window.document.store.add(messy())
    window.open_campaign("messy")
    QApplication.processEvents()
    window.scene.clearSelection()
    window.arrange_menu.tidy_action.trigger()
    items = window.scene.node_items
    placed = {n: (i.pos().x(), i.pos().y()) for n, i in items.items()}
    assert overlapping(placed) == []
    assert window.document.undo_stack.count() == 1
    assert window.document.undo_stack.undoText() == "Tidy up"
    saved = stored(workspace_path, "messy")
    assert {n.id: n.position for n in saved.nodes} == placed  # the model and the file agree
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert all(visible.contains(i.sceneBoundingRect()) for i in items.values())  # all in view

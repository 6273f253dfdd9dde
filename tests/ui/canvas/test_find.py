"""Edit › Find (Ctrl+F): type to pick out nodes by name or email subject, Enter to go to each."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from canvas_app.ui.canvas.find_bar import FADED, matches
from canvas_app.ui.window.main_window import MainWindow


def test_ctrl_f_type_enter_goes_to_each_match_and_esc_shows_all(window: MainWindow) -> None:
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and QApplication.focusWidget() is bar.field
    QTest.keyClicks(bar.field, "hello")  # the subject of Welcome's email (and Thank you's)
    items = window.scene.node_items
    assert items["downloaded"].opacity() == FADED  # a goal without those words fades
    assert items["welcome"].opacity() == 1.0 and items["thanks"].opacity() == 1.0
    assert bar.result.text() == "2 matches"
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    first = [i.node.id for i in window.scene.selected_nodes()]
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    second = [i.node.id for i in window.scene.selected_nodes()]
    assert len(first) == len(second) == 1 and first != second
    assert bar.result.text() == "2 of 2"
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(items[second[0]].sceneBoundingRect().center())  # centred on it
    QTest.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and all(i.opacity() == 1.0 for i in items.values())


def test_no_match_says_so_and_every_word_must_be_found(window: MainWindow) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    assert matches(campaign, "thank you") == ["thanks"]
    assert matches(campaign, "thank welcome") == []
    window.menu_actions["find"].trigger()
    QTest.keyClicks(window.find_bar.field, "zebra")
    assert window.find_bar.result.text() == "Nothing matches"
    assert all(i.opacity() == FADED for i in window.scene.node_items.values())

"""Focus follows what is visible: Tab skips the dock tab behind another, and dialogs keep the
keyboard where it was after a change."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from canvas_app.ui.window.main_window import MainWindow


def tab_round(start: QWidget, steps: int = 60) -> list[QWidget]:
    start.setFocus()
    reached: list[QWidget] = []
    for _ in range(steps):
        QTest.keyClick(QApplication.focusWidget() or start, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        assert widget is not None
        reached.append(widget)
    return reached


def test_tab_never_enters_the_simulation_behind_the_inspector(window: MainWindow) -> None:
    assert window.inspector_dock.isVisible() and window.simulation.visibleRegion().isEmpty()
    reached = tab_round(window.view)
    assert not [w.objectName() or type(w).__name__ for w in reached
                if window.simulation.isAncestorOf(w)]
    assert not [w for w in reached if window.history_dock.widget().isAncestorOf(w)]
    assert window.view in reached and window.problems_panel in reached  # still a round
    window.simulation_dock.raise_()  # shown: now its controls are on the way
    QApplication.processEvents()
    assert any(window.simulation.isAncestorOf(w) for w in tab_round(window.view))


def test_goal_setup_keeps_the_keyboard_on_the_link_just_chosen(window: MainWindow, qtbot  # type: ignore[no-untyped-def]
                                                               ) -> None:
    from canvas_app.domain.links import LinkKind
    from tests.factories import email, link

    campaign = window.document.campaign
    assert campaign is not None
    campaign.set_sequence_emails("welcome", [email("w1", [
        link("one", LinkKind.URL), link("two", LinkKind.URL), link("three", LinkKind.URL)])])
    campaign.set_goal_links("downloaded", [])
    dialog = window.dialogs.open_goal_setup("downloaded")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    preview = dialog.preview
    preview.setFocus()
    for _ in range(2):
        QTest.keyClick(preview, Qt.Key.Key_Tab)  # the second link
    QTest.keyClick(preview, Qt.Key.Key_Return)  # chooses it; the preview is rebuilt
    assert dialog.chosen == ["two"]
    QTest.keyClick(preview, Qt.Key.Key_Tab)
    QTest.keyClick(preview, Qt.Key.Key_Return)
    assert dialog.chosen == ["two", "three"]  # on from where it was, not the first link again
    dialog.checklist.setFocus()
    dialog.checklist.setCurrentRow(0)
    QTest.keyClick(dialog.checklist, Qt.Key.Key_Down)
    QTest.keyClick(dialog.checklist, Qt.Key.Key_Space)  # leaves 'two' out; the list is rebuilt
    assert dialog.chosen == ["three"]
    assert dialog.checklist.currentRow() == 1
    QTest.keyClick(dialog.checklist, Qt.Key.Key_Down)
    QTest.keyClick(dialog.checklist, Qt.Key.Key_Space)
    assert dialog.chosen == []
    dialog.reject()


def test_publish_comes_before_cancel_when_shown_first_and_return_on_a_problem_shows_it(
        window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton

    dialog = window.campaign_ops.publish()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    chain: list[QAbstractButton] = []
    widget = dialog.nextInFocusChain()
    while widget is not dialog:
        if isinstance(widget, QAbstractButton) and widget.parentWidget() is not dialog:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    shown = sorted(chain, key=lambda b: b.mapTo(dialog, b.rect().topLeft()).x())
    assert [b.text() for b in chain] == [b.text() for b in shown]
    assert "Publish" in [b.text() for b in chain]
    dialog.problems.setFocus()
    dialog.problems.setCurrentRow(0)
    node = dialog.problems.item(0).data(Qt.ItemDataRole.UserRole)
    QTest.keyClick(dialog.problems, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert [i.node.id for i in window.scene.selected_nodes()] == [node]

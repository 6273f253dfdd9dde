"""A sequence name too long for the Simulation panel's enrol list ends in "…" in the box
instead of running under its arrow; its tooltip then names it whole, and the open list is wide
enough to show it whole. With room enough, the name shows whole and the tooltip only helps."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from canvas_app.ui.window.main_window import MainWindow

LONG = "Welcome series for new ebook readers (spring)"


def _settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def test_a_long_sequence_name_is_cut_with_an_ellipsis_and_named_whole_elsewhere(
        window: MainWindow) -> None:
    assert window.editing.rename("welcome", LONG) is None
    window.simulation_dock.raise_()
    combo = window.simulation.sequence
    _settle()
    combo.setCurrentIndex(combo.findData("welcome"))
    assert combo.currentText() == LONG, [combo.itemText(i) for i in range(combo.count())]
    window.resizeDocks([window.simulation_dock], [40], Qt.Orientation.Horizontal)
    _settle()
    shown = combo.displayed_text()
    assert shown.endswith("…") and LONG.startswith(shown[:-1]) and len(shown) > 3
    assert combo.fontMetrics().horizontalAdvance(shown) < combo.width() - 20  # not under it
    assert LONG in combo.toolTip() and "selected contacts" in combo.toolTip()

    combo.showPopup()
    _settle()
    assert combo.view().width() >= combo.view().fontMetrics().horizontalAdvance(LONG)
    combo.hidePopup()

    window.resizeDocks([window.simulation_dock], [700], Qt.Orientation.Horizontal)
    _settle()
    if combo.width() > combo.fontMetrics().horizontalAdvance(LONG) + 60:  # room for it whole
        assert combo.displayed_text() == LONG
        assert LONG not in combo.toolTip()


def test_the_enrol_list_follows_the_canvas_through_edits_and_undo(window: MainWindow) -> None:
    combo = window.simulation.sequence

    def names() -> list[str]:
        _settle()
        return [combo.itemText(i) for i in range(combo.count())]

    combo.setCurrentIndex(combo.findData("thanks"))
    window.editing.rename("welcome", "Hello")
    assert names() == ["Hello", "Thank you"]
    assert combo.currentData() == "thanks"  # the choice made stays
    added = window.editing.add_node("sequence", QPointF(900, 300))
    assert added is not None and len(names()) == 3 and combo.findData(added) >= 0
    window.document.undo_stack.undo()
    assert names() == ["Hello", "Thank you"]
    window.document.undo_stack.undo()
    assert names() == ["Welcome", "Thank you"] and combo.currentData() == "thanks"


def test_the_enrol_button_follows_the_list_when_an_edit_empties_it(window: MainWindow) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    button = window.simulation.enrol_button
    assert button.isEnabled()
    sequences = [s.id for s in campaign.sequences]
    edges = [e for s in sequences for e in campaign.edges_of(s)]
    assert window.controller.delete(sequences, list(dict.fromkeys(edges)))
    _settle()
    assert window.simulation.sequence.count() == 0
    assert not button.isEnabled()  # before, it stayed pressable with nothing to enrol in
    window.document.undo_stack.undo()
    _settle()
    assert window.simulation.sequence.count() == len(sequences) and button.isEnabled()

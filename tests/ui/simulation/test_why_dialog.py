"""Simulation › Why?…: a contact's path as a timeline, highlighted on the canvas while open."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from canvas_app.ui.simulation.why_dialog import WhyDialog
from canvas_app.ui.window.main_window import MainWindow
from tests.ui.simulation.test_simulation_panel import advance, go_live, select_contacts


def test_why_shows_the_path_of_a_contact_who_clicked(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    go_live(window, "ann@example.com", "bob@example.com")
    window.simulation.enrol(["ann@example.com", "bob@example.com"], "welcome")
    advance(window, qtbot, 600)
    inbox = window.simulation_dialogs.open_inbox("ann@example.com")
    inbox.click_link("dl")
    inbox.reject()
    advance(window, qtbot, 60)
    window.simulation_dock.raise_()
    select_contacts(window, "ann@example.com")
    qtbot.mouseClick(window.simulation.why_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(WhyDialog, "whyDialog")
    assert dialog is not None and dialog.isVisible()
    canvas = window.view.viewport().rect().translated(window.view.viewport().mapToGlobal(
        window.view.viewport().rect().topLeft()))
    covered = canvas.intersected(dialog.frameGeometry())
    assert covered.width() * covered.height() < 0.5 * canvas.width() * canvas.height()
    # the highlighted path is beside the timeline, not under it, and still on the canvas
    port = window.view.viewport()
    for node in ("welcome", "downloaded", "thanks"):
        rect = window.view.mapFromScene(window.scene.node_items[node].sceneBoundingRect())
        on_screen = rect.boundingRect().translated(port.mapToGlobal(QPoint(0, 0)))
        assert not on_screen.intersects(dialog.frameGeometry()), node
        assert canvas.contains(on_screen), node
    lines = [dialog.timeline.item(i).text() for i in range(dialog.timeline.count())]
    text = "\n".join(lines)
    assert "Clicked 'text of dl'" in text and "goal 'Downloaded' achieved" in text
    assert "Entered 'Thank you'" in text and "settle window" in text
    items = window.scene.node_items
    assert {n for n, i in items.items() if i.connect_state == "path"} == {
        "welcome", "downloaded", "thanks"}
    dialog.reject()
    QApplication.processEvents()
    assert all(i.connect_state is None and i.opacity() == 1.0 for i in items.values())


def test_why_for_a_contact_who_did_nothing_dims_nothing_it_did_not_visit(window: MainWindow,  # type: ignore[no-untyped-def]
                                                                         qtbot) -> None:
    go_live(window, "ann@example.com")
    window.simulation.enrol(["ann@example.com"], "welcome")
    advance(window, qtbot, 60)
    dialog = window.simulation_dialogs.open_why("ann@example.com")
    assert dialog is not None
    items = window.scene.node_items
    assert items["welcome"].connect_state == "path" and items["welcome"].opacity() == 1.0
    assert items["thanks"].opacity() < 1.0 and items["downloaded"].connect_state is None
    assert all(e.opacity() < 1.0 for e in window.scene.edge_items.values())  # none walked
    dialog.reject()


def test_why_with_nobody_selected_says_what_to_do(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    go_live(window, "ann@example.com")
    window.simulation_dock.raise_()
    qtbot.mouseClick(window.simulation.why_button, Qt.MouseButton.LeftButton)
    assert window.findChild(WhyDialog, "whyDialog") is None
    assert "Select a contact first" in window.simulation.status.text()


def test_count_chips_sit_between_the_card_and_the_name(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from canvas_app.ui.canvas.count_chip import chip_rect, count_text

    go_live(window, "ann@example.com", "bob@example.com")
    item = window.scene.node_items["welcome"]
    name_top_before = item.name_rect().top()
    window.simulation.enrol(["ann@example.com", "bob@example.com"], "welcome")
    advance(window, qtbot, 60)
    assert item.counts
    for node_item in window.scene.node_items.values():
        text = count_text(node_item.counts)
        if not text:
            continue
        chip = chip_rect(node_item.body_rect(), text)
        assert chip.top() > node_item.body_rect().bottom()  # not over the card's edge
        assert chip.bottom() < node_item.name_rect().top()  # not over the name
        assert node_item.boundingRect().contains(chip)
    assert item.name_rect().top() > name_top_before  # the name moved down to make room


def test_a_click_on_a_nodes_counts_offers_each_contacts_why(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                           mouse) -> None:
    from PySide6.QtWidgets import QMenu

    from canvas_app.ui.canvas.count_chip import chip_rect, count_text

    go_live(window, "ann@example.com", "bob@example.com")
    window.simulation.enrol(["ann@example.com", "bob@example.com"], "welcome")
    advance(window, qtbot, 60)
    item = window.scene.node_items["welcome"]
    item.refresh_counted_contacts()
    assert "Click the counts" in item.toolTip()
    chip = chip_rect(item.body_rect(), count_text(item.counts)).center()
    mouse.click(item.mapToScene(chip))
    menu = window.findChild(QMenu, "whyMenu")
    assert menu is not None and menu.isVisible()
    labels = [a.text() for a in menu.actions()]
    assert labels[0].startswith("Why? 2 contacts") and any("ann@example.com" in t for t in labels)
    assert not item.isSelected()  # a click on the counts asks why; it does not pick the node
    window.inspector_dock.raise_()  # the Simulation panel is a tab behind the Inspector
    QApplication.processEvents()
    next(a for a in menu.actions() if "ann@example.com" in a.text()).trigger()
    dialog = window.findChild(WhyDialog, "whyDialog")
    assert dialog is not None and dialog.isVisible() and "ann@example.com" in dialog.windowTitle()
    assert window.frameGeometry().contains(dialog.frameGeometry())  # on screen, over the panel
    assert window.simulation.isVisible()
    menu.close()
    dialog.reject()

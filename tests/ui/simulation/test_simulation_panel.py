"""Watching a campaign run in the editor: enrol, advance, counts, inbox clicks, the report."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from canvas_app.domain.model import BotPolicy
from canvas_app.domain.words import count
from canvas_app.engine import lifecycle
from canvas_app.engine.contacts import add_contact
from canvas_app.engine.publishing import publish
from canvas_app.engine.reports import report
from canvas_app.ui.canvas.view import CONTACTS_MIME
from canvas_app.ui.simulation.panel import NOT_STARTED
from canvas_app.ui.window.main_window import MainWindow
from tests.ui.conftest import drop


def go_live(window: MainWindow, *people: str) -> None:
    ws = window.document.workspace
    publish(ws, "ebook")
    lifecycle.activate(ws, "ebook")
    for person in people:
        add_contact(ws, person, person.split("@")[0].title())
    window.document.refresh()
    window.simulation.refresh()


def advance(window: MainWindow, qtbot, seconds: float) -> None:  # type: ignore[no-untyped-def]
    worker = window.simulation.advance(seconds)
    assert worker is not None
    # the panel lets go of its worker once it has taken the result (a waitSignal set up now
    # can miss a worker that has already finished)
    qtbot.waitUntil(lambda: window.simulation.worker is None, timeout=20000)


def select_contacts(window: MainWindow, *people: str) -> None:
    window.simulation.contact_list.select_emails(set(people))


def test_enrol_advance_and_the_counts_on_the_nodes(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    go_live(window, "ann@example.com", "bob@example.com")
    panel = window.simulation
    assert panel.contact_list.count() == 2
    select_contacts(window, "ann@example.com", "bob@example.com")
    panel.sequence.setCurrentIndex(panel.sequence.findData("welcome"))
    panel.enrol_button.click()
    assert window.scene.node_items["welcome"].counts == {"active": 2, "finished": 0}
    advance(window, qtbot, 3600)
    item = window.scene.node_items["welcome"]
    assert item.counts == {"active": 0, "finished": 2}
    item.refresh_counted_contacts()  # what hovering does
    assert "2 here:</b> Ann, Bob" in item.toolTip()
    lines = [panel.log_list.text(i) for i in range(panel.log_list.count())]
    assert "'Welcome' sent 'Hello' to ann@example.com" in [line.split("  ", 1)[1]
                                                          for line in lines]
    assert re.match(r"\d\d \w\w\w \d\d:\d\d:\d\d  ", lines[0])  # times to the second
    QTest.keyClicks(panel.log_filter, "bob")  # type part of a name: the contact is offered
    popup = panel.log_filter.completer().popup()
    assert popup.isVisible() and popup.model().rowCount() == 1
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert panel.log_filter.text() == "Bob <bob@example.com>"
    texts = [panel.log_list.text(i) for i in range(panel.log_list.count())]
    assert texts and all("ann@" not in t for t in texts)
    QTest.keyClick(panel.log_filter, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(panel.log_filter, Qt.Key.Key_Backspace)  # emptied: everyone again
    assert any("ann@" in panel.log_list.text(i) for i in range(panel.log_list.count()))


def test_refused_enrolment_says_what_to_do(window: MainWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    messages: list[str] = []
    monkeypatch.setattr("canvas_app.ui.simulation.panel.QMessageBox.information",
                        lambda _parent, _title, text: messages.append(text))
    add_contact(window.document.workspace, "ann@example.com")
    window.simulation.refresh()
    assert not window.simulation.enrol(["ann@example.com"], "welcome")
    assert "publish it, then activate it" in messages[0]
    assert "Campaign › Publish…" in messages[0] and "ebook" not in messages[0]  # no id to type


def test_activate_and_publish_are_offered_only_when_they_can_work(window: MainWindow) -> None:
    activate, publish_action = window.menu_actions["activate"], window.menu_actions["publish"]
    assert not activate.isEnabled() and publish_action.isEnabled()  # a draft
    assert activate.toolTip().startswith("Publish the campaign first (Campaign › Publish…)")
    assert "ebook" not in activate.toolTip()
    ws = window.document.workspace
    publish(ws, "ebook")
    window.document.refresh()
    assert activate.isEnabled() and not publish_action.isEnabled()  # nothing new to publish
    assert publish_action.toolTip().startswith("Nothing to publish")
    lifecycle.activate(ws, "ebook")
    window.document.refresh()
    assert not activate.isEnabled() and activate.toolTip().startswith("Already active")
    window.editing.rename("welcome", "Hello")  # an unpublished change
    window.document.refresh()
    assert publish_action.isEnabled()


def test_dropping_contacts_on_a_sequence_enrols_them(window: MainWindow) -> None:
    go_live(window, "ann@example.com")
    data = QMimeData()
    data.setData(CONTACTS_MIME, b"ann@example.com")
    at = QPointF(window.view.mapFromScene(window.scene.node_items["welcome"].scenePos()))
    drop(window.view.viewport(), at, data)
    assert window.scene.node_items["welcome"].counts == {"active": 1, "finished": 0}


def test_an_inbox_click_moves_the_contact_and_the_counts(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    go_live(window, "ann@example.com")
    window.simulation.enrol(["ann@example.com"], "welcome")
    advance(window, qtbot, 600)
    inbox = window.simulation_dialogs.open_inbox("ann@example.com")
    assert inbox.list.count() == 1 and "text of dl" in inbox.preview.toPlainText()
    said = inbox.click_link("dl")
    assert "Recorded a click by ann@example.com" in said
    assert "phone" in inbox.click_link("call")
    inbox.reject()
    advance(window, qtbot, 60)
    assert window.scene.node_items["downloaded"].counts == {"achieved": 1}
    assert window.scene.node_items["thanks"].counts == {"active": 1, "finished": 0}


def test_a_scanner_visit_achieves_nothing_unless_the_campaign_counts_all(window: MainWindow,
                                                                        qtbot) -> None:  # type: ignore[no-untyped-def]
    go_live(window, "ann@example.com")
    window.simulation.enrol(["ann@example.com"], "welcome")
    advance(window, qtbot, 600)
    inbox = window.simulation_dialogs.open_inbox("ann@example.com")
    said = inbox.scanner_visit()
    assert "judged a bot click" in said
    # it names the menu item a person can find, in words, not codes
    assert f"Campaign › {window.menu_actions['count_bots'].text().replace('&', '')}" in said
    assert "honeypot" not in said and "_" not in said
    campaign = window.document.campaign
    assert campaign is not None
    web = [k for k in campaign.sequence("welcome").emails[0].links if k.target.startswith("http")]
    assert f"the {count(len(web), 'web link')} of this email and its invisible link" in said
    # the bot clicks it names are those the report counts (the invisible link apart)
    engine_report = report(window.document.workspace, "ebook")
    bots = sum(c["bot"] for c in engine_report.links.values())
    assert f"{count(bots, 'was', 'were')} judged" in said and engine_report.honeypot_hits == 1
    advance(window, qtbot, 600)
    assert window.scene.node_items["downloaded"].counts is None  # nothing achieved
    campaign = window.document.campaign
    assert campaign is not None
    campaign.set_bot_policy(BotPolicy.COUNT_ALL)
    publish(window.document.workspace, "ebook")
    inbox.scanner_visit()
    inbox.reject()
    advance(window, qtbot, 600)
    assert window.scene.node_items["downloaded"].counts == {"achieved": 1}


def test_the_report_shows_the_engines_figures_and_exports_csv(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    go_live(window, "ann@example.com", "bob@example.com")
    window.simulation.enrol(["ann@example.com", "bob@example.com"], "welcome")
    advance(window, qtbot, 600)
    window.simulation_dialogs.open_inbox("ann@example.com").click_link("dl")
    window.simulation_dialogs.open_inbox("bob@example.com").scanner_visit()
    advance(window, qtbot, 600)
    view = window.simulation_dialogs.open_report()
    assert view is not None
    engine = report(window.document.workspace, "ebook")
    row = next(r for r in range(view.links.rowCount()) if view.links.item(r, 0).text() == "text of dl")
    assert (int(view.links.item(row, 1).text()), int(view.links.item(row, 2).text())) == (
        engine.links["dl"]["human"], engine.links["dl"]["bot"]) == (1, 1)
    assert view.goals.item(0, 1).text() == "1" and view.goals.item(0, 2).text() == "50% of 2"
    path = view.export_csv(tmp_path / "report.csv")
    assert path is not None and "link,dl,text of dl,1,1," in path.read_text("utf-8")
    QApplication.processEvents()
    # the goals table is as tall as its rows; the room left goes to the clicks per link
    assert view.goals.verticalScrollBar().maximum() == 0
    assert view.goals.height() < view.links.height()
    view.reject()


def test_reset_clears_the_simulation_after_confirmation(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                        monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    go_live(window, "ann@example.com")
    window.simulation.enrol(["ann@example.com"], "welcome")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Reset)
    window.simulation.reset()
    assert window.scene.node_items["welcome"].counts is None
    assert window.document.campaign is not None and len(window.document.campaign.nodes) == 3


def test_step_by_step_stops_at_each_event_and_dots_follow_the_contacts(window: MainWindow,
                                                                      qtbot) -> None:  # type: ignore[no-untyped-def]
    go_live(window, "ann@example.com")
    window.simulation.enrol(["ann@example.com"], "welcome")
    window.simulation.step.click()  # the first email goes out at once
    qtbot.waitUntil(lambda: window.simulation.worker is None)
    inbox = window.simulation_dialogs.open_inbox("ann@example.com")
    inbox.click_link("dl")
    inbox.reject()
    window.simulation.step.click()  # exactly the end of the settle window: the goal
    qtbot.waitUntil(lambda: window.simulation.worker is None)
    assert window.scene.node_items["downloaded"].counts == {"achieved": 1}
    assert "1 goal achieved" in window.simulation.status.text()
    assert len(window.dots.running) == 2  # into the goal, then on into 'Thank you'
    qtbot.waitUntil(lambda: not window.dots.running, timeout=5000)
    window.menu_actions["animate"].setChecked(False)
    assert window.dots.play([]) == 0


def test_presentation_mode_is_full_screen_with_larger_type(window: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = app.font().pointSizeF()
    window.menu_actions["presentation"].setChecked(True)
    assert app.font().pointSizeF() > normal * 1.3
    assert window.palette_dock.isHidden() and window.problems_dock.isHidden()
    window.menu_actions["presentation"].setChecked(False)
    assert app.font().pointSizeF() == normal and not window.palette_dock.isHidden()


def test_count_bot_clicks_is_an_undoable_campaign_setting(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    campaign = window.document.campaign
    assert campaign is not None
    window.menu_actions["count_bots"].trigger()
    assert campaign.settings.bot_policy is BotPolicy.COUNT_ALL
    assert window.menu_actions["count_bots"].isChecked()
    assert "once you publish" in window.statusBar().currentMessage()
    window.document.undo_stack.undo()
    assert campaign.settings.bot_policy is BotPolicy.IGNORE_BOTS
    qtbot.waitUntil(lambda: not window.menu_actions["count_bots"].isChecked())


def test_cancelling_a_long_advance_keeps_the_window_consistent(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path) -> None:
    from canvas_app.engine.contacts import import_csv

    go_live(window)
    people = [f"p{i}@example.com" for i in range(6000)]
    (tmp_path / "many.csv").write_text("email\n" + "\n".join(people) + "\n", "utf-8")
    import_csv(window.document.workspace, tmp_path / "many.csv")
    window.simulation.refresh()
    window.simulation.enrol(people, "welcome")
    worker = window.simulation.advance(30 * 86400)
    assert worker is not None and window.simulation.cancel.isVisibleTo(window.simulation)
    window.simulation.cancel.click()
    qtbot.waitUntil(lambda: window.simulation.worker is None, timeout=30000)
    counts = window.scene.node_items["welcome"].counts or {}
    assert counts.get("active", 0) + counts.get("finished", 0) == 6000
    if "cancelled" in window.simulation.status.text():
        assert 0 < counts.get("finished", 0) < 6000
    assert window.simulation.hour.isEnabled()


def test_funnel_labels_are_whole_or_shortened_in_the_middle_never_cut(qtbot) -> None:  # type: ignore[no-untyped-def]
    from canvas_app.ui.simulation.report_view import Funnel

    rows = [("entered New lead welcome", 3, False), ("achieved Booked a trial class", 1, True)]
    funnel = Funnel(rows)
    qtbot.addWidget(funnel)
    funnel.resize(900, 200)
    assert [funnel.shown_label(name) for name, _, _ in rows] == [name for name, _, _ in rows]
    assert funnel.label_width() - 10 >= max(funnel.fontMetrics().horizontalAdvance(n)
                                            for n, _, _ in rows)
    funnel.resize(300, 200)
    short = funnel.shown_label(rows[1][0])
    assert short.startswith("achieved") and short.endswith("class") and "…" in short
    assert funnel.fontMetrics().horizontalAdvance(short) <= funnel.label_width() - 10


def test_enter_in_the_inbox_closes_it_and_records_nothing(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtTest import QTest

    go_live(window, "ann@example.com")
    window.simulation.enrol(["ann@example.com"], "welcome")
    advance(window, qtbot, 600)
    inbox = window.simulation_dialogs.open_inbox("ann@example.com")
    qtbot.waitExposed(inbox)
    inbox.list.setFocus()
    QTest.keyClick(inbox, Qt.Key.Key_Return)
    assert not inbox.isVisible()
    assert report(window.document.workspace, "ebook").links["dl"] == {"human": 0, "bot": 0}


def test_enrol_waits_for_a_sequence_and_a_new_campaign_starts_with_no_selection(
        window: MainWindow) -> None:
    go_live(window, "ann@example.com")
    panel = window.simulation
    select_contacts(window, "ann@example.com")
    assert panel.enrol_button.isEnabled()
    first = window.document.campaign
    assert first is not None
    window.campaign_ops.new_campaign("Empty one")
    assert panel.sequence.count() == 0
    assert not panel.enrol_button.isEnabled()
    assert "no sequence" in panel.enrol_button.toolTip()
    assert panel.contact_list.selected_emails() == []  # not carried into another campaign
    window.open_campaign(first.id)
    assert panel.enrol_button.isEnabled()


def test_the_panels_messages_sit_below_the_clock_not_inside_it(window: MainWindow) -> None:
    from PySide6.QtWidgets import QGroupBox

    panel = window.simulation
    panel.enrol([], None)
    assert "Select contacts" in panel.status.text()
    clock_box = next(b for b in panel.findChildren(QGroupBox) if b.title() == "Clock")
    assert not clock_box.isAncestorOf(panel.status)


def test_show_rates_puts_each_goals_conversion_beside_its_count(window: MainWindow,
                                                                 qtbot) -> None:  # type: ignore[no-untyped-def]
    go_live(window, "ann@example.com", "bob@example.com")
    window.simulation.enrol(["ann@example.com", "bob@example.com"], "welcome")
    advance(window, qtbot, 600)
    window.simulation_dialogs.open_inbox("ann@example.com").click_link("dl")
    advance(window, qtbot, 600)
    goal = window.scene.node_items["downloaded"]
    assert goal.chip_text() == "1 achieved"  # off by default
    window.menu_actions["show_rates"].setChecked(True)
    engine = report(window.document.workspace, "ebook")
    assert engine.rate_text("downloaded") == "50% of 2"
    assert goal.chip_text() == "1 achieved · 50% of 2"  # as the report has it
    view = window.simulation_dialogs.open_report()
    assert view is not None and view.goals.item(0, 2).text() == "50% of 2"
    view.reject()
    dialog = window.dialogs.open_goal_setup("downloaded")  # each link's clicks, people and bots
    assert dialog is not None
    rows = [dialog.checklist.item(i).text() for i in range(dialog.checklist.count())]
    assert any(r.startswith("text of dl") and "1 click by people, 0 by bots" in r for r in rows)
    dialog.reject()
    window.menu_actions["show_rates"].setChecked(False)
    assert goal.chip_text() == "1 achieved"
    dialog = window.dialogs.open_goal_setup("downloaded")
    assert dialog is not None
    assert not any("by people" in dialog.checklist.item(i).text()
                   for i in range(dialog.checklist.count()))
    dialog.reject()


def test_the_simulation_moving_rereads_the_counts_without_validating_the_draft_again(
        window: MainWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A running simulation changes the counts every second; the draft's problems depend on
    the draft alone, so they are not looked for again (a 2,000-node campaign took 15 ms)."""
    from canvas_app.ui.editor import document as editor_document

    go_live(window, "ann@example.com")
    window.simulation.enrol(["ann@example.com"])
    validated: list[object] = []
    real = editor_document.validate
    monkeypatch.setattr(editor_document, "validate", lambda c: validated.append(c) or real(c))
    before = window.document.status
    advance(window, qtbot, 3600)
    qtbot.waitUntil(lambda: window.document.status is not before, timeout=5000)  # re-read
    assert validated == []
    window.controller.rename(window.document.campaign.sequences[0].id, "Welcome again")
    qtbot.waitUntil(lambda: len(validated) == 1, timeout=5000)  # an edit still validates


def test_a_clock_not_started_says_so_until_it_moves(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.simulation.refresh()
    assert window.simulation.clock_label.text() == NOT_STARTED  # not an empty box
    window.simulation.advance(3600)
    qtbot.waitUntil(lambda: window.simulation.clock_label.text() != NOT_STARTED, timeout=5000)
    assert " UTC" in window.simulation.clock_label.text()

"""The Simulation panel with many contacts and a long log: the list shows a page and reads more
as it scrolls, a search narrows it, the selection survives a refresh, and the log reads older
pages on scrolling too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from canvas_app.engine.contacts import import_csv
from canvas_app.engine.enrolment import enroll
from canvas_app.engine.runner import advance
from canvas_app.ui.window.main_window import MainWindow
from tests.ui.simulation.test_simulation_panel import go_live

PEOPLE = 1200


def _import(window: MainWindow, tmp_path: Path) -> list[str]:
    emails = [f"user{i:04d}@example.com" for i in range(PEOPLE)]
    path = tmp_path / "people.csv"
    path.write_text("email,name\n" + "\n".join(f"{e},Person {i}" for i, e in enumerate(emails))
                    + "\n", "utf-8")
    import_csv(window.document.workspace, path)
    window.simulation.refresh()
    return emails


def _scroll_to_end(view) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        view.scrollToBottom()
        QApplication.processEvents()


def test_a_long_contact_list_is_read_a_page_at_a_time_and_searched(
        window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.simulation_dock.raise_()
    emails = _import(window, tmp_path)
    listed = window.simulation.contact_list
    assert listed.count() == 200 and listed.contacts.total == PEOPLE  # one page, not 1,200 rows
    assert listed.text(0) == "Person 0 <user0000@example.com>"
    _scroll_to_end(listed)
    assert 200 < listed.count() <= PEOPLE  # scrolling read more
    summary = window.simulation.contacts.summary
    assert summary.text() == f"{PEOPLE:,} contacts"
    listed.select_emails({emails[5], emails[7]})
    window.simulation.refresh()  # the simulation moved: read again, the selection stays
    assert listed.selected_emails() == [emails[5], emails[7]]
    assert summary.text() == f"{PEOPLE:,} contacts · 2 selected"  # also those out of sight

    search = window.simulation.contacts.search
    QTest.keyClicks(search, "user1199")
    qtbot.waitUntil(lambda: listed.count() == 1, timeout=3000)
    assert listed.text(0) == "Person 1199 <user1199@example.com>"
    assert summary.text().startswith("1 match")
    listed.setFocus()
    QTest.keyClick(listed, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert listed.selected_emails() == [emails[1199]]  # Ctrl+A: those shown
    search.clear()
    qtbot.waitUntil(lambda: listed.count() == 200, timeout=3000)


def test_end_goes_to_the_last_contact_not_the_last_one_read(
        window: MainWindow, tmp_path: Path) -> None:
    window.simulation_dock.raise_()
    emails = _import(window, tmp_path)
    listed = window.simulation.contact_list
    assert listed.count() == 200
    listed.setFocus()
    QTest.keyClick(listed, Qt.Key.Key_Home)
    QTest.keyClick(listed, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    assert listed.count() == PEOPLE
    assert listed.currentIndex().row() == PEOPLE - 1
    assert listed.selected_emails() == sorted(emails)  # Shift+End: from the first to the last
    summary = window.simulation.contacts.summary.text()
    assert summary == f"{PEOPLE:,} contacts · {PEOPLE:,} selected"
    QTest.keyClick(listed, Qt.Key.Key_Up)
    QTest.keyClick(listed, Qt.Key.Key_End)
    assert listed.selected_emails() == [emails[-1]]


def test_end_reaches_contacts_added_since_the_list_was_counted(
        window: MainWindow, tmp_path: Path) -> None:
    window.simulation_dock.raise_()
    emails = _import(window, tmp_path)
    listed = window.simulation.contact_list
    later = [f"zz{i:04d}@example.com" for i in range(500)]  # another program, no refresh yet
    path = tmp_path / "later.csv"
    path.write_text("email\n" + "\n".join(later) + "\n", "utf-8")
    import_csv(window.document.workspace, path)
    listed.setFocus()
    QTest.keyClick(listed, Qt.Key.Key_End)
    assert listed.count() == len(emails) + len(later)
    assert listed.selected_emails() == [later[-1]]


def test_the_log_reads_older_pages_as_it_scrolls(window: MainWindow, tmp_path: Path) -> None:
    window.simulation_dock.raise_()
    go_live(window)
    emails = _import(window, tmp_path)
    ws = window.document.workspace
    enroll(ws, "ebook", "welcome", emails[:150])
    advance(ws, 3600)
    window.simulation.refresh()
    log = window.simulation.log_list
    assert log.count() == 200
    first_page = [log.text(i) for i in range(200)]
    _scroll_to_end(log)
    assert log.count() > 200
    assert [log.text(i) for i in range(200)] == first_page  # older entries came after


def test_everyone_selected_with_shift_end_stays_selected_when_the_simulation_moves(
        window: MainWindow, tmp_path: Path) -> None:
    """Shift+End selects every contact; the panel's refresh (a second of live clicks, an
    advance) must not shrink that to the first page read, or Enrol would take 200 of them."""
    window.simulation_dock.raise_()
    emails = _import(window, tmp_path)
    listed = window.simulation.contact_list
    listed.setFocus()
    QTest.keyClick(listed, Qt.Key.Key_Home)
    QTest.keyClick(listed, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    assert len(listed.selected_emails()) == PEOPLE
    window.simulation.refresh()  # the simulation moved; the contacts did not
    assert listed.selected_emails() == sorted(emails)
    assert listed.currentIndex().row() == PEOPLE - 1  # still at the end, where the user went
    summary = window.simulation.contacts.summary.text()
    assert summary == f"{PEOPLE:,} contacts · {PEOPLE:,} selected"
    _import_more = tmp_path / "more.csv"
    _import_more.write_text("email,name\nzed@example.com,Zed\n", "utf-8")
    import_csv(window.document.workspace, _import_more)
    window.simulation.refresh()  # a contact came: read again
    assert listed.contacts.total == PEOPLE + 1

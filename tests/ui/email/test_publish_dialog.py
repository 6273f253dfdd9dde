"""Publishing from the editor: validation first, the effect on contacts, then confirmation."""

from __future__ import annotations

from PySide6.QtCore import Qt

from canvas_app.engine import lifecycle
from canvas_app.engine.contacts import add_contact
from canvas_app.engine.enrolment import enroll
from canvas_app.engine.runner import advance
from canvas_app.ui.email.publish_dialog import PublishDialog
from canvas_app.ui.window.main_window import MainWindow


def publish_dialog(window: MainWindow) -> PublishDialog:
    dialog = window.campaign_ops.publish()
    assert dialog is not None
    return dialog


def test_errors_block_and_clicking_one_shows_its_node(window: MainWindow) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    campaign.set_goal_links("downloaded", [])
    dialog = publish_dialog(window)
    assert not dialog.publish.isEnabled()
    assert "cannot be published yet" in dialog.heading.text()
    row = next(i for i in range(dialog.problems.count())
               if dialog.problems.item(i).data(Qt.ItemDataRole.UserRole) == "downloaded")
    dialog.problems.itemClicked.emit(dialog.problems.item(row))
    assert [i.node.id for i in window.scene.selected_nodes()] == ["downloaded"]
    assert not dialog.isVisible()  # closed, so the node it points to is not behind it
    assert window.document.status is not None and window.document.status.published_version is None


def test_return_on_a_problem_shows_its_node_too(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtTest import QTest

    campaign = window.document.campaign
    assert campaign is not None
    campaign.set_goal_links("downloaded", [])
    dialog = publish_dialog(window)
    qtbot.waitExposed(dialog)
    row = next(i for i in range(dialog.problems.count())
               if dialog.problems.item(i).data(Qt.ItemDataRole.UserRole) == "downloaded")
    dialog.problems.setFocus()
    dialog.problems.setCurrentRow(row)
    QTest.keyClick(dialog.problems, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert [i.node.id for i in window.scene.selected_nodes()] == ["downloaded"]


def test_warnings_must_be_read_then_publishing_happens_on_confirm(window: MainWindow, qtbot  # type: ignore[no-untyped-def]
                                                                  ) -> None:
    dialog = publish_dialog(window)
    assert dialog.accept_warnings.isVisibleTo(dialog)  # 'Thank you' has no goal after it
    assert not dialog.publish.isEnabled()
    dialog.accept_warnings.setChecked(True)
    assert dialog.publish.isEnabled()
    dialog.publish.click()
    qtbot.waitUntil(lambda: window.banner.state.text() == "Published · v1")
    assert "Published version 1" in window.statusBar().currentMessage()


def test_republishing_says_what_changes_for_contacts_already_in_it(window: MainWindow,
                                                                  qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = publish_dialog(window)
    dialog.accept_warnings.setChecked(True)
    dialog.publish.click()
    qtbot.waitUntil(lambda: window.banner.state.text() == "Published · v1")
    ws = window.document.workspace
    lifecycle.activate(ws, "ebook")
    for person in ("ann@example.com", "bob@example.com"):
        add_contact(ws, person)
    enroll(ws, "ebook", "thanks", ["ann@example.com", "bob@example.com"])
    advance(ws, 60)
    campaign = window.document.campaign
    assert campaign is not None
    emails = campaign.sequence("thanks").emails
    emails[0].subject = "Thanks a lot"
    campaign.set_sequence_emails("thanks", emails)
    window.document.refresh()
    assert not window.banner.changes.isHidden()
    dialog = publish_dialog(window)
    text = dialog.contacts.text()
    assert "For the 2 contacts already in this campaign" in text
    assert "2 contacts who have not received it yet will get the new version" in text
    assert "Nobody gets an email twice" in text
    dialog.reject()
    assert window.document.status is not None and window.document.status.published_version == 1


def test_with_nothing_to_list_the_words_stay_at_the_top(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from canvas_app.engine.publishing import PublishOutcome

    dialog = PublishDialog("Clean", PublishOutcome("clean", [], version=1, dry_run=True), 0,
                           window)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.problems.isVisible() and dialog.publish.isEnabled()
    # before, the heading floated in the middle of a tall, empty dialog
    heading = dialog.heading.geometry()
    assert heading.top() < 40 and heading.bottom() < dialog.height() // 2
    dialog.reject()

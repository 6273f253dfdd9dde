"""The goal setup dialog: choose links through the preview and the checklist, OK, Cancel, undo."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from canvas_app.domain.links import LinkKind
from canvas_app.domain.model import Sequence
from canvas_app.ui.email.goal_setup import GoalSetupDialog
from canvas_app.ui.email.preview_html import placeholder_of
from canvas_app.ui.window.main_window import MainWindow
from tests.factories import email, link


def two_emails(window: MainWindow) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    campaign.set_sequence_emails("welcome", [
        email("w1", [link("dl", LinkKind.FILE_DOWNLOAD), link("call", LinkKind.URL, "tel:+1555"),
                     link("blog")], subject="Your ebook"),
        email("w2", [link("dl2", LinkKind.FILE_DOWNLOAD), link("open-day", LinkKind.LANDING_PAGE)],
              delay=1440, subject="Did you get it?"),
    ])


def open_dialog(window: MainWindow, goal_id: str = "downloaded") -> GoalSetupDialog:
    dialog = window.dialogs.open_goal_setup(goal_id)
    assert dialog is not None
    return dialog


def checklist_states(dialog: GoalSetupDialog) -> dict[str, str]:
    out = {}
    for i in range(dialog.checklist.count()):
        item = dialog.checklist.item(i)
        checkable = bool(item.flags() & Qt.ItemFlag.ItemIsUserCheckable)
        state = ("checked" if item.checkState() == Qt.CheckState.Checked else "unchecked") \
            if checkable else "disabled"
        out[str(item.data(Qt.ItemDataRole.UserRole))] = state
    return out


def test_lists_only_emails_of_upstream_sequences_grouped(window: MainWindow) -> None:
    two_emails(window)
    campaign = window.document.campaign
    assert campaign is not None
    campaign.add_node(Sequence("other", "Not connected", emails=[email("o1", [link("ol")])]))
    dialog = open_dialog(window)
    texts = [dialog.email_list.topLevelItem(i).text(0).strip()
             for i in range(dialog.email_list.topLevelItemCount())]
    assert texts == ["Welcome", "1. Your ebook", "2. Did you get it?"]
    assert dialog.email_list.topLevelItem(1).text(1) == "1 of 2"  # dl chosen; blog can be
    dialog.reject()
    campaign.connect("other", "downloaded")
    dialog = open_dialog(window)
    texts = [dialog.email_list.topLevelItem(i).text(0).strip()
             for i in range(dialog.email_list.topLevelItemCount())]
    assert "Not connected" in texts and "1. Hello" in texts
    dialog.reject()


def test_the_preview_and_the_checklist_choose_the_same_links(window: MainWindow) -> None:
    two_emails(window)
    dialog = open_dialog(window)
    assert dialog.current is not None and dialog.current.id == "w1"
    html = dialog.preview.toHtml()
    assert "\u2713" in html  # the chosen link carries a check mark
    assert checklist_states(dialog) == {"dl": "checked", "call": "disabled", "blog": "unchecked"}
    dialog.preview.anchorClicked.emit(QUrl("cc-link:blog"))
    assert dialog.chosen == ["dl", "blog"]
    assert checklist_states(dialog)["blog"] == "checked"
    item = dialog.checklist.item(0)
    item.setCheckState(Qt.CheckState.Unchecked)  # keyboard users: the check box
    assert dialog.chosen == ["blog"]
    assert dialog.summary.text() == "1 link in 1 email satisfies this goal."
    dialog.select_email("w2")
    assert checklist_states(dialog) == {"dl2": "unchecked", "open-day": "disabled"}
    dialog.checklist.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.select_email("w1")
    assert checklist_states(dialog) == {"dl": "unchecked", "call": "disabled", "blog": "checked"}
    assert dialog.summary.text() == "2 links in 2 emails satisfy this goal."
    assert "stops 'Welcome'" in dialog.warning.text()
    dialog.reject()


def test_a_link_that_cannot_qualify_cannot_be_chosen_by_any_route(window: MainWindow) -> None:
    two_emails(window)
    dialog = open_dialog(window)
    dialog.preview.anchorClicked.emit(QUrl("cc-link:call"))
    assert "call" not in dialog.chosen
    assert "Phone number links cannot satisfy a link goal" in dialog.preview_title.text()
    call = dialog.checklist.item(1)
    call.setCheckState(Qt.CheckState.Checked)  # even if something forces the box
    assert "call" not in dialog.chosen
    assert not dialog.toggle("open-day") and not dialog.toggle("not-in-these-emails")
    dialog.reject()


def test_ok_applies_name_and_links_as_one_undo_step(window: MainWindow) -> None:
    two_emails(window)
    campaign = window.document.campaign
    assert campaign is not None
    stack = window.document.undo_stack
    before = stack.count()
    dialog = open_dialog(window)
    dialog.name.setText("Got the ebook")
    dialog.preview.anchorClicked.emit(QUrl("cc-link:blog"))
    dialog.ok.click()
    assert campaign.goal("downloaded").links == ["dl", "blog"]
    assert campaign.goal("downloaded").name == "Got the ebook"
    assert stack.count() == before + 1
    stack.undo()
    assert campaign.goal("downloaded").links == ["dl"]
    assert campaign.goal("downloaded").name == "Downloaded"


def test_cancel_changes_nothing(window: MainWindow) -> None:
    two_emails(window)
    campaign = window.document.campaign
    assert campaign is not None
    before = campaign.copy()
    dialog = open_dialog(window)
    dialog.name.setText("Something else")
    dialog.preview.anchorClicked.emit(QUrl("cc-link:dl"))
    dialog.reject()
    assert campaign == before


def test_unavailable_links_show_a_problem_and_a_one_click_fix(window: MainWindow) -> None:
    two_emails(window)
    campaign = window.document.campaign
    assert campaign is not None
    campaign.set_goal_links("downloaded", ["dl", "dl2"])
    emails = campaign.sequence("welcome").emails
    campaign.set_sequence_emails("welcome", emails[:1])  # the second email is removed
    window.document.refresh()
    assert any(p.code.value == "goal_link_missing" for p in window.document.problems_for(
        "downloaded"))
    dialog = open_dialog(window)
    assert not dialog.dangling.isHidden() and "1 chosen link is no longer" in \
        dialog.dangling_text.text()
    dialog.fix.click()
    assert dialog.chosen == ["dl"] and dialog.dangling.isHidden()
    dialog.ok.click()
    assert campaign.goal("downloaded").links == ["dl"]


def test_a_goal_without_upstream_sequence_says_why_and_how(window: MainWindow) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    campaign.disconnect("welcome", "downloaded")
    dialog = open_dialog(window)
    assert dialog.email_list.isHidden() and not dialog.empty.isHidden()
    assert "No sequence is connected before this goal" in dialog.empty.text()
    assert "drag from a sequence's round handle" in dialog.empty.text()
    dialog.reject()


class _Counter(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_hostile_html_runs_nothing_and_requests_nothing(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    _Counter.hits = []
    hostile = email("w1", [link("dl", LinkKind.FILE_DOWNLOAD)])
    hostile.body_html = (
        f'<p onclick="alert(1)" style="background:url({base}/bg.png)">Hi</p>'
        f'<script src="{base}/evil.js">document.title="owned"</script>'
        f'<iframe src="{base}/frame"></iframe><img src="{base}/pixel.png" alt="Logo">'
        f'<link rel="stylesheet" href="{base}/style.css"><object data="{base}/obj"></object>'
        f'<a href="javascript:alert(2)">javascript link</a>'
        f'<img src="file:///etc/passwd"><a data-link="dl" onmouseover="alert(3)">Get it</a>'
        # presentation kept by the policy must not fetch either
        f'<style>@import url({base}/import.css); p {{ color: red; '
        f'background-image: url({base}/rule.png) }}</style>'
        f'<table background="{base}/table.png" style="list-style-image:url({base}/list.png)">'
        f'<tr><td style="background:#fff url({base}/cell.png)">cell</td></tr></table>'
        f'<img srcset="{base}/set.png 2x" title="Banner" width="200" height="40">')
    campaign = window.document.campaign
    assert campaign is not None
    campaign.set_sequence_emails("welcome", [hostile])
    dialog = open_dialog(window)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    qtbot.wait(300)
    html = dialog.preview.toHtml()
    text = dialog.preview.toPlainText()
    server.shutdown()
    assert _Counter.hits == []
    # each image is a placeholder of its own, drawn with its alt text; nothing else asked for
    assert dialog.preview.refused == [] and "owned" not in dialog.windowTitle()
    assert [placeholder_of(n)[2] for n in dialog.preview.placeholders  # type: ignore[index]
            ] == ["Logo", "image", "image"]
    for needle in ("<script", "evil.js", "iframe", "onclick", "onmouseover", "javascript:", base,
                   "file:"):
        assert needle not in html, needle
    assert "Get it" in text
    dialog.reject()


def test_explaining_a_greyed_link_wraps_inside_the_dialog_and_clears_later(
        window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    two_emails(window)
    dialog = open_dialog(window)
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    width = dialog.width()
    room = dialog.screen().availableGeometry().width()
    dialog.preview.anchorClicked.emit(QUrl("cc-link:call"))
    QApplication.processEvents()
    assert "cannot satisfy" in dialog.preview_title.text()
    assert dialog.width() == width and dialog.frameGeometry().width() <= room
    dialog.preview.anchorClicked.emit(QUrl("cc-link:blog"))  # a link that can be chosen
    assert "cannot satisfy" not in dialog.preview_title.text()
    dialog.reject()


def test_no_dialog_is_larger_than_the_screen(window: MainWindow) -> None:
    dialog = open_dialog(window)
    room = dialog.screen().availableGeometry().size()
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    assert dialog.maximumWidth() <= room.width()
    dialog.reject()


def _answering(monkeypatch, answer):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def question(_parent, _title, text, *_a):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answer
    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_escape_after_choosing_links_asks_before_dropping_them(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                              monkeypatch) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QMessageBox

    two_emails(window)
    campaign = window.document.campaign
    assert campaign is not None
    dialog = open_dialog(window)
    qtbot.waitExposed(dialog)
    dialog.preview.anchorClicked.emit(QUrl("cc-link:blog"))
    asked = _answering(monkeypatch, QMessageBox.StandardButton.Cancel)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # before, the choice was dropped unasked
    assert asked and dialog.isVisible() and "blog" in dialog.chosen
    _answering(monkeypatch, QMessageBox.StandardButton.Save)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not dialog.isVisible() and campaign.goal("downloaded").links == ["dl", "blog"]


def test_escape_with_nothing_changed_closes_without_asking(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                          monkeypatch) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QMessageBox

    dialog = open_dialog(window)
    qtbot.waitExposed(dialog)
    asked = _answering(monkeypatch, QMessageBox.StandardButton.Save)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not asked and not dialog.isVisible()
    dialog = open_dialog(window)
    qtbot.waitExposed(dialog)
    dialog.preview.anchorClicked.emit(QUrl("cc-link:dl"))  # unchosen: a change
    _answering(monkeypatch, QMessageBox.StandardButton.Discard)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and window.document.campaign is not None
    assert window.document.campaign.goal("downloaded").links == ["dl"]

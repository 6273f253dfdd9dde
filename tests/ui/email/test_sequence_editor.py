"""The sequence editor: emails in order with their waits, edits applied as undoable steps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from canvas_app.domain.links import LinkKind
from canvas_app.domain.validation import Code, validate
from canvas_app.ui.email.link_dialog import LinkDialog
from canvas_app.ui.email.sequence_editor import SequenceEditor
from canvas_app.ui.email.steps import step_text, wait_words
from canvas_app.ui.window.main_window import MainWindow
from tests.factories import email, link
from tests.ui.conftest import Mouse, stored


def editor_for(window: MainWindow, sequence_id: str = "welcome") -> SequenceEditor:
    editor = window.dialogs.open_sequence_editor(sequence_id)
    assert editor is not None
    return editor


def steps(editor: SequenceEditor) -> list[str]:
    return [editor.steps.item(i).text() for i in range(editor.steps.count())]


def test_waits_are_said_the_way_people_think() -> None:
    assert wait_words(2 * 1440) == "2 days" and wait_words(60) == "1 hour"
    assert wait_words(90) == "90 minutes" and wait_words(0) == ""
    assert step_text(1, email("x", [], delay=2880, subject="Last chance")) == \
        "Wait 2 days, then send 'Last chance'"


def test_double_click_on_a_sequence_opens_its_editor(window: MainWindow, mouse: Mouse) -> None:
    mouse.double_click(window.scene.node_items["thanks"].scenePos())
    editor = window.findChild(SequenceEditor, "sequenceEditor")
    assert editor is not None and editor.isVisible()
    assert steps(editor) == ["1. Wait 1 hour, then send 'Hello'"]
    editor.reject()


def test_add_reorder_and_apply_as_one_undo_step(window: MainWindow, workspace_path) -> None:  # type: ignore[no-untyped-def]
    campaign = window.document.campaign
    assert campaign is not None
    before = campaign.copy()
    editor = editor_for(window)
    editor.add_email()
    editor.subject.setText("Last chance, {{first_name}}")
    editor.delay.setValue(2)
    editor.unit.setCurrentIndex(editor.unit.findData(1440))
    assert steps(editor)[-1] == "2. Wait 2 days, then send 'Last chance, Alex'"
    assert "Alex" in editor.sample_note.text()  # the list says who Alex is
    editor.move_email(-1)
    assert steps(editor)[0].startswith("1. Wait 2 days, then send 'Last chance")
    editor.apply_button.click()
    emails = campaign.sequence("welcome").emails
    assert [e.subject for e in emails] == ["Last chance, {{first_name}}", "Hello"]
    assert emails[0].delay_minutes == 2880
    assert stored(workspace_path).sequence("welcome").emails == emails
    editor.reject()
    window.document.undo_stack.undo()
    assert campaign == before


def _answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a: (
        asked.append(text), button)[1])
    return asked


def test_esc_asks_before_dropping_unapplied_edits(window: MainWindow,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    before = campaign.copy()
    editor = editor_for(window)
    QTest.keyClicks(editor.subject, " again")
    editor.duplicate_email()
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert asked and "'Welcome'" in asked[0] and editor.isVisible()  # kept editing
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    editor.button_box.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert asked and not editor.isVisible()
    assert campaign == before


def test_cancel_can_save_what_was_typed(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                        workspace_path) -> None:  # type: ignore[no-untyped-def]
    editor = editor_for(window)
    editor.subject.selectAll()
    QTest.keyClicks(editor.subject, "Kept")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Save)
    editor.button_box.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert asked and not editor.isVisible()
    assert stored(workspace_path).sequence("welcome").emails[0].subject == "Kept"


def test_no_question_when_nothing_changed_or_all_was_applied(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    editor = editor_for(window)
    editor.steps.setCurrentRow(1)
    editor.steps.setCurrentRow(0)
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert not asked and not editor.isVisible()
    editor = editor_for(window)
    QTest.keyClicks(editor.subject, "!")
    editor.apply_button.click()
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert not asked and not editor.isVisible()


def test_the_body_keeps_its_links_through_the_editor(window: MainWindow) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    editor = editor_for(window)
    editor.body.textCursor().insertText("Extra words. ")
    editor.ok_button.click()
    mail = campaign.sequence("welcome").emails[0]
    assert [k.id for k in mail.links] == ["dl", "call"]
    assert '<a data-link="dl">' in mail.body_html and '<a data-link="call">' in mail.body_html
    assert not [p for p in validate(campaign) if p.code is Code.EMAIL_ANCHORS]


def test_insert_a_link_through_the_link_dialog(window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def fill_and_accept(dialog: LinkDialog) -> int:
        dialog.text.setText("Join the class")
        dialog.target.setText("https://bakery.example/class")
        dialog.kind.setCurrentIndex(dialog.kind.findData(LinkKind.WEB_FORM))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(LinkDialog, "exec", fill_and_accept)
    campaign = window.document.campaign
    assert campaign is not None
    editor = editor_for(window, "thanks")
    editor.insert_link()
    editor.ok_button.click()
    mail = campaign.sequence("thanks").emails[0]
    added = next(k for k in mail.links if k.text == "Join the class")
    assert len(mail.links) == 2
    assert (added.text, added.kind, added.target) == ("Join the class", LinkKind.WEB_FORM,
                                                      "https://bakery.example/class")
    assert f'<a data-link="{added.id}">Join the class</a>' in mail.body_html
    assert not [p for p in validate(campaign) if p.code is Code.EMAIL_ANCHORS]


@pytest.mark.parametrize(("target", "ok", "kind", "says"), [
    ("https://shop.example/buy", True, LinkKind.ORDER_FORM, ""),
    ("tel:+1 555 0100", True, LinkKind.PHONE, "opens the reader's dialler"),
    ("mailto:hi@shop.example", True, LinkKind.EMAIL_ADDRESS, "opens the reader's mail program"),
    ("javascript:alert(1)", False, None, "'javascript:' links are not allowed"),
    ("shop.example", False, None, "not a full address"),
])
def test_the_link_dialog_checks_targets(qtbot, target: str, ok: bool, kind: LinkKind | None,  # type: ignore[no-untyped-def]
                                        says: str) -> None:
    dialog = LinkDialog("Buy now", LinkKind.ORDER_FORM, target)
    qtbot.addWidget(dialog)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled() is ok
    assert says in dialog.note.text()
    if kind is not None:
        assert dialog.values()[1] is kind


def test_the_preview_shows_the_email_as_it_will_look(window: MainWindow) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    campaign.set_sequence_emails("welcome", [email("w1", [link("dl", LinkKind.FILE_DOWNLOAD)],
                                                   subject="For {{first_name}}")])
    editor = editor_for(window)
    editor.tabs.setCurrentIndex(1)
    text = editor.preview.toPlainText()
    assert "For Alex" in text and "Hi Alex" in text and "text of dl" in text
    editor.reject()


def test_the_kind_shapes_the_target_field(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = LinkDialog("Call us")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.kind.setCurrentIndex(dialog.kind.findData(LinkKind.PHONE))
    assert dialog.target.text() == ""  # the https:// of a web address is gone
    dialog.target.setText("555-0100")
    assert ok.isEnabled(), dialog.note.text()
    assert dialog.values() == ("Call us", LinkKind.PHONE, "tel:555-0100")
    dialog.target.setText("call me")
    assert not ok.isEnabled() and "not a phone number" in dialog.note.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData(LinkKind.EMAIL_ADDRESS))
    dialog.target.setText("hello@bakery.example")
    assert dialog.values() == ("Call us", LinkKind.EMAIL_ADDRESS, "mailto:hello@bakery.example")
    dialog.kind.setCurrentIndex(dialog.kind.findData(LinkKind.WEB_FORM))
    assert dialog.target.text() == "https://"


def test_editing_a_phone_link_shows_the_number_alone(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = LinkDialog("Call us", LinkKind.PHONE, "tel:+15550100")
    qtbot.addWidget(dialog)
    assert dialog.target.text() == "+15550100"
    assert dialog.values() == ("Call us", LinkKind.PHONE, "tel:+15550100")


def test_an_inserted_link_adds_no_space_and_typing_goes_on_outside_it(window: MainWindow,  # type: ignore[no-untyped-def]
                                                                      monkeypatch) -> None:
    def fill_and_accept(dialog: LinkDialog) -> int:
        dialog.text.setText("Join")
        dialog.target.setText("https://bakery.example/class")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(LinkDialog, "exec", fill_and_accept)
    editor = editor_for(window, "thanks")
    editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)
    before = editor.body.toPlainText()
    editor.insert_link()
    assert editor.body.toPlainText() == before + "Join"
    editor.body.insertPlainText(" now")
    editor.ok_button.click()
    campaign = window.document.campaign
    assert campaign is not None
    mail = campaign.sequence("thanks").emails[0]
    added = next(k for k in mail.links if k.text == "Join")
    assert f'<a data-link="{added.id}">Join</a> now' in mail.body_html


def test_typing_after_a_link_anywhere_stays_plain_text(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                       monkeypatch) -> None:
    from PySide6.QtTest import QTest

    def fill_and_accept(dialog: LinkDialog) -> int:
        dialog.text.setText("See the offer")
        dialog.target.setText("https://bakery.example/offer")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(LinkDialog, "exec", fill_and_accept)
    editor = editor_for(window, "thanks")
    body = editor.body
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    editor.insert_link()
    body.moveCursor(body.textCursor().MoveOperation.Start)
    body.moveCursor(body.textCursor().MoveOperation.End)  # as Ctrl+End does
    QTest.keyClicks(body, " Or grab the menu")
    editor.ok_button.click()
    campaign = window.document.campaign
    assert campaign is not None
    mail = campaign.sequence("thanks").emails[0]
    added = next(k for k in mail.links if k.text == "See the offer")
    assert f'<a data-link="{added.id}">See the offer</a> Or grab the menu' in mail.body_html


def test_the_link_dialog_keeps_its_size_whatever_the_kind(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    dialog = LinkDialog("Call us")
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    size = dialog.size()
    field_at = dialog.target.geometry()
    for kind in [LinkKind.PHONE, LinkKind.EMAIL_ADDRESS, LinkKind.LANDING_PAGE, LinkKind.URL,
                 LinkKind.PHONE]:
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        dialog.target.setText("x")  # a refusal message as long as any
        QApplication.processEvents()
        assert dialog.size() == size, kind
        assert dialog.target.geometry() == field_at, kind  # the field does not jump sideways


def test_the_link_dialog_opens_without_a_red_refusal(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = LinkDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and dialog.note.text()  # says what is missing...
    assert "color" not in dialog.note.text()  # ...without an error's colour before any typing
    dialog.text.setText("Book now")
    dialog.target.setText("javascript:alert(1)")
    assert "color" in dialog.note.text() and not ok.isEnabled()


def test_import_html_adds_an_email_with_its_links_declared(window: MainWindow, tmp_path,  # type: ignore[no-untyped-def]
                                                           monkeypatch, workspace_path) -> None:
    from canvas_app.ui.email import import_html

    source = tmp_path / "offer.html"
    source.write_text("<title>Autumn offer</title><p>Hi *|FNAME|*, <a href='https://shop."
                      "example/autumn'>see it</a> or <a href='tel:5550100'>call</a></p>"
                      "<script>x()</script>", "utf-8")
    monkeypatch.setattr(import_html, "open_file_name", lambda *a, **k: str(source))
    editor = editor_for(window)
    editor.import_button.click()
    assert steps(editor)[-1].endswith("send 'Autumn offer'")
    assert "2 links" in editor.sample_note.text()
    editor.apply_button.click()
    mail = stored(workspace_path).sequence("welcome").emails[-1]
    assert [k.kind for k in mail.links] == [LinkKind.URL, LinkKind.PHONE]
    assert "Hi {{first_name}}" in mail.body_html and "script" not in mail.body_html
    editor.reject()


def test_an_imported_layout_is_never_lost_to_a_stray_key(window: MainWindow, tmp_path,  # type: ignore[no-untyped-def]
                                                         monkeypatch, workspace_path) -> None:
    """The body of an email imported with its own layout is shown but not typed into (the
    editor writes paragraphs and would drop the layout at the first key); one click lets the
    user write it as simple paragraphs, and a simple email is typed into as always."""
    from pathlib import Path

    from canvas_app.ui.email import import_html

    source = Path(__file__).resolve().parents[2] / "fixtures" / "templates" / "invite" / \
        "email.html"
    monkeypatch.setattr(import_html, "open_file_name", lambda *a, **k: str(source))
    editor = editor_for(window)
    editor.show()
    editor.import_button.click()
    imported = editor.emails[-1].body_html
    guard = editor.layout_guard
    assert guard.isVisible() and editor.body.isReadOnly()
    assert not editor.bold.isEnabled() and not editor.link_button.isEnabled()
    editor.body.setFocus()
    QTest.keyClicks(editor.body, "oops")
    QTest.keyClick(editor.body, Qt.Key.Key_Delete)
    editor.apply_button.click()
    assert stored(workspace_path).sequence("welcome").emails[-1].body_html == imported

    editor.steps.setCurrentRow(0)  # a simple email: typed into as always
    assert not guard.isVisible() and not editor.body.isReadOnly()
    editor.steps.setCurrentRow(len(editor.emails) - 1)
    QTest.mouseClick(guard.button, Qt.MouseButton.LeftButton)
    assert not guard.isVisible() and not editor.body.isReadOnly() and editor.bold.isEnabled()
    QTest.keyClicks(editor.body, "Now plain ")
    editor.apply_button.click()
    body = stored(workspace_path).sequence("welcome").emails[-1].body_html
    assert "Now plain" in body and "<table" not in body
    editor.reject()

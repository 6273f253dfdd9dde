"""Real open-source templates (tests/fixtures/templates/) brought in through the sequence
editor's "Import HTML…" look like themselves in the goal setup's preview, every link can be
clicked there, and the preview asks for nothing: no image, file or network request, only the
placeholders it draws itself."""

from __future__ import annotations

import html
import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPainter, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from canvas_app.engine.html_import import html_of, import_html
from canvas_app.ui.email.preview_html import LINK_SCHEME, LinkState, placeholder_of, preview
from canvas_app.ui.email.safe_preview import SafePreview
from canvas_app.ui.window.main_window import MainWindow
from tests.fixtures.real_templates import CHROMIUM, NAMES, link_targets, path_of
from tests.ui.conftest import stored
from tests.ui.email.test_goal_setup import open_dialog
from tests.ui.email.test_sequence_editor import editor_for


def click_link(view: SafePreview, link_id: str) -> None:
    """A real mouse click on the link's first character (or image) in the preview."""
    document = view.document()
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().anchorHref() == f"{LINK_SCHEME}:{link_id}":
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                view.setTextCursor(cursor)
                view.ensureCursorVisible()
                rect = view.cursorRect(cursor)
                point = QPoint(rect.left() + 3, rect.center().y())
                QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                                 Qt.KeyboardModifier.NoModifier, point)
                return
            fragments += 1
        block = block.next()
    raise AssertionError(f"link {link_id} is not in the preview")


@pytest.mark.parametrize("name", NAMES)
def test_imported_template_links_are_all_clickable_and_nothing_is_requested(
        window: MainWindow, qtbot, monkeypatch, workspace_path, name: str) -> None:  # type: ignore[no-untyped-def]
    from canvas_app.ui.email import import_html

    monkeypatch.setattr(import_html, "open_file_name", lambda *a, **k: str(path_of(name)))
    editor = editor_for(window)
    editor.import_button.click()
    assert "Imported" in editor.sample_note.text()
    editor.apply_button.click()
    editor.reject()
    mail = stored(workspace_path).sequence("welcome").emails[-1]
    assert [k.target for k in mail.links] == link_targets(name)
    dialog = open_dialog(window)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.select_email(mail.id)
    QApplication.processEvents()
    for link in mail.links:
        click_link(dialog.preview, link.id)
        if link.can_qualify:
            assert link.id in dialog.chosen, link.target
        else:
            assert link.id not in dialog.chosen and "cannot" in dialog.preview_title.text()
    assert dialog.preview.refused == []
    dialog.reject()


@pytest.mark.parametrize("name", NAMES)
def test_the_preview_keeps_the_template_structure(qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    """At 700 px the preview's document is within 1.5x the height Chromium gives the original
    (a collapsed layout, one word per line, is many times taller; lost content is shorter)."""
    email = import_html(html_of(path_of(name).read_bytes(), "email.html")).email()
    view = SafePreview()
    qtbot.addWidget(view)
    shown = preview(email, lambda _link: LinkState.CAN_CHOOSE)
    view.setHtml(shown)
    view.document().setTextWidth(CHROMIUM["width"])
    ratio = view.document().size().height() / CHROMIUM["heights"][name]
    assert 1 / 1.5 <= ratio <= 1.5, ratio
    # painted whole: every image is a placeholder drawn here, of the size the email gives it;
    # nothing else is asked for
    picture = QImage(CHROMIUM["width"], 8000, QImage.Format.Format_RGB32)
    painter = QPainter(picture)
    view.document().drawContents(painter)
    painter.end()
    wanted = {html.unescape(n) for n in re.findall(r'<img src="([^"]+)"', shown)}
    assert view.refused == [] and set(view.placeholders) == wanted
    assert all(placeholder_of(n) is not None for n in wanted)


def test_an_email_imported_in_the_editor_keeps_its_look_until_its_text_is_edited(
        window: MainWindow, monkeypatch, workspace_path) -> None:  # type: ignore[no-untyped-def]
    from canvas_app.ui.email import import_html as dialog_module

    monkeypatch.setattr(dialog_module, "open_file_name", lambda *a, **k: str(path_of("invoice")))
    editor = editor_for(window)
    editor.import_button.click()
    editor.subject.setText("Your invoice")  # another field changes: the body stays as imported
    editor.apply_button.click()
    editor.reject()
    mail = stored(workspace_path).sequence("welcome").emails[-1]
    direct = import_html(html_of(path_of("invoice").read_bytes(), "email.html")).email()
    assert mail.subject == "Your invoice"
    assert mail.body_html.count("style=") == direct.body_html.count("style=") > 100

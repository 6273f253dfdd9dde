"""Never colour alone: while a connection is drawn, allowed and refused targets differ in words
and shape too; a greyed link in the preview carries a marker and says why on keyboard focus."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPainter

from canvas_app.domain.vocabulary import ConnectionState
from canvas_app.ui.canvas import connect_badge
from canvas_app.ui.canvas.nodes import NodeItem
from canvas_app.ui.window.main_window import MainWindow
from tests.ui.conftest import Mouse


def picture(item: NodeItem) -> QImage:
    rect = item.boundingRect()
    image = QImage(int(rect.width()) + 2, int(rect.height()) + 2, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.translate(-rect.left() + 1, -rect.top() + 1)
    item.paint(painter, _option(), None)
    painter.end()
    return image


def _option():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    return QStyleOptionGraphicsItem()


def test_allowed_and_refused_targets_differ_in_words_and_shape(window: MainWindow,
                                                                mouse: Mouse) -> None:
    scene = window.scene
    start = scene.node_items["thanks"].output_point()  # a sequence: to a goal, not a sequence
    mouse.press(start)
    mouse.move(start + QPointF(40, 40))
    allowed, refused = scene.node_items["downloaded"], scene.node_items["welcome"]
    assert allowed.connect_state == ConnectionState.ALLOWED
    assert refused.connect_state == ConnectionState.REFUSED
    assert connect_badge.note_for(allowed.connect_state) == "✓ Can connect"
    assert connect_badge.note_for(refused.connect_state) == "✕ Not allowed"
    # someone who cannot tell the two colours apart: drawn with one colour for both, the same
    # node as an allowed and as a refused target still looks different
    theme = refused.theme
    refused.theme = replace(theme, refused=theme.allowed)
    as_refused = picture(refused)
    refused.set_connect_state(ConnectionState.ALLOWED)
    as_allowed = picture(refused)
    refused.set_connect_state(ConnectionState.REFUSED)
    refused.theme = theme
    assert as_refused != as_allowed
    mouse.release(start + QPointF(40, 40))
    assert allowed.connect_state is None and refused.connect_state is None


def test_a_greyed_link_has_a_marker_and_says_why_on_keyboard_focus(window: MainWindow, qtbot  # type: ignore[no-untyped-def]
                                                                   ) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from canvas_app.domain.links import why_cannot_qualify
    from tests.ui.email.test_goal_setup import open_dialog, two_emails

    two_emails(window)  # 'call' is a tel: link: it cannot satisfy a goal
    dialog = open_dialog(window)
    qtbot.waitExposed(dialog)
    text = dialog.preview.toPlainText()
    assert "\u2298 text of call" in text and "\u2298 text of blog" not in text
    dialog.preview.setFocus()
    QTest.keyClick(dialog.preview, Qt.Key.Key_Tab)  # 'dl'
    assert "satisfy the goal" in dialog.preview_title.text()
    QTest.keyClick(dialog.preview, Qt.Key.Key_Tab)  # 'call'
    call = dialog.eligible["call"]
    why = why_cannot_qualify(call.effective_kind)
    assert why in dialog.preview_title.text()
    assert dialog.preview.accessibleDescription() == why
    QTest.keyClick(dialog.preview, Qt.Key.Key_Tab)  # 'blog': the explanation goes
    assert why not in dialog.preview_title.text()
    dialog.checklist.setFocus()
    row = next(i for i in range(dialog.checklist.count())
               if dialog.checklist.item(i).data(Qt.ItemDataRole.UserRole) == "call")
    dialog.checklist.setCurrentRow(row)  # the checklist says it too
    assert why in dialog.preview_title.text()
    dialog.reject()

"""Any scale, any font: canvas text follows the application font and presentation mode."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from canvas_app.ui.canvas.nodes import NodeItem
from canvas_app.ui.window.main_window import MainWindow


def test_canvas_text_follows_the_application_font(window: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QFont(app.font())
    usual = NodeItem.name_font.pointSizeF()
    item = window.scene.node_items["welcome"]
    usual_label = item.label_rect().height()
    try:
        big = QFont(before)
        big.setPointSizeF(16)
        app.setFont(big)
        QApplication.processEvents()
        assert NodeItem.name_font.pointSizeF() >= 16  # not stuck at 10.5 pt
        assert item.label_rect().height() > usual_label  # the label made room for it
    finally:
        app.setFont(before)
        QApplication.processEvents()
    assert NodeItem.name_font.pointSizeF() == usual
    window.menu_actions["presentation"].setChecked(True)  # larger type on the projector
    QApplication.processEvents()
    try:
        assert NodeItem.name_font.pointSizeF() > usual
    finally:
        window.menu_actions["presentation"].setChecked(False)
        QApplication.processEvents()
    assert NodeItem.name_font.pointSizeF() == usual

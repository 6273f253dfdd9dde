"""A row of buttons wraps onto more lines in a narrow panel instead of cutting buttons off."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from canvas_app.ui.style.wrapping_row import WrappingRow


def _panel(qtbot, width: int) -> tuple[QWidget, list[QPushButton]]:  # type: ignore[no-untyped-def]
    panel = QWidget()
    qtbot.addWidget(panel)
    row = WrappingRow()
    buttons = [QPushButton(text) for text in ("Add…", "Import CSV…", "Inbox…", "Why?…")]
    for button in buttons:
        row.addWidget(button)
    layout = QVBoxLayout(panel)
    layout.addLayout(row)
    layout.addStretch(1)
    panel.resize(width, 300)
    panel.show()
    for _ in range(3):
        QApplication.processEvents()
    return panel, buttons


def _lines(buttons: list[QPushButton]) -> list[list[str]]:
    tops = sorted({b.y() for b in buttons})
    return [[b.text() for b in buttons if b.y() == top] for top in tops]


def test_wide_enough_the_buttons_share_one_line(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel, buttons = _panel(qtbot, 900)
    assert _lines(buttons) == [["Add…", "Import CSV…", "Inbox…", "Why?…"]]
    inside = panel.contentsRect().width()
    assert buttons[-1].geometry().right() > inside * 0.9  # the line is filled, as a row is


def test_narrow_they_wrap_evenly_and_stay_inside(qtbot) -> None:  # type: ignore[no-untyped-def]
    wide, buttons = _panel(qtbot, 900)
    one_line = sum(b.sizeHint().width() for b in buttons)
    panel, buttons = _panel(qtbot, one_line * 2 // 3)
    assert _lines(buttons) == [["Add…", "Import CSV…"], ["Inbox…", "Why?…"]]
    assert all(b.geometry().right() < panel.width() for b in buttons)
    assert panel.minimumSizeHint().width() < one_line  # the panel may be narrower than a row
    narrowest, buttons = _panel(qtbot, max(b.sizeHint().width() for b in buttons) + 30)
    assert len(_lines(buttons)) == 4
    assert all(b.geometry().right() < narrowest.width() for b in buttons)

"""Tab goes through a dialog's buttons in the order they are shown: a button box places its
buttons by the platform's convention (Publish before Cancel here, after it elsewhere), not in
the order they were added, so the focus chain is set again once they are placed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QWidget


class _VisibleOrder(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QDialogButtonBox) and event.type() in (
                QEvent.Type.Show, QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            reorder(watched)
        return False


def reorder(box: QDialogButtonBox) -> None:
    """Sets the box's buttons' tab order to their places on screen (left to right)."""
    shown: list[QAbstractButton] = sorted(
        (b for b in box.buttons() if b.isVisibleTo(box)), key=lambda b: (b.y(), b.x()))
    for first, then in zip(shown, shown[1:], strict=False):
        QWidget.setTabOrder(first, then)


def follow_visible_order(box: QDialogButtonBox) -> QDialogButtonBox:
    """Keeps ``box``'s tab order the same as the order its buttons are shown in."""
    keeper = _VisibleOrder(box)
    box.installEventFilter(keeper)
    return box

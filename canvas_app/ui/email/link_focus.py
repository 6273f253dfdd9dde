"""The keyboard on the links of a previewed email: which link Tab has reached, putting the
keyboard back on a link after the preview was rebuilt, and telling when Tab moved it (a
QTextBrowser says nothing when it does)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QTextBrowser


def focused_href(preview: QTextBrowser) -> str:
    """The address of the link the keyboard is on, or ''."""
    cursor = QTextCursor(preview.textCursor())
    if not cursor.hasSelection():
        return ""
    cursor.setPosition(cursor.selectionStart() + 1)
    return str(cursor.charFormat().anchorHref())


def select_link(preview: QTextBrowser, href: str) -> None:
    """Puts the keyboard on the link to ``href`` (the whole link, which may span fragments),
    so the next Tab goes on to the following link, not the first one."""
    document = preview.document()
    start = end = -1
    block = document.begin()
    while block.isValid() and end < 0:
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                start = fragment.position() if start < 0 else start
            elif start >= 0:
                end = fragment.position()
                break
            it += 1
        end = block.position() + block.length() - 1 if start >= 0 and end < 0 else end
        block = block.next()
    if start >= 0:
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        preview.setTextCursor(cursor)


class _TabWatcher(QObject):
    def __init__(self, preview: QTextBrowser, moved: Callable[[str], None]) -> None:
        super().__init__(preview)
        self.preview = preview
        self.moved = moved

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyRelease and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.moved(focused_href(self.preview))
        return False


def on_link_focus(preview: QTextBrowser, moved: Callable[[str], None]) -> None:
    """Calls ``moved`` with the link's address each time Tab or Shift+Tab moves between links."""
    preview.installEventFilter(_TabWatcher(preview, moved))

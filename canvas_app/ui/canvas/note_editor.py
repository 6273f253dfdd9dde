"""Writing on a note in place: a text box over the note. Ctrl+Enter or clicking elsewhere
keeps the text, Esc leaves it as it was; Enter starts a new line."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QGraphicsProxyWidget, QPlainTextEdit

from canvas_app.ui.canvas.constants import Z_EDITOR
from canvas_app.ui.canvas.note_item import NoteItem
from canvas_app.ui.style.note_colors import note_colors


class InlineNoteEditor(QGraphicsProxyWidget):
    def __init__(self, item: NoteItem, commit: Callable[[str], None],
                 finished: Callable[[], None]) -> None:
        super().__init__()
        self.item = item
        self._commit = commit
        self._finished = finished
        self._done = False
        self.box = QPlainTextEdit(item.note.text)
        self.box.setObjectName("noteEditor")
        self.box.setAccessibleName("Note text")
        self.box.setToolTip("Write your note. *word* shows the word in bold. "
                            "Ctrl+Enter keeps it, Esc cancels.")
        self.box.setFont(item.font)
        self.box.setFrameShape(QFrame.Shape.NoFrame)
        fill, _border, text = note_colors(item.note.color, item.theme.dark)
        self.box.setStyleSheet(f"QPlainTextEdit {{ background: {fill.name()}; color: {text.name()};"
                               f" border: 2px solid {item.theme.accent.name()};"
                               " border-radius: 6px; padding: 6px; }")
        self.box.installEventFilter(self)
        self.setWidget(self.box)
        width, height = item.note.size
        self.box.setFixedSize(int(max(width, 160)), int(max(height, 90)))
        self.setPos(item.scenePos())
        self.setZValue(Z_EDITOR)

    def start(self) -> None:
        self.box.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.box.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                    and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.commit()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_editor()
                return True
        if watched is self.box and event.type() == QEvent.Type.FocusOut and not self._done:
            self.commit()
        return super().eventFilter(watched, event)

    def commit(self) -> None:
        if self._done:
            return
        text = self.box.toPlainText()
        self.close_editor()
        self._commit(text)

    def close_editor(self) -> None:
        if self._done:
            return
        self._done = True
        self._finished()

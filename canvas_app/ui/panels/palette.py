"""The palette: the node kinds and the note, dragged onto the canvas (or double-clicked /
Enter to add one at the centre of the view)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QDrag, QKeyEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from canvas_app.ui.canvas.constants import NODE_MIME
from canvas_app.ui.style import icons
from canvas_app.ui.style.theme import current_theme

KINDS = [
    ("sequence", "Sequence", "A series of emails, each sent after a wait.\n"
                             "Drag it onto the canvas."),
    ("goal", "Email Link Clicked", "A goal achieved when a contact clicks a chosen link.\n"
                                   "Drag it to the right of a sequence."),
    ("note", "Note", "A note on the canvas for you or your class: never part of the "
                     "automation.\nDrag it anywhere; *word* shows in bold."),
]


class Palette(QListWidget):
    addRequested = Signal(str)  # kind, to add at the centre of the view

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("palette")
        self.setAccessibleName("Add to canvas")
        self.setAccessibleDescription("Return adds the chosen kind of node to the canvas")
        self.setIconSize(QSize(40, 40))
        self.setSpacing(4)
        self.setDragEnabled(True)
        self.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        theme = current_theme()
        for kind, label, tip in KINDS:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, kind)
            item.setToolTip(tip)
            item.setStatusTip(tip.replace("\n", " "))
            item.setIcon(icons.goal_badge_icon(64, theme.goal) if kind == "goal"
                         else icons.icon(kind))
            item.setSizeHint(QSize(150, 56))
            self.addItem(item)
        self.itemDoubleClicked.connect(lambda item: self.addRequested.emit(self._kind(item)))
        self.setMinimumWidth(190)

    @staticmethod
    def _kind(item: QListWidgetItem) -> str:
        return str(item.data(Qt.ItemDataRole.UserRole))

    def mime_for(self, kind: str) -> QMimeData:
        data = QMimeData()
        data.setData(NODE_MIME, kind.encode())
        return data

    def startDrag(self, actions: Qt.DropAction) -> None:
        item = self.currentItem()
        if item is None:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mime_for(self._kind(item)))
        drag.setPixmap(item.icon().pixmap(48, 48))
        drag.exec(Qt.DropAction.CopyAction)
        self.clearSelection()  # the kind was dropped (or not): nothing stays chosen here

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.addRequested.emit(self._kind(self.currentItem()))
            return
        super().keyPressEvent(event)

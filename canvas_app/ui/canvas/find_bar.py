"""Find on the canvas (Ctrl+F): type to pick out the nodes whose name, or whose emails'
subjects, hold the words, and the notes whose text holds them; the others fade. Enter centres
and selects the next match (Shift+Enter the one before); Esc closes the bar and shows every
node again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from canvas_app.domain.model import Campaign, Position, Sequence
from canvas_app.domain.words import count
from canvas_app.ui.canvas.scene import CanvasScene

FADED = 0.25


def matches(campaign: Campaign, words: str) -> list[str]:
    """Ids of the nodes whose name or emails' subjects hold every word, and of the notes whose
    text does, in reading order (top to bottom, then left to right)."""
    wanted = words.lower().split()
    if not wanted:
        return []
    found: list[tuple[Position, str]] = []
    for node in campaign.nodes:
        text = node.name.lower()
        if isinstance(node, Sequence):
            text += " " + " ".join(e.subject.lower() for e in node.emails)
        if all(word in text for word in wanted):
            found.append((node.position or (0.0, 0.0), node.id))
    found += [(note.position, note.id) for note in campaign.notes
              if all(word in note.text.lower() for word in wanted)]
    found.sort(key=lambda spot: (spot[0][1], spot[0][0]))
    return [item_id for _, item_id in found]


class _Field(QLineEdit):
    def __init__(self, bar: FindBar) -> None:
        super().__init__()
        self.bar = bar

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            back = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.bar.next_match(-1 if back else 1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.bar.close_bar()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    def __init__(self, scene: CanvasScene, reveal: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.scene = scene
        self.reveal = reveal
        self.found: list[str] = []
        self.at = -1
        self.field = _Field(self)
        self.field.setObjectName("findField")
        self.field.setPlaceholderText("Find a node by name or email subject, or a note")
        self.field.setAccessibleName("Find on the canvas")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self._search)
        self.result = QLabel()
        self.result.setObjectName("findResult")
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.result)
        layout.addWidget(close)
        self.hide()
        scene.document.campaignLoaded.connect(self.close_bar)

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self._search(self.field.text())

    def close_bar(self) -> None:
        self.hide()
        self.found, self.at = [], -1
        for item in self._items().values():
            item.setOpacity(1.0)

    def _items(self) -> dict[str, QGraphicsItem]:
        return {**self.scene.node_items, **self.scene.notes.items}

    def _search(self, text: str) -> None:
        campaign = self.scene.document.campaign
        self.found = matches(campaign, text) if campaign is not None else []
        self.at = -1
        chosen = set(self.found)
        for item_id, item in self._items().items():
            item.setOpacity(1.0 if not text.strip() or item_id in chosen else FADED)
        if not text.strip():
            self.result.setText("")
        else:
            self.result.setText(count(len(self.found), "match", "matches") if self.found
                                else "Nothing matches")

    def next_match(self, step: int = 1) -> str | None:
        if not self.found:
            return None
        self.at = (self.at + step) % len(self.found)
        node_id = self.found[self.at]
        self.reveal(node_id)
        self.result.setText(f"{self.at + 1} of {len(self.found)}")
        return node_id

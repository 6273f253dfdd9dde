"""The notes of the campaign on the canvas: one item per note, following the model's
notifications like the nodes do; writing on a note and resizing it become intents to the edit
controller (each one undo step)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QTimer

from canvas_app.domain import events as ev
from canvas_app.domain.model import Campaign
from canvas_app.ui.canvas.note_editor import InlineNoteEditor
from canvas_app.ui.canvas.note_item import NoteItem

if TYPE_CHECKING:
    from canvas_app.ui.canvas.scene import CanvasScene


class NoteLayer:
    def __init__(self, scene: CanvasScene) -> None:
        self.scene = scene
        self.items: dict[str, NoteItem] = {}
        self.editor: InlineNoteEditor | None = None
        scene.document.campaignLeaving.connect(self.finish_writing)

    # what a note item asks of its host
    @property
    def dragging(self) -> bool:
        return self.scene.dragging

    @property
    def snap(self) -> bool:
        return self.scene.snap

    def load(self, campaign: Campaign | None) -> None:
        self.close_editor()
        for item in self.items.values():
            self.scene.removeItem(item)
        self.items.clear()
        for note in campaign.notes if campaign is not None else []:
            self._add(note.id)

    def _add(self, note_id: str) -> None:
        campaign = self.scene.document.campaign
        assert campaign is not None
        item = NoteItem(campaign.note(note_id), self.scene.theme,
                        not self.scene.document.read_only, self)
        self.items[note_id] = item
        self.scene.addItem(item)

    def on_event(self, event: ev.Event) -> None:
        match event:
            case ev.NoteAdded(note=note):
                self._add(note.id)
            case ev.NoteRemoved(note=note):
                item = self.items.pop(note.id, None)
                if item is not None:
                    if self.editor is not None and self.editor.item is item:
                        self.close_editor()
                    self.scene.removeItem(item)
            case ev.NoteChanged(note=note):
                item = self.items.get(note.id)
                if item is not None:
                    item.show_note(note)

    def selected(self) -> list[NoteItem]:
        return [i for i in self.scene.selectedItems() if isinstance(i, NoteItem)]

    def rect(self) -> QRectF:
        bounds = QRectF()
        for item in self.items.values():
            bounds = bounds.united(item.sceneBoundingRect())
        return bounds

    def follow_model(self) -> None:
        for item in self.items.values():
            if not item.resizing and item.pos() != QPointF(*item.note.position):
                item.setPos(QPointF(*item.note.position))

    # -- writing and resizing ----------------------------------------------------------
    def edit_note(self, item: NoteItem) -> None:
        if self.scene.document.read_only:
            self.scene.hint.emit("This workspace is open read-only.")
            return
        self.close_editor()
        note_id = item.note.id
        self.editor = InlineNoteEditor(
            item, lambda text: self._write(note_id, text),
            lambda: QTimer.singleShot(0, self.close_editor))
        self.scene.addItem(self.editor)
        self.editor.start()

    def _write(self, note_id: str, text: str) -> None:
        self.scene.controller.change_note(note_id, text=text)

    def resize_note(self, note_id: str, size: tuple[float, float]) -> None:
        self.scene.controller.change_note(note_id, size=size)

    def finish_writing(self) -> None:
        """Keeps what is being written on a note (another campaign opens, the window closes)."""
        if self.editor is not None:
            self.editor.commit()
        self.close_editor()

    def close_editor(self) -> None:
        editor, self.editor = self.editor, None
        if editor is not None and editor.scene() is self.scene:
            self.scene.removeItem(editor)
            editor.deleteLater()

"""Undo commands for notes on the canvas; like every command, each redo and each undo is one
call into the campaign model, and only the edit controller pushes them."""

from __future__ import annotations

import copy

from canvas_app.domain.model import Campaign
from canvas_app.domain.notes import Note
from canvas_app.ui.editor.commands import Step


class AddNoteCommand(Step):
    def __init__(self, campaign: Campaign, note: Note, text: str = "Add a note") -> None:
        super().__init__(text)
        self.campaign = campaign
        self.note = copy.deepcopy(note)
        self.index: int | None = None

    def forward(self) -> None:
        self.campaign.add_note(self.note, self.index)

    def backward(self) -> None:
        _, self.index = self.campaign.remove_note(self.note.id)


class RemoveNoteCommand(Step):
    def __init__(self, campaign: Campaign, note_id: str) -> None:
        super().__init__("Delete a note")
        self.campaign = campaign
        self.note_id = note_id
        self.note: Note | None = None
        self.index = 0

    def forward(self) -> None:
        self.note, self.index = self.campaign.remove_note(self.note_id)

    def backward(self) -> None:
        assert self.note is not None
        self.campaign.add_note(self.note, self.index)


class ChangeNoteCommand(Step):
    """A note's new text, colour or size (its place changes with the nodes' moves)."""

    def __init__(self, campaign: Campaign, changed: Note, text: str) -> None:
        super().__init__(text)
        self.campaign = campaign
        self.old = copy.deepcopy(campaign.note(changed.id))
        self.new = copy.deepcopy(changed)

    def forward(self) -> None:
        self.campaign.update_note(self.new)

    def backward(self) -> None:
        self.campaign.update_note(self.old)

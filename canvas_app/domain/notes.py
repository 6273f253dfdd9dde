"""Notes on the canvas: a trainer's annotation, an owner's reminder. A note is never part of
the automation: it is not validated, not published and not simulated. Its text is plain, with
``*word*`` for emphasis."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from enum import StrEnum

from canvas_app.domain import events as ev
from canvas_app.domain.errors import UserError

Size = tuple[float, float]

#: The smallest and largest side of a note (the file format's schema says the same).
MIN_SIDE = 40.0
MAX_SIDE = 4000.0
DEFAULT_SIZE: Size = (220.0, 130.0)
MAX_TEXT = 20_000
#: Notes annotate a campaign; past this many they would bury it (and slow the canvas down).
MAX_NOTES = 200

_EMPHASIS = re.compile(r"\*([^*\n]+)\*")


class NoteColor(StrEnum):
    YELLOW = "yellow"
    BLUE = "blue"
    GREEN = "green"
    PINK = "pink"
    GREY = "grey"


@dataclass
class Note:
    id: str
    text: str
    color: NoteColor = NoteColor.YELLOW
    position: tuple[float, float] = (0.0, 0.0)
    size: Size = DEFAULT_SIZE
    kind = "note"


def clamp_size(size: Size) -> Size:
    return (max(MIN_SIDE, min(MAX_SIDE, size[0])), max(MIN_SIDE, min(MAX_SIDE, size[1])))


def emphasis_runs(text: str) -> list[tuple[str, bool]]:
    """The note's text in runs of (text, emphasised): ``*word*`` is emphasis; a lone ``*``
    stays as it is."""
    runs: list[tuple[str, bool]] = []
    at = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > at:
            runs.append((text[at:match.start()], False))
        runs.append((match.group(1), True))
        at = match.end()
    if at < len(text):
        runs.append((text[at:], False))
    return runs


class NoteError(UserError, ValueError):
    """A change to a note the rules do not allow; the message is meant for the user."""


class NotesMixin:
    """The notes of a campaign; mixed into the campaign model, whose ``_emit`` tells the
    observers (the store's writer, the canvas)."""

    notes: list[Note]

    def _emit(self, event: ev.Event) -> None:
        raise NotImplementedError

    def has_item(self, item_id: str) -> bool:
        raise NotImplementedError

    def find_note(self, note_id: str) -> Note | None:
        return next((n for n in self.notes if n.id == note_id), None)

    def note(self, note_id: str) -> Note:
        found = self.find_note(note_id)
        if found is None:
            raise NoteError(f"there is no note '{note_id}' in this campaign")
        return found

    def add_note(self, note: Note, index: int | None = None) -> None:
        if self.has_item(note.id):
            raise NoteError(f"the id '{note.id}' is already used in this campaign")
        if len(note.text) > MAX_TEXT:
            raise NoteError(f"a note holds at most {MAX_TEXT:,} characters")
        if len(self.notes) >= MAX_NOTES:
            raise NoteError(f"a campaign holds at most {MAX_NOTES} notes")
        added = copy.deepcopy(note)
        added.size = clamp_size(added.size)
        place = len(self.notes) if index is None else max(0, min(index, len(self.notes)))
        self.notes.insert(place, added)
        self._emit(ev.NoteAdded(added, place))

    def remove_note(self, note_id: str) -> tuple[Note, int]:
        note = self.note(note_id)
        index = self.notes.index(note)
        del self.notes[index]
        self._emit(ev.NoteRemoved(note, index))
        return note, index

    def update_note(self, changed: Note) -> None:
        """Replaces a note's text, colour, place or size with ``changed`` (same id)."""
        note = self.note(changed.id)
        if len(changed.text) > MAX_TEXT:
            raise NoteError(f"a note holds at most {MAX_TEXT:,} characters")
        value = copy.deepcopy(changed)
        value.size = clamp_size(value.size)
        if value == note:
            return
        self.notes[self.notes.index(note)] = value
        self._emit(ev.NoteChanged(copy.deepcopy(value)))

    def move_note(self, note_id: str, position: tuple[float, float]) -> None:
        note = self.note(note_id)
        if note.position != position:
            moved = copy.deepcopy(note)
            moved.position = position
            self.update_note(moved)

"""Change notifications the campaign model emits, in the order the changes happen.

Observers (the store's writer, then the editor's scene) are called in subscription order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from canvas_app.domain.model import Edge, Node
    from canvas_app.domain.notes import Note


@dataclass(frozen=True)
class NodeAdded:
    node: Node
    index: int


@dataclass(frozen=True)
class NodeRemoved:
    node: Node
    index: int


@dataclass(frozen=True)
class NodeMoved:
    node_id: str
    position: tuple[float, float] | None


@dataclass(frozen=True)
class NodeRenamed:
    node_id: str
    name: str


@dataclass(frozen=True)
class EdgeAdded:
    edge: Edge
    index: int


@dataclass(frozen=True)
class EdgeRemoved:
    edge: Edge
    index: int


@dataclass(frozen=True)
class GoalLinksChanged:
    goal_id: str
    links: tuple[str, ...]


@dataclass(frozen=True)
class SequenceEmailsChanged:
    sequence_id: str


@dataclass(frozen=True)
class CampaignChanged:
    """The campaign's own name or settings changed."""

    name: str


@dataclass(frozen=True)
class NoteAdded:
    note: Note
    index: int


@dataclass(frozen=True)
class NoteRemoved:
    note: Note
    index: int


@dataclass(frozen=True)
class NoteChanged:
    """A note's text, colour, place or size changed; ``note`` is its new value."""

    note: Note


Event = (
    NodeAdded
    | NodeRemoved
    | NodeMoved
    | NodeRenamed
    | EdgeAdded
    | EdgeRemoved
    | GoalLinksChanged
    | SequenceEmailsChanged
    | CampaignChanged
    | NoteAdded
    | NoteRemoved
    | NoteChanged
)
Observer = Callable[[Event], None]

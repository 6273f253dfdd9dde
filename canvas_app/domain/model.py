"""The campaign graph: sequences of emails, Email Link Clicked goals and the edges between them.

The model holds the truth. Every change goes through a method here, which checks the rules,
applies the change and then notifies observers in subscription order.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from enum import StrEnum

from canvas_app.domain import events as ev
from canvas_app.domain.errors import UserError
from canvas_app.domain.links import LinkKind, can_qualify, effective_kind
from canvas_app.domain.notes import Note, NotesMixin

Position = tuple[float, float]


class DomainError(UserError, ValueError):
    """A change the product rules do not allow; the message is meant for the user."""


class BotPolicy(StrEnum):
    IGNORE_BOTS = "ignore_bots"
    COUNT_ALL = "count_all"


@dataclass
class Settings:
    bot_policy: BotPolicy = BotPolicy.IGNORE_BOTS
    #: The settings a file or the user set explicitly (the others take their defaults);
    #: export writes exactly these, so a file round-trips unchanged.
    explicit: frozenset[str] = frozenset()


@dataclass
class Link:
    id: str
    kind: LinkKind
    text: str
    target: str

    @property
    def effective_kind(self) -> LinkKind:
        return effective_kind(self.kind, self.target)

    @property
    def can_qualify(self) -> bool:
        return can_qualify(self.effective_kind)


@dataclass
class Email:
    id: str
    delay_minutes: int
    subject: str
    body_html: str
    links: list[Link] = field(default_factory=list)


@dataclass
class Sequence:
    id: str
    name: str
    position: Position | None = None
    emails: list[Email] = field(default_factory=list)
    kind = "sequence"


GOAL_TYPE_LINK_CLICKED = "email_link_clicked"


@dataclass
class Goal:
    id: str
    name: str
    position: Position | None = None
    links: list[str] = field(default_factory=list)
    goal_type: str = GOAL_TYPE_LINK_CLICKED
    kind = "goal"


Node = Sequence | Goal


@dataclass(frozen=True)
class Edge:
    source: str
    target: str


class Campaign(NotesMixin):
    """One campaign draft. Mutate it only through its methods so observers hear of it.
    Its notes (see ``NotesMixin``) are not part of the automation."""

    def __init__(
        self,
        id: str,
        name: str,
        settings: Settings | None = None,
        sequences: list[Sequence] | None = None,
        goals: list[Goal] | None = None,
        edges: list[Edge] | None = None,
        notes: list[Note] | None = None,
    ) -> None:
        self.id = id
        self.name = name
        self.settings = settings or Settings()
        self.sequences: list[Sequence] = list(sequences or [])
        self.goals: list[Goal] = list(goals or [])
        self.edges: list[Edge] = list(edges or [])
        self.notes: list[Note] = list(notes or [])
        self._observers: list[ev.Observer] = []
        self._adjacency: tuple[dict[str, list[str]], dict[str, list[str]],
                               dict[str, tuple[int, Node]]] | None = None

    # -- observation -------------------------------------------------------------------
    def subscribe(self, observer: ev.Observer) -> None:
        self._observers.append(observer)

    def unsubscribe(self, observer: ev.Observer) -> None:
        self._observers.remove(observer)

    def _emit(self, event: ev.Event) -> None:
        self._adjacency = None  # every change comes through here: the index is rebuilt lazily
        for observer in list(self._observers):
            observer(event)

    # -- queries -----------------------------------------------------------------------
    @property
    def nodes(self) -> list[Node]:
        return [*self.sequences, *self.goals]

    def node(self, node_id: str) -> Node:
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise DomainError(f"there is no node '{node_id}' in campaign '{self.name}'")

    def find_node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == node_id), None)

    def has_item(self, item_id: str) -> bool:
        """Whether a node or a note already has this id (they share one namespace, as the
        canvas selects them together)."""
        return self.find_node(item_id) is not None or self.find_note(item_id) is not None

    def place_of(self, item_id: str) -> Position:
        """Where a node or a note is; (0, 0) only guards a corrupt campaign."""
        note = self.find_note(item_id)
        return note.position if note is not None else self.node(item_id).position or (0.0, 0.0)

    def sequence(self, node_id: str) -> Sequence:
        node = self.node(node_id)
        if not isinstance(node, Sequence):
            raise DomainError(f"'{node.name}' is a goal, not a sequence")
        return node

    def goal(self, node_id: str) -> Goal:
        node = self.node(node_id)
        if not isinstance(node, Goal):
            raise DomainError(f"'{node.name}' is a sequence, not a goal")
        return node

    def _index(self) -> tuple[dict[str, list[str]], dict[str, list[str]],
                              dict[str, tuple[int, Node]]]:
        """(sources of each node, targets of each node, each node with its place among those
        of its kind), rebuilt lazily after any change."""
        if self._adjacency is None:
            incoming: dict[str, list[str]] = {}
            outgoing: dict[str, list[str]] = {}
            for edge in self.edges:
                incoming.setdefault(edge.target, []).append(edge.source)
                outgoing.setdefault(edge.source, []).append(edge.target)
            places: dict[str, tuple[int, Node]] = {}
            for i, sequence in enumerate(self.sequences):
                places[sequence.id] = (i, sequence)
            for i, goal in enumerate(self.goals):
                places[goal.id] = (i, goal)
            self._adjacency = (incoming, outgoing, places)
        return self._adjacency

    def _in_campaign_order(self, kind: type, ids: list[str]) -> list[Node]:
        places = self._index()[2]
        found = [places[i] for i in set(ids) if i in places and isinstance(places[i][1], kind)]
        return [node for _, node in sorted(found, key=lambda p: p[0])]

    def edges_of(self, node_id: str) -> list[Edge]:
        return [e for e in self.edges if node_id in (e.source, e.target)]

    def upstream_sequences(self, goal_id: str) -> list[Sequence]:
        """Sequences with an edge into the goal, in campaign order."""
        return self._in_campaign_order(Sequence, self._index()[0].get(goal_id, []))  # type: ignore[return-value]

    def downstream_sequences(self, goal_id: str) -> list[Sequence]:
        return self._in_campaign_order(Sequence, self._index()[1].get(goal_id, []))  # type: ignore[return-value]

    def goals_after(self, sequence_id: str) -> list[Goal]:
        return self._in_campaign_order(Goal, self._index()[1].get(sequence_id, []))  # type: ignore[return-value]

    def all_emails(self) -> list[tuple[Sequence, Email]]:
        return [(s, e) for s in self.sequences for e in s.emails]

    def find_email(self, email_id: str) -> Email | None:
        return next((e for _, e in self.all_emails() if e.id == email_id), None)

    def find_link(self, link_id: str) -> tuple[Sequence, Email, Link] | None:
        for seq, email in self.all_emails():
            for link in email.links:
                if link.id == link_id:
                    return seq, email, link
        return None

    def connection_problem(self, source_id: str, target_id: str) -> str | None:
        """Why an edge source -> target is not allowed, or None when it is."""
        source = self.find_node(source_id)
        target = self.find_node(target_id)
        if source is None or target is None:
            missing = source_id if source is None else target_id
            return f"there is no node '{missing}'"
        if source_id == target_id:
            return "a node cannot be connected to itself"
        if isinstance(source, Sequence) and isinstance(target, Sequence):
            return "a sequence can only lead to a goal, not straight to another sequence"
        if isinstance(source, Goal) and isinstance(target, Goal):
            return "a goal can only lead to a sequence, not to another goal"
        if Edge(source_id, target_id) in self.edges:
            return f"'{source.name}' is already connected to '{target.name}'"
        return None

    # -- changes -----------------------------------------------------------------------
    def add_node(self, node: Node, index: int | None = None) -> None:
        if self.has_item(node.id):
            raise DomainError(f"a node with id '{node.id}' already exists")
        if not node.name.strip():
            raise DomainError("a node needs a name")
        if isinstance(node, Sequence):
            self._check_new_content_ids(node)
        bucket: list[Node] = self.sequences if isinstance(node, Sequence) else self.goals  # type: ignore[assignment]
        position = len(bucket) if index is None else max(0, min(index, len(bucket)))
        bucket.insert(position, node)
        self._emit(ev.NodeAdded(node, position))

    def _check_new_content_ids(self, sequence: Sequence) -> None:
        emails = {e.id for _, e in self.all_emails()}
        links = {link.id for _, e in self.all_emails() for link in e.links}
        for email in sequence.emails:
            if email.id in emails:
                raise DomainError(f"an email with id '{email.id}' already exists")
            for link in email.links:
                if link.id in links:
                    raise DomainError(f"a link with id '{link.id}' already exists")

    def remove_node(self, node_id: str) -> tuple[Node, int]:
        """Removes the node, first removing its edges. Returns the node and its index."""
        node = self.node(node_id)
        for edge in self.edges_of(node_id):
            self.disconnect(edge.source, edge.target)
        bucket: list[Node] = self.sequences if isinstance(node, Sequence) else self.goals  # type: ignore[assignment]
        index = bucket.index(node)
        del bucket[index]
        self._emit(ev.NodeRemoved(node, index))
        return node, index

    def move_node(self, node_id: str, position: Position | None) -> None:
        node = self.node(node_id)
        if node.position == position:
            return
        node.position = position
        self._emit(ev.NodeMoved(node_id, position))

    def move_nodes(self, positions: dict[str, Position]) -> None:
        """Moves several nodes and notes (one user action); each one that moved is notified."""
        for item_id, position in positions.items():
            if self.find_note(item_id) is not None:
                self.move_note(item_id, position)
            else:
                self.move_node(item_id, position)

    def rename_node(self, node_id: str, name: str) -> None:
        node = self.node(node_id)
        clean = name.strip()
        if not clean:
            raise DomainError("a name cannot be empty")
        if node.name == clean:
            return
        node.name = clean
        self._emit(ev.NodeRenamed(node_id, clean))

    def connect(self, source_id: str, target_id: str, index: int | None = None) -> Edge:
        problem = self.connection_problem(source_id, target_id)
        if problem is not None:
            raise DomainError(problem)
        edge = Edge(source_id, target_id)
        position = len(self.edges) if index is None else max(0, min(index, len(self.edges)))
        self.edges.insert(position, edge)
        self._emit(ev.EdgeAdded(edge, position))
        return edge

    def disconnect(self, source_id: str, target_id: str) -> int:
        edge = Edge(source_id, target_id)
        if edge not in self.edges:
            raise DomainError(f"'{source_id}' is not connected to '{target_id}'")
        index = self.edges.index(edge)
        del self.edges[index]
        self._emit(ev.EdgeRemoved(edge, index))
        return index

    def set_goal_links(self, goal_id: str, link_ids: list[str]) -> None:
        goal = self.goal(goal_id)
        unique = list(dict.fromkeys(link_ids))
        if goal.links == unique:
            return
        goal.links = unique
        self._emit(ev.GoalLinksChanged(goal_id, tuple(unique)))

    def set_sequence_emails(self, sequence_id: str, emails: list[Email]) -> None:
        sequence = self.sequence(sequence_id)
        others = [s for s in self.sequences if s is not sequence]
        taken_emails = {e.id for s in others for e in s.emails}
        taken_links = {link.id for s in others for e in s.emails for link in e.links}
        seen: set[str] = set()
        for email in emails:
            if email.id in taken_emails or email.id in seen:
                raise DomainError(f"an email with id '{email.id}' already exists")
            seen.add(email.id)
            for link in email.links:
                if link.id in taken_links or link.id in seen:
                    raise DomainError(f"a link with id '{link.id}' already exists")
                seen.add(link.id)
        sequence.emails = copy.deepcopy(emails)
        self._emit(ev.SequenceEmailsChanged(sequence_id))

    def rename(self, name: str) -> None:
        clean = name.strip()
        if not clean:
            raise DomainError("a campaign name cannot be empty")
        self.name = clean
        self._emit(ev.CampaignChanged(clean))

    def set_bot_policy(self, policy: BotPolicy) -> None:
        if self.settings.bot_policy == policy:
            return
        self.settings.bot_policy = policy
        self.settings.explicit = self.settings.explicit | {"bot_policy"}
        self._emit(ev.CampaignChanged(self.name))

    def set_settings(self, settings: Settings) -> None:
        """Replaces the settings, which of them are explicit included (undo of a setting)."""
        if self.settings == settings:
            return
        self.settings = copy.deepcopy(settings)
        self._emit(ev.CampaignChanged(self.name))

    # -- values ------------------------------------------------------------------------
    def copy(self) -> Campaign:
        """A deep copy without observers."""
        return Campaign(
            self.id,
            self.name,
            copy.deepcopy(self.settings),
            copy.deepcopy(self.sequences),
            copy.deepcopy(self.goals),
            list(self.edges),
            copy.deepcopy(self.notes),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Campaign):
            return NotImplemented
        return (
            self.id, self.name, self.settings, self.sequences, self.goals, self.edges, self.notes
        ) == (other.id, other.name, other.settings, other.sequences, other.goals, other.edges,
              other.notes)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Campaign({self.id!r}, {self.name!r}, {len(self.nodes)} nodes, {len(self.edges)} edges)"

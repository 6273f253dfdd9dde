"""The one edit controller: the ONLY place that pushes undo commands.

The scene, the interactions, the panels and the dialogs call its intents (add, move, connect,
rename, delete, duplicate, apply a dialog's result, set the bot policy). Each intent that
changes something becomes exactly one undo step — one command, or one ``beginMacro`` /
``endMacro`` macro — written by the store in one transaction. A refused or empty intent pushes
nothing and returns a false value.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence as Seq
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QObject, Signal

from canvas_app.domain.fragment import Placed, cut_out, place
from canvas_app.domain.ids import new_id
from canvas_app.domain.model import (
    BotPolicy,
    Campaign,
    Edge,
    Email,
    Goal,
    Node,
    Position,
    Sequence,
)
from canvas_app.domain.notes import DEFAULT_SIZE, MAX_NOTES, Note, NoteColor
from canvas_app.domain.words import count, unused
from canvas_app.engine.campaign_admin import clean_name
from canvas_app.engine.errors import Refused
from canvas_app.store.errors import WorkspaceError
from canvas_app.ui.editor.commands import (
    AddNodeCommand,
    ConnectCommand,
    DisconnectCommand,
    MoveNodesCommand,
    RemoveNodeCommand,
    RenameCampaignCommand,
    RenameNodeCommand,
    SetGoalLinksCommand,
    SetSequenceEmailsCommand,
    SetSettingsCommand,
    Step,
)
from canvas_app.ui.editor.document import EditorDocument
from canvas_app.ui.editor.note_commands import AddNoteCommand, ChangeNoteCommand, RemoveNoteCommand
from canvas_app.ui.editor.restore import restore_steps

DEFAULT_NAMES = {"sequence": "New sequence", "goal": "Email link clicked"}  # as in the palette
DUPLICATE_OFFSET = 48.0  # two grid cells right and down

Build = Callable[[], Step]


class EditController(QObject):
    refused = Signal(str)  # a sentence saying why an intent changed nothing

    def __init__(self, document: EditorDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        #: asked before every push: True when the draft changed elsewhere (then nothing is
        #: pushed: the window reloads or asks the user first)
        self.guard: Callable[[], bool] | None = None

    @property
    def campaign(self) -> Campaign | None:
        """The campaign, when it may be edited."""
        doc = self.document
        if doc.campaign is None or doc.read_only or doc.undo_stack is None:
            return None
        return doc.campaign

    def _push(self, text: str, steps: Seq[Build]) -> bool:
        """One undo step: a single command, or a macro of several; nothing when empty. Each
        command is built just before it runs, so it sees what the earlier ones changed."""
        stack = self.document.undo_stack
        if not steps or stack is None:
            return False
        if self.guard is not None and self.guard():
            self.refused.emit("This campaign was changed outside this window: choose Reload or "
                              "Keep mine above the canvas first.")
            return False
        try:
            with self.document.batch():
                if len(steps) == 1:
                    stack.push(self._held(steps[0]()))
                else:
                    stack.beginMacro(text)
                    try:
                        for build in steps:
                            stack.push(self._held(build()))
                    finally:
                        stack.endMacro()
        except WorkspaceError as exc:  # not stored: show what is stored, never a split truth
            self.document.save_failed(exc)
            return False
        return True

    def _held(self, step: Step) -> Step:
        step.hold = self.document.hold
        return step

    # -- nodes -------------------------------------------------------------------------
    def unique_name(self, base: str) -> str:
        return unused(base, {n.name for n in self.campaign.nodes} if self.campaign else set())

    def add_node(self, kind: str, position: Position) -> str | None:
        campaign = self.campaign
        if campaign is None:
            return None
        name = self.unique_name(DEFAULT_NAMES[kind])
        node: Node = Sequence(new_id(), name, position) if kind == "sequence" \
            else Goal(new_id(), name, position)
        self._push("", [lambda: AddNodeCommand(campaign, node)])
        return node.id

    def move_nodes(self, positions: dict[str, Position], nudge: bool = False) -> bool:
        """Records where a drag (or a nudge) put these nodes and notes; unchanged ones are
        left out."""
        campaign = self.campaign
        if campaign is None:
            return False
        moved = _moved(campaign, positions)
        return self._push("", [lambda: MoveNodesCommand(campaign, moved, nudge)] if moved else [])

    def arrange(self, positions: dict[str, Position], text: str) -> bool:
        """Align, distribute or tidy up: new places for some nodes, one step named ``text``."""
        campaign = self.campaign
        if campaign is None:
            return False
        if self.document.read_only:
            self.refused.emit("This workspace is open read-only, so nothing can be moved.")
            return False
        moved = _moved(campaign, positions)
        return self._push(text, [lambda: MoveNodesCommand(campaign, moved, text=text)]
                          if moved else [])

    def nudge(self, node_ids: list[str], dx: float, dy: float) -> bool:
        campaign = self.campaign
        if campaign is None:
            return False
        moves: dict[str, Position] = {}
        for item_id in node_ids:
            if campaign.has_item(item_id):
                x, y = campaign.place_of(item_id)
                moves[item_id] = (x + dx, y + dy)
        return self.move_nodes(moves, nudge=True)

    def rename(self, node_id: str, name: str) -> str | None:
        """None when renamed (or unchanged); otherwise why not."""
        campaign = self.campaign
        if campaign is None or campaign.find_node(node_id) is None:
            return None
        if not name.strip():
            return "a name cannot be empty"
        if name.strip() == campaign.node(node_id).name:
            return None
        self._push("", [lambda: RenameNodeCommand(campaign, node_id, name)])
        return None

    def delete(self, node_ids: list[str], edges: list[Edge],
               note_ids: Seq[str] = ()) -> bool:
        """Deletes nodes (with their edges), edges and notes, as one undo step."""
        campaign = self.campaign
        if campaign is None:
            return False
        nodes = [n for n in node_ids if campaign.find_node(n) is not None]
        notes = [n for n in note_ids if campaign.find_note(n) is not None]
        gone = set(nodes)
        cut = [e for e in edges if e in campaign.edges and not {e.source, e.target} & gone]
        cut += [e for e in campaign.edges if {e.source, e.target} & gone]
        if not nodes and not cut and not notes:
            return False
        what = f"{len(nodes) + len(cut) + len(notes)} items"
        if len(nodes) == 1 and not notes and len(cut) == len(campaign.edges_of(nodes[0])):
            what = f"'{campaign.node(nodes[0]).name}'"
        elif len(notes) == 1 and not nodes and not cut:
            what = "a note"
        steps: list[Build] = [partial(DisconnectCommand, campaign, e.source, e.target)
                              for e in cut]
        steps += [partial(RemoveNodeCommand, campaign, n) for n in nodes]
        steps += [partial(RemoveNoteCommand, campaign, n) for n in notes]
        return self._push(f"Delete {what}", steps)

    # -- notes -------------------------------------------------------------------------
    def add_note(self, position: Position, text: str = "",
                 color: NoteColor = NoteColor.YELLOW) -> str | None:
        """A new note (never part of the automation) with its top-left at ``position``."""
        campaign = self.campaign
        if campaign is None or self._too_many_notes(campaign, 1):
            return None
        note = Note(new_id(), text, color, position, DEFAULT_SIZE)
        return note.id if self._push("", [lambda: AddNoteCommand(campaign, note)]) else None

    def _too_many_notes(self, campaign: Campaign, more: int) -> bool:
        """Refuses (saying why) what would take the campaign past its notes' limit."""
        if more and len(campaign.notes) + more > MAX_NOTES:
            self.refused.emit(f"A campaign holds at most {MAX_NOTES} notes; it has "
                              f"{len(campaign.notes)}. Delete some first.")
            return True
        return False

    def change_note(self, note_id: str, *, text: str | None = None,
                    color: NoteColor | None = None,
                    size: tuple[float, float] | None = None) -> bool:
        """A note's new text, colour or size, one undo step named for what changed."""
        campaign = self.campaign
        if campaign is None or campaign.find_note(note_id) is None:
            return False
        old = campaign.note(note_id)
        new = replace(old, text=old.text if text is None else text,
                      color=old.color if color is None else color,
                      size=old.size if size is None else size)
        if new == old:
            return False
        what = "Edit the note's text" if new.text != old.text else \
            f"Make the note {new.color.value}" if new.color != old.color else "Resize the note"
        return self._push("", [lambda: ChangeNoteCommand(campaign, new, what)])

    def duplicate(self, node_ids: list[str]) -> list[str]:
        """Copies of these nodes and notes (and the edges among the nodes), offset; their new
        ids."""
        campaign = self.campaign
        if campaign is None:
            return []
        piece = cut_out(campaign, node_ids)
        if not piece.nodes and not piece.notes:
            return []
        placed = place(piece, campaign, (DUPLICATE_OFFSET, DUPLICATE_OFFSET),
                       always_copy_names=True)
        if self._too_many_notes(campaign, len(placed.notes)):
            return []
        self._push(f"Duplicate {_items(placed)}", self._adding(placed))
        return [n.id for n in placed.nodes] + [n.id for n in placed.notes]

    def paste(self, piece: Campaign, offset: Position) -> Placed | None:
        """A copied piece (from this campaign, another, or another window) added as one undo
        step, every id new; None when there is nothing to paste into."""
        campaign = self.campaign
        if campaign is None or not (piece.nodes or piece.notes):
            return None
        if self.document.read_only:
            self.refused.emit("This workspace is open read-only, so nothing can be pasted.")
            return None
        placed = place(piece, campaign, offset)
        if self._too_many_notes(campaign, len(placed.notes)):
            return None
        if not self._push(f"Paste {_items(placed)}", self._adding(placed)):
            return None
        return placed

    def _adding(self, placed: Placed) -> list[Build]:
        campaign = self.campaign
        assert campaign is not None
        steps: list[Build] = [partial(AddNodeCommand, campaign, n) for n in placed.nodes]
        steps += [partial(ConnectCommand, campaign, e.source, e.target) for e in placed.edges]
        steps += [partial(AddNoteCommand, campaign, n) for n in placed.notes]
        return steps

    def restore(self, version: Campaign, number: int) -> bool:
        """A published version back in the draft, as one undo step; False if nothing changed
        (or the workspace is read-only)."""
        campaign = self.campaign
        if campaign is None:
            return False
        if self.document.read_only:
            self.refused.emit("This workspace is open read-only, so nothing can be restored.")
            return False
        return self._push(f"Restore version {number}", restore_steps(campaign, version))

    # -- edges -------------------------------------------------------------------------
    def connect_nodes(self, source: str, target: str) -> str | None:
        """None when connected; otherwise the reason it is not allowed (nothing pushed)."""
        campaign = self.campaign
        if campaign is None:
            return "this campaign cannot be edited here"
        problem = campaign.connection_problem(source, target)
        if problem is not None:
            self.refused.emit(f"Not connected: {problem}.")
            return problem
        self._push("", [lambda: ConnectCommand(campaign, source, target)])
        return None

    # -- dialogs and settings ----------------------------------------------------------
    def apply_goal_setup(self, goal_id: str, name: str, links: list[str]) -> bool:
        """One undo step for everything the goal setup dialog changed; False if nothing."""
        campaign = self.campaign
        if campaign is None or campaign.find_node(goal_id) is None:
            return False
        goal = campaign.goal(goal_id)
        steps: list[Build] = []
        if name.strip() and name.strip() != goal.name:
            steps.append(lambda: RenameNodeCommand(campaign, goal_id, name))
        if list(dict.fromkeys(links)) != goal.links:
            steps.append(lambda: SetGoalLinksCommand(campaign, goal_id, links))
        return self._push(f"Set up goal '{name.strip() or goal.name}'", steps)

    def apply_sequence_emails(self, sequence_id: str, emails: list[Email]) -> bool:
        """One undo step for the emails the sequence editor applied; False if unchanged."""
        campaign = self.campaign
        if campaign is None or campaign.find_node(sequence_id) is None:
            return False
        sequence = campaign.sequence(sequence_id)
        if emails == sequence.emails:
            return False
        text = f"Edit the emails of '{sequence.name}'"
        return self._push(text, [lambda: SetSequenceEmailsCommand(
            campaign, sequence_id, emails, text)])

    def set_bot_policy(self, policy: BotPolicy) -> bool:
        campaign = self.campaign
        if campaign is None or campaign.settings.bot_policy is policy:
            return False
        settings = replace(campaign.settings, bot_policy=policy,
                           explicit=campaign.settings.explicit | {"bot_policy"})
        text = "Count bot clicks too" if policy is BotPolicy.COUNT_ALL else "Ignore bot clicks"
        return self._push("", [lambda: SetSettingsCommand(campaign, settings, text)])

    # -- the campaign itself -----------------------------------------------------------
    def rename_campaign(self, name: str) -> str | None:
        """None when renamed (or unchanged); otherwise why not, in words."""
        campaign = self.campaign
        if campaign is None:
            return "open a campaign first"
        try:
            clean = clean_name(name)
        except Refused as exc:
            return str(exc)
        if clean != campaign.name:
            self._push("", [lambda: RenameCampaignCommand(campaign, clean)])
        return None



def _moved(campaign: Campaign, positions: dict[str, Position]) -> dict[str, Position]:
    """The nodes and notes whose place these positions change."""
    return {k: p for k, p in positions.items()
            if campaign.has_item(k) and campaign.place_of(k) != p}


def _items(placed: Placed) -> str:
    """'2 nodes', '1 note', '2 nodes and 1 note'."""
    parts = [count(len(placed.nodes), "node")] if placed.nodes else []
    if placed.notes:
        parts.append(count(len(placed.notes), "note"))
    return " and ".join(parts)

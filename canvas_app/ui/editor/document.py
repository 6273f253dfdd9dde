"""The editor's document: the open workspace, the campaign being edited (the model), an undo
stack per campaign, and what validation and the engine say about it.

Every model change is persisted by the store's writer: all the changes of one undo-stack push
(or one undo/redo) in one transaction. The document re-validates (debounced), tells the panels,
and watches the workspace for changes made outside this window (``outside.py``).
"""

from __future__ import annotations

import contextlib
from contextlib import nullcontext
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack

from canvas_app.domain import events as ev
from canvas_app.domain.ids import new_id
from canvas_app.domain.interchange import dumps, read_campaign_file
from canvas_app.domain.layout import place_unplaced
from canvas_app.domain.model import Campaign
from canvas_app.domain.validation import Problem, validate
from canvas_app.domain.words import free_number
from canvas_app.engine.file_guard import write_user_file
from canvas_app.engine.reports import Status, status
from canvas_app.store.campaigns import CampaignStore, CampaignSummary, DraftWriter
from canvas_app.store.errors import WorkspaceError
from canvas_app.store.workspace import Workspace


class EditorDocument(QObject):
    campaignLoaded = Signal()  # another campaign is shown (or the first one)
    #: the campaign shown is about to go (another one, or the window closes): text being
    #: typed on the canvas is kept now, while its campaign can still take it
    campaignLeaving = Signal()
    problemsChanged = Signal()
    statusChanged = Signal()
    campaignsChanged = Signal()  # the list of campaigns in the workspace
    saveFailed = Signal(str)  # an edit could not be stored; the view went back to the file

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.store = CampaignStore(workspace)
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[str, QUndoStack] = {}
        self.campaign: Campaign | None = None
        self._writer: DraftWriter | None = None
        self._implicit = False  # a batch opened by a change outside any push (an undo/redo)
        self.loaded_revision = 0  # the stored revision the shown draft was read at
        #: Who edits the shown campaign elsewhere (a server workspace), as a sentence; or "".
        self.held_by = ""
        self.problems: list[Problem] = []
        self._indexed: list[Problem] | None = None  # the list _by_node was made from
        self._by_node: dict[str | None, list[Problem]] = {}
        self.status: Status | None = None
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)

    @property
    def read_only(self) -> bool:
        return self.workspace.read_only or bool(self.held_by)

    def _take_campaign(self, campaign_id: str | None) -> None:
        """On a server workspace each campaign is edited by one editor at a time: this window
        takes the one it shows (letting go of the one it showed); one another editor has is
        shown read-only, ``held_by`` saying who has it."""
        self.held_by = self.workspace.edit_campaign(campaign_id)

    @property
    def undo_stack(self) -> QUndoStack | None:
        return self.undo_group.activeStack()

    def set_workspace(self, workspace: Workspace) -> None:
        """Continues in another workspace; the previous one is closed (and its lock freed)."""
        previous = self.workspace
        self.open_campaign(None)
        for stack in self._stacks.values():
            self.undo_group.removeStack(stack)
            stack.deleteLater()
        self._stacks.clear()
        self.workspace = workspace
        self.store = CampaignStore(workspace)
        if previous is not workspace:
            previous.close()
        self.campaignsChanged.emit()

    # -- campaigns ---------------------------------------------------------------------
    def campaigns(self) -> list[CampaignSummary]:
        return self.store.list()

    def open_campaign(self, campaign_id: str | None) -> None:
        if self.campaign is not None:
            self.campaignLeaving.emit()
            self._end_implicit()
            self.campaign.unsubscribe(self._on_model_event)
            self._writer_detach()
        self._take_campaign(campaign_id)
        if campaign_id is None:
            self.campaign = None
            self.undo_group.setActiveStack(None)  # type: ignore[arg-type]  # Qt takes nullptr; stubs do not
        else:
            self.loaded_revision = self.store.revision(campaign_id)
            self.campaign = self.store.load(campaign_id)
            if not self.read_only:
                self._writer = self.store.attach(self.campaign)
            with self.batch():  # the layout of unplaced nodes becomes the model's, stored
                place_unplaced(self.campaign)
            self.campaign.subscribe(self._on_model_event)
            stack = self._stacks.get(campaign_id)
            if stack is None:
                stack = self._stacks[campaign_id] = QUndoStack(self.undo_group)
                stack.indexChanged.connect(lambda _index: self._end_implicit())
            else:
                stack.clear()  # its commands refer to the previous model object
            self.undo_group.setActiveStack(stack)
        self.campaignLoaded.emit()
        self.refresh()

    @property
    def synced_revision(self) -> int:
        """The stored revision that matches what this window shows."""
        return self._writer.revision if self._writer is not None else self.loaded_revision

    def _writer_detach(self) -> None:
        if self._writer is not None and self.campaign is not None:
            self._writer.flush()
            self.campaign.unsubscribe(self._writer)
        self._writer = None

    def batch(self) -> contextlib.AbstractContextManager[None]:
        """Everything the model changes inside is stored in one transaction."""
        return self._writer.batch() if self._writer is not None else nullcontext()

    def hold(self) -> None:
        """Called by each command before its undo/redo: outside a batch (an undo or redo of
        the stack) it opens one, closed when the stack's index changes (at the latest when
        the event loop turns), so one undo/redo is one transaction."""
        if self._writer is not None and not self._writer.batching:
            self._writer.begin()
            self._implicit = True
            QTimer.singleShot(0, self._end_implicit)

    def _end_implicit(self) -> None:
        if self._implicit and self._writer is not None:
            self._implicit = False
            try:
                self._writer.end()
            except WorkspaceError as exc:  # an undo or redo that could not be stored
                self.save_failed(exc)

    def save_failed(self, error: WorkspaceError) -> None:
        """An edit was not stored (disk full, file gone read-only…): the window shows the stored
        draft again, so what is on screen is what is saved, and says why."""
        reason = str(error)
        self.reload()
        self.saveFailed.emit(f"That change could not be saved: {reason[:1].lower()}{reason[1:]}. "
                             "The campaign is shown as it is stored; nothing else was lost.")

    def forget_campaign(self, campaign_id: str) -> None:
        """A campaign deleted from the workspace: closed if shown, its undo history dropped."""
        if self.campaign is not None and self.campaign.id == campaign_id:
            self.open_campaign(None)
        stack = self._stacks.pop(campaign_id, None)
        if stack is not None:
            self.undo_group.removeStack(stack)
            stack.deleteLater()
        self.campaignsChanged.emit()

    def new_campaign(self, name: str = "Untitled campaign") -> str:
        campaign = Campaign(new_id(), name)
        self.store.add(campaign)
        self.campaignsChanged.emit()
        self.open_campaign(campaign.id)
        return campaign.id

    def import_campaign(self, path: Path) -> str:
        """Adds the file's campaign; an id already in the workspace gets a fresh one."""
        campaign = read_campaign_file(path)
        place_unplaced(campaign)  # the file's campaign is stored with the layout shown
        if self.store.exists(campaign.id):
            stem = campaign.id[:58]
            number = free_number({c.id for c in self.store.list()}, lambda n: f"{stem}-{n}")
            campaign.id = f"{stem}-{number}"
            campaign.name = f"{campaign.name} ({number})"
        self.store.add(campaign)
        self.campaignsChanged.emit()
        self.open_campaign(campaign.id)
        return campaign.id

    def export_campaign(self, path: Path) -> None:
        """Refused (in words) for the workspace itself; written whole or not at all."""
        assert self.campaign is not None
        write_user_file(path, dumps(self.campaign))

    def keep_draft(self) -> None:
        """Writes this window's draft over what another process stored, as a new revision."""
        if self.campaign is None or self._writer is None:
            return
        self._writer.flush()
        self.store.replace_draft(self.campaign.id, self.campaign)
        self._writer.adopt(self.store.revision(self.campaign.id))
        if self.undo_stack is not None:
            self.undo_stack.setClean()

    def reload(self) -> None:
        """Shows the stored draft again (this window's undo history goes)."""
        if self.campaign is not None:
            self.open_campaign(self.campaign.id)

    def _on_model_event(self, event: ev.Event) -> None:
        self._refresh_timer.start()

    def refresh(self) -> None:
        """Re-validates and re-reads the engine's status of the current campaign."""
        self._refresh_timer.stop()
        if self.campaign is None:
            self.problems, self.status = [], None
        else:
            self.problems = validate(self.campaign)
            self.status = status(self.workspace, self.campaign.id, self.campaign)
        self.problemsChanged.emit()
        self.statusChanged.emit()

    def refresh_status(self) -> None:
        """Re-reads the engine's status only: the simulation moved, the draft did not (its
        problems depend on the draft alone, so they are not looked for again)."""
        if self.campaign is None:
            return
        self.status = status(self.workspace, self.campaign.id, self.campaign)
        self.statusChanged.emit()

    def problems_for(self, node_id: str) -> list[Problem]:
        """The problems of one node (indexed once per validation: asked for every node)."""
        if self._indexed is not self.problems:
            self._by_node = {}
            for problem in self.problems:
                self._by_node.setdefault(problem.node, []).append(problem)
            self._indexed = self.problems
        return list(self._by_node.get(node_id, []))

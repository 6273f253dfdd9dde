"""The editor's document: the open workspace, the campaign being edited (the model), an undo
stack per campaign, and what validation and the engine say about it.

Every model change is persisted by the store's writer as it happens; the document only
re-validates (debounced) and tells the panels.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from canvas_app.domain import events as ev
from canvas_app.domain.ids import new_id
from canvas_app.domain.interchange import dumps, read_campaign_file
from canvas_app.domain.model import Campaign
from canvas_app.domain.validation import Problem, validate
from canvas_app.engine.reports import Status, status
from canvas_app.store.campaigns import CampaignStore, CampaignSummary
from canvas_app.store.workspace import Workspace


class EditorDocument(QObject):
    campaignLoaded = Signal()  # another campaign is shown (or the first one)
    problemsChanged = Signal()
    statusChanged = Signal()
    campaignsChanged = Signal()  # the list of campaigns in the workspace

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.store = CampaignStore(workspace)
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[str, QUndoStack] = {}
        self.campaign: Campaign | None = None
        self.problems: list[Problem] = []
        self.status: Status | None = None
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)

    @property
    def read_only(self) -> bool:
        return self.workspace.read_only

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
            self.campaign.unsubscribe(self._on_model_event)
            self._writer_detach()
        if campaign_id is None:
            self.campaign = None
            self.undo_group.setActiveStack(None)  # type: ignore[arg-type]
        else:
            self.campaign = self.store.load(campaign_id)
            if not self.read_only:
                self._writer = self.store.attach(self.campaign)
            self.campaign.subscribe(self._on_model_event)
            stack = self._stacks.get(campaign_id)
            if stack is None:
                stack = self._stacks[campaign_id] = QUndoStack(self.undo_group)
            else:
                stack.clear()  # its commands refer to the previous model object
            self.undo_group.setActiveStack(stack)
        self.campaignLoaded.emit()
        self.refresh()

    def _writer_detach(self) -> None:
        writer = getattr(self, "_writer", None)
        if writer is not None and self.campaign is not None:
            self.campaign.unsubscribe(writer)
        self._writer = None

    def new_campaign(self, name: str = "Untitled campaign") -> str:
        campaign = Campaign(new_id(), name)
        self.store.add(campaign)
        self.campaignsChanged.emit()
        self.open_campaign(campaign.id)
        return campaign.id

    def import_campaign(self, path: Path) -> str:
        """Adds the file's campaign; an id already in the workspace gets a fresh one."""
        campaign = read_campaign_file(path)
        if self.store.exists(campaign.id):
            taken = {c.id for c in self.store.list()}
            number = 2
            while f"{campaign.id[:58]}-{number}" in taken:
                number += 1
            campaign.id = f"{campaign.id[:58]}-{number}"
            campaign.name = f"{campaign.name} ({number})"
        self.store.add(campaign)
        self.campaignsChanged.emit()
        self.open_campaign(campaign.id)
        return campaign.id

    def export_campaign(self, path: Path) -> None:
        assert self.campaign is not None
        path.write_text(dumps(self.campaign), "utf-8")

    # -- editing -----------------------------------------------------------------------
    def push(self, command: QUndoCommand) -> None:
        stack = self.undo_stack
        if stack is None or self.read_only:
            return
        stack.push(command)

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

    def problems_for(self, node_id: str) -> list[Problem]:
        return [p for p in self.problems if p.node == node_id]

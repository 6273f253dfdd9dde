"""The inspector: the selection's name (editable), kind, summary and problems; with nothing
selected, the campaign's."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from canvas_app.domain.links import qualifying_kinds_text
from canvas_app.domain.model import Goal, Node, Sequence
from canvas_app.domain.words import count
from canvas_app.ui.style.theme import current_theme

if TYPE_CHECKING:
    from canvas_app.domain.model import Campaign
    from canvas_app.domain.validation import Problem


class Shown(Protocol):
    """What the Inspector reads: the editor's document, or the first paint's glimpse of it
    (shown before the document can load)."""

    problemsChanged: Any  # a Qt signal

    @property
    def campaign(self) -> Campaign | None: ...

    @property
    def read_only(self) -> bool: ...

    def problems_for(self, node_id: str) -> list[Problem]: ...


class Inspector(QWidget):
    renameRequested = Signal(str, str)  # node id, new name

    def __init__(self, document: Shown, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self.document = document
        self.node: Node | None = None
        self.selected = (0, 0)  # with no one node shown: how many nodes and notes are selected
        self.title = QLabel()
        self.title.setObjectName("inspectorTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.name = QLineEdit()
        self.name.setToolTip("The name shown below the node on the canvas")
        self.name.editingFinished.connect(self._rename)
        self.kind = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)  # (names escaped: as typed)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.RichText)
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Name", self.name)
        form.addRow("Kind", self.kind)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.form)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addStretch(1)
        document.problemsChanged.connect(self.refresh)
        self.show_node(None)

    def show_node(self, node: Node | None, others: int = 0, notes: int = 0) -> None:
        """One node's details; or, with none, how many nodes and notes are selected."""
        self.node = node
        self.selected = (others, notes)
        self.refresh()

    def _selection_words(self) -> str:
        nodes, notes = self.selected
        parts = [count(nodes, "node")] if nodes else []
        parts += [count(notes, "note")] if notes else []
        if not parts:
            return "Nothing selected"
        if parts == ["1 note"]:
            return "1 note selected: double-click it to write, right-click for its colour"
        return " and ".join(parts) + " selected"

    def focus_name(self) -> None:
        self.name.setFocus()
        self.name.selectAll()

    def refresh(self) -> None:
        node = self.node
        campaign = self.document.campaign
        if node is not None and (campaign is None or campaign.find_node(node.id) is not node):
            node = self.node = None
        editable = node is not None and not self.document.read_only
        self.name.setEnabled(editable)
        self.form.setVisible(node is not None)
        if node is None:
            self.title.setText(f"<b>{self._selection_words()}</b>")
            self.name.setText("")
            self.kind.setText("")
            if campaign is None:
                self.summary.setText("")
            else:
                self.summary.setText(
                    f"Campaign <b>{escape(campaign.name)}</b>: {count(len(campaign.sequences), 'sequence')}, "
                    f"{count(len(campaign.goals), 'goal')}.<br><br>Select a node to see its details, or "
                    "drag a Sequence or an Email Link Clicked goal from the palette.")
            self.problems.setText("")
            return
        self.title.setText(f"<b>{escape(node.name)}</b>")
        if not self.name.hasFocus():
            self.name.setText(node.name)
        if isinstance(node, Sequence):
            self.kind.setText("Sequence")
            n = len(node.emails)
            goals = campaign.goals_after(node.id) if campaign else []
            self.summary.setText(
                f"{count(n, 'email')}. "
                + (f"Leads to: {escape(', '.join(g.name for g in goals))}." if goals
                   else "No goal after it yet."))
        else:
            assert isinstance(node, Goal)
            self.kind.setText("Email Link Clicked goal")
            upstream = campaign.upstream_sequences(node.id) if campaign else []
            self.summary.setText(
                f"{count(len(node.links), 'link')} chosen. "
                + (f"A click on a chosen link stops: {escape(', '.join(s.name for s in upstream))}. "
                   if upstream else "No sequence is connected before it. ")
                + f"Only {qualifying_kinds_text()} links can satisfy it.")
        found = self.document.problems_for(node.id)
        theme = current_theme()  # (read now: the system may have gone dark since)
        error, warning = theme.error_text.name(), theme.warning_text.name()
        self.problems.setText("<br>".join(
            (f"<b style='color:{error}'>Error:</b> " if p.is_error
             else f"<b style='color:{warning}'>Warning:</b> ") + p.message for p in found)
            or "No problems.")

    def _rename(self) -> None:
        if self.node is not None and self.name.text().strip() \
                and self.name.text().strip() != self.node.name:
            self.renameRequested.emit(self.node.id, self.name.text())
        elif self.node is not None:
            self.name.setText(self.node.name)

"""The problems panel: validation errors and warnings; clicking one selects its node."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QWidget

from canvas_app.domain.model import Campaign
from canvas_app.domain.validation import Problem

if TYPE_CHECKING:  # the first paint lists problems before the editor's document loads
    from canvas_app.ui.editor.document import EditorDocument


class ProblemsPanel(QListWidget):
    nodeChosen = Signal(str)

    def __init__(self, document: EditorDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsPanel")
        self.setAccessibleName("Problems")
        self.setAccessibleDescription("Return shows the problem's node on the canvas")
        self.document = document
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.itemClicked.connect(self._chosen)
        self.itemActivated.connect(self._chosen)
        document.problemsChanged.connect(self.refresh)

    def refresh(self) -> None:
        fill_problems(self, self.document.problems, self.document.campaign)

    def counts(self) -> tuple[int, int]:
        errors = sum(1 for p in self.document.problems if p.is_error)
        return errors, len(self.document.problems) - errors

    def _chosen(self, item: QListWidgetItem) -> None:
        node_id = item.data(Qt.ItemDataRole.UserRole)
        if node_id:
            self.nodeChosen.emit(str(node_id))


def fill_problems(widget: QListWidget, problems: list[Problem], campaign: Campaign | None
                  ) -> None:
    """The problems listed (each row names its node for a click), or a line saying there are
    none (also used by the first paint, so both look the same)."""
    widget.clear()
    style = widget.style()
    error_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
    warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    for problem in problems:
        item = QListWidgetItem(error_icon if problem.is_error else warning_icon, problem.message)
        item.setData(Qt.ItemDataRole.UserRole, problem.node)
        item.setToolTip(f"{problem.severity.value}: {problem.code.value}"
                        + (" — click to show the node" if problem.node else ""))
        widget.addItem(item)
    if not problems and campaign is not None:
        if campaign.nodes:
            icon, text = QStyle.StandardPixmap.SP_DialogApplyButton, \
                "No problems: this campaign can be published."
        else:
            icon, text = QStyle.StandardPixmap.SP_MessageBoxInformation, \
                ("This campaign is empty: drag a Sequence and an Email Link Clicked goal "
                 "from the palette onto the canvas, then connect them.")
        ok = QListWidgetItem(style.standardIcon(icon), text)
        ok.setFlags(Qt.ItemFlag.ItemIsEnabled)
        widget.addItem(ok)

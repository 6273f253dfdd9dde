"""The simulation's dialogs: a contact's inbox, the report, and the Why? timeline (placed over
the side panels, so the path it highlights on the canvas stays in view)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget

from canvas_app.domain.words import count
from canvas_app.engine.simulation import member_addresses
from canvas_app.ui.canvas.view import CanvasView
from canvas_app.ui.editor.document import EditorDocument
from canvas_app.ui.simulation.panel import SimulationPanel
from canvas_app.ui.style.mnemonics import literal

if TYPE_CHECKING:  # each loads when first opened, not with the editor
    from canvas_app.ui.simulation.inbox import InboxDialog
    from canvas_app.ui.simulation.report_view import ReportView
    from canvas_app.ui.simulation.why_dialog import WhyDialog


class SimulationDialogs:
    def __init__(self, document: EditorDocument, simulation: SimulationPanel,
                 show_path: Callable[[set[str] | None], None], parent: QWidget,
                 view: CanvasView) -> None:
        self.document = document
        self.simulation = simulation
        self.show_path = show_path
        self.host = parent
        self.view = view

    def open_inbox(self, address: str) -> InboxDialog:
        from canvas_app.ui.simulation.inbox import InboxDialog

        live = self.simulation.live
        dialog = InboxDialog(self.document.workspace, address, live.port if live else None,
                             self.host)
        dialog.clicked.connect(self.simulation.changed.emit)
        dialog.clicked.connect(self.simulation.refresh)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def open_why(self, address: str) -> WhyDialog | None:
        campaign = self.document.campaign
        if campaign is None:
            return None
        from canvas_app.ui.simulation.why_dialog import WhyDialog, place_beside

        dialog = WhyDialog(self.document.workspace, address, campaign.id, self.show_path,
                           self.host)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.show()
        # Over the Simulation panel, not the canvas: the highlighted path must stay in view.
        dock = self.simulation.parentWidget()
        while dock is not None and not isinstance(dock, QDockWidget):  # (in a scroll area)
            dock = dock.parentWidget()
        place_beside(dialog, dock if isinstance(dock, QDockWidget) else self.simulation,
                     self.view, dialog.nodes)
        return dialog

    def why_menu(self, node_id: str, at: QPoint) -> QMenu | None:
        """A click on a node's live counts: the contacts behind them, each opening its Why?
        timeline."""
        campaign = self.document.campaign
        if campaign is None:
            return None
        people, total = member_addresses(self.document.workspace, campaign.id, node_id)
        menu = QMenu(self.host)
        menu.setObjectName("whyMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        heading = menu.addAction(f"Why? {count(total, 'contact')} behind these counts")
        heading.setEnabled(False)
        for name, address in people:
            label = name if name == address else f"{name}  <{address}>"
            menu.addAction(literal(label), partial(self.open_why, address))
        if total > len(people):
            more = menu.addAction(f"…and {total - len(people)} more: pick them in the Simulation "
                                  "panel's contact list")
            more.setEnabled(False)
        menu.popup(at)
        return menu

    def open_report(self) -> ReportView | None:
        campaign = self.document.campaign
        if campaign is None:
            return None
        from canvas_app.ui.simulation.report_view import ReportView

        view = ReportView(self.document.workspace, campaign, self.host)
        view.finished.connect(lambda _r: view.deleteLater())
        view.open()
        return view

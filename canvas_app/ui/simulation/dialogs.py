"""The simulation's dialogs: a contact's inbox, the report, and the Why? timeline (placed over
the side panels, so the path it highlights on the canvas stays in view)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from canvas_app.ui.editor.document import EditorDocument
from canvas_app.ui.simulation.inbox import InboxDialog
from canvas_app.ui.simulation.panel import SimulationPanel
from canvas_app.ui.simulation.report_view import ReportView
from canvas_app.ui.simulation.why_dialog import WhyDialog


class SimulationDialogs:
    def __init__(self, document: EditorDocument, simulation: SimulationPanel,
                 show_path: Callable[[set[str] | None], None], parent: QWidget) -> None:
        self.document = document
        self.simulation = simulation
        self.show_path = show_path
        self.host = parent

    def open_inbox(self, address: str) -> InboxDialog:
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
        dialog = WhyDialog(self.document.workspace, address, campaign.id, self.show_path,
                           self.host)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        window = self.host.frameGeometry()
        dialog.move(max(window.left(), window.right() - dialog.width() - 12), window.top() + 90)
        dialog.show()
        return dialog

    def open_report(self) -> ReportView | None:
        campaign = self.document.campaign
        if campaign is None:
            return None
        view = ReportView(self.document.workspace, campaign, self.host)
        view.finished.connect(lambda _r: view.deleteLater())
        view.open()
        return view

"""What happened in the simulation, newest last, for everyone or one contact."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout

from canvas_app.engine import clock, simulation
from canvas_app.engine.simulation import ContactInfo
from canvas_app.ui.editor.document import EditorDocument
from canvas_app.ui.style.theme import current_theme


class EventLog(QGroupBox):
    def __init__(self, document: EditorDocument) -> None:
        super().__init__("What happened")
        self.document = document
        self.filter = QComboBox()
        self.filter.setObjectName("logFilter")
        self.filter.currentIndexChanged.connect(lambda _i: self.fill())
        self.list = QListWidget()
        self.list.setObjectName("eventLog")
        self.list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)

    def refresh(self, people: list[ContactInfo]) -> None:
        """The contacts to filter by (the one chosen stays chosen), then the log."""
        chosen = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem("Everyone", None)
        for person in people:
            self.filter.addItem(person.label, person.id)
        self.filter.setCurrentIndex(max(0, self.filter.findData(chosen)))
        self.filter.blockSignals(False)
        self.fill()

    def fill(self) -> None:
        self.list.clear()
        campaign = self.document.campaign
        if campaign is None:
            return
        names = {n.id: n.name for n in campaign.nodes}
        names |= {e.id: e.subject for s in campaign.sequences for e in s.emails}
        links = {link.id: link.text for s in campaign.sequences for e in s.emails
                 for link in e.links}
        workspace = self.document.workspace
        theme = current_theme()
        for entry in simulation.log(workspace, campaign.id, self.filter.currentData()):
            item = QListWidgetItem(f"{clock.log_time(entry.at)}  "
                                   f"{simulation.describe(entry, names, links)}")
            if entry.kind == "goal_achieved":
                item.setForeground(theme.success_text)
            elif entry.kind == "bot_ignored":
                item.setForeground(theme.error_text)
            self.list.addItem(item)

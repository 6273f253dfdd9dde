"""The toolbar's campaign switcher: the workspace's campaigns, the one on the canvas chosen."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from canvas_app.ui.editor.document import EditorDocument


class CampaignSwitcher(QComboBox):
    campaignChosen = Signal(str)  # another campaign than the one shown

    def __init__(self, document: EditorDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setObjectName("campaignSwitcher")
        self.setToolTip("The campaign shown on the canvas")
        self.setMinimumContentsLength(24)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.activated.connect(self._chosen)
        document.campaignsChanged.connect(self.refresh)
        document.campaignLoaded.connect(self.refresh)  # whoever opened it, the switcher follows
        # an undone or redone rename shows here too
        document.undo_group.indexChanged.connect(lambda _index: self.refresh())

    def refresh(self) -> None:
        current = self.document.campaign.id if self.document.campaign else None
        self.blockSignals(True)
        self.clear()
        for summary in self.document.campaigns():
            shown = self.document.campaign if summary.id == current else None
            self.addItem(shown.name if shown is not None else summary.name, summary.id)
            if summary.id == current:
                self.setCurrentIndex(self.count() - 1)
        self.blockSignals(False)

    def _chosen(self, index: int) -> None:
        campaign_id = self.itemData(index)
        if campaign_id and (self.document.campaign is None
                            or campaign_id != self.document.campaign.id):
            self.campaignChosen.emit(str(campaign_id))

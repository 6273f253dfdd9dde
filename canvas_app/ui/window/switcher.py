"""The toolbar's campaign switcher: the workspace's campaigns, the one on the canvas chosen;
campaigns of the same name are told apart by their ids."""

from __future__ import annotations

from collections import Counter

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
        named = [(summary.id, self.document.campaign.name if self.document.campaign
                  and summary.id == current else summary.name)
                 for summary in self.document.campaigns()]
        names = Counter(name for _, name in named)
        for campaign_id, name in named:  # campaigns of one name told apart by their ids
            self.addItem(f"{name} ({campaign_id})" if names[name] > 1 else name, campaign_id)
            if campaign_id == current:
                self.setCurrentIndex(self.count() - 1)
        self.blockSignals(False)

    def _chosen(self, index: int) -> None:
        campaign_id = self.itemData(index)
        if campaign_id and (self.document.campaign is None
                            or campaign_id != self.document.campaign.id):
            self.campaignChosen.emit(str(campaign_id))

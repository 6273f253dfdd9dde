"""Simulation › Start workshop…: the sequence participants join, how many may join, and the
explicit choice to let devices on this network join (with a warning and the address)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from canvas_app.domain.model import Campaign
from canvas_app.engine.server import LOOPBACK
from canvas_app.engine.workshop import DEFAULT_MAX_PARTICIPANTS
from canvas_app.ui.style.mnemonics import literal
from canvas_app.ui.style.theme import current_theme

WARNING = ("Anyone on this network who has the join link (it is in the QR code) can join, "
           "read the workshop's emails and click. Only the join, inbox and click pages are "
           "served: never your workspace, settings or editing. Use it on a network you trust, "
           "and end the workshop when you are done.")


@dataclass(frozen=True)
class WorkshopChoice:
    sequence_id: str
    max_participants: int
    host: str  # 127.0.0.1 unless the trainer opened it to the network


def network_addresses() -> list[str]:
    """This computer's IPv4 addresses other than loopback, for "Let devices … join"."""
    found = []
    for address in QNetworkInterface.allAddresses():
        if address.protocol() == QAbstractSocket.NetworkLayerProtocol.IPv4Protocol \
                and not address.isLoopback():
            found.append(address.toString())
    return found


class WorkshopDialog(QDialog):
    def __init__(self, campaign: Campaign, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workshopDialog")
        self.setWindowTitle("Start workshop")
        self.sequence = QComboBox()
        self.sequence.setObjectName("workshopSequence")
        for sequence in campaign.sequences:
            self.sequence.addItem(sequence.name, sequence.id)
        self.maximum = QSpinBox()
        self.maximum.setRange(1, 500)
        self.maximum.setValue(DEFAULT_MAX_PARTICIPANTS)
        self.lan = QCheckBox("Let devices on this network join")
        self.lan.setObjectName("workshopLan")
        self.address = QComboBox()
        self.address.setObjectName("workshopAddress")
        self.address.setEditable(True)
        self.address.addItems(network_addresses())
        self.address.setToolTip("This computer's address on the room's network")
        self.warning = QLabel(WARNING)
        self.warning.setObjectName("workshopWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {current_theme().warning_text.name()};")
        self.lan.toggled.connect(self._lan_toggled)
        self._lan_toggled(False)
        form = QFormLayout()
        form.addRow(f"Participants join '{literal(campaign.name)}' in:", self.sequence)
        form.addRow("At most:", self.maximum)
        intro = QLabel("People in the room join from their own browsers, read the campaign's "
                       "emails and click; your canvas shows them moving. Without the option "
                       "below, only this computer can open the join page.")
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start workshop")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.lan)
        layout.addWidget(self.address)
        layout.addWidget(self.warning)
        layout.addWidget(buttons)

    def _lan_toggled(self, on: bool) -> None:
        self.address.setVisible(on)
        self.warning.setVisible(on)
        self.adjustSize()

    def choice(self) -> WorkshopChoice:
        host = self.address.currentText().strip() if self.lan.isChecked() else LOOPBACK
        return WorkshopChoice(str(self.sequence.currentData()), self.maximum.value(),
                              host or LOOPBACK)

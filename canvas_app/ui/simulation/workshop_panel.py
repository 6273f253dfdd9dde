"""The trainer's workshop panel (a dock beside the canvas): the join URL and its QR code
(large in presentation mode), how many have joined, the Scanner switch, Forget participants
and End workshop. The workshop is served from a background thread while the panel is open."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from canvas_app.domain.words import count
from canvas_app.engine.errors import Refused

if TYPE_CHECKING:
    from canvas_app.engine.workshop_app import WorkshopServer
    from canvas_app.ui.simulation.panel import SimulationPanel
    from canvas_app.ui.simulation.workshop_dialog import WorkshopChoice

#: The QR code's smallest side on the desktop and on a projector (presentation mode).
QR_DESKTOP, QR_PROJECTOR = 220, 520


class WorkshopPanel(QWidget):
    changed = Signal()  # participants were forgotten: counts need a refresh
    ended = Signal()

    def __init__(self, served: WorkshopServer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workshopPanel")
        self.served = served
        workshop = served.workshop
        title = QLabel(f"<b>{escape(workshop.campaign_name)}</b> › "
                       f"{escape(workshop.sequence_name)}")
        title.setWordWrap(True)
        self.scan_hint = QLabel("Scan to join, or open:")
        self.url = QLabel(served.join_url)
        self.url.setObjectName("workshopUrl")
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url.setWordWrap(True)
        from canvas_app.ui.simulation.qr_view import QrView  # (with the first workshop)

        self.qr = QrView(served.join_url)
        self.count = QLabel()
        self.count.setObjectName("participantCount")
        # Joined phones say "No email yet" until the trainer moves the clock: said here too.
        self.clock_hint = QLabel("Emails reach the room when the clock moves: Next event ▶, "
                                 "+1 hour or Play (or Follow real time).")
        self.clock_hint.setObjectName("workshopClockHint")
        self.clock_hint.setWordWrap(True)
        self.scanner = QCheckBox("Scanner")
        self.scanner.setObjectName("workshopScanner")
        self.scanner.setToolTip("The next emails pass a simulated mail scanner that opens every "
                                "link: the room sees its bot clicks ignored")
        self.scanner.toggled.connect(self._scanner)
        self.forget = QPushButton("Forget participants")
        self.forget.setObjectName("forgetParticipants")
        self.forget.setToolTip("Remove the contacts this workshop added, with all they did")
        self.forget.clicked.connect(lambda: self.forget_participants())  # not "checked"
        self.end = QPushButton("End workshop")
        self.end.setObjectName("endWorkshop")
        self.end.setToolTip("Stop the join and inbox pages: the join code stops working")
        self.end.clicked.connect(self.end_workshop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.forget)
        buttons.addWidget(self.end)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.scan_hint)
        layout.addWidget(self.url)
        layout.addWidget(self.count)
        layout.addWidget(self.clock_hint)
        layout.addWidget(self.scanner)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        workshop = self.served.workshop
        self.count.setText(f"{count(workshop.participant_count, 'participant')} joined "
                           f"(at most {workshop.max_participants})")
        big = self.window().isFullScreen()  # presentation mode: for the back of the room
        side = QR_PROJECTOR if big else QR_DESKTOP
        if self.qr.width() != side:
            self.qr.setFixedSize(side, side)
            for label, scale in ((self.url, 1.5), (self.count, 1.3)):
                font = label.font()
                base = label.property("basePointSize") or font.pointSizeF()
                label.setProperty("basePointSize", base)
                font.setPointSizeF(base * (scale if big else 1.0))
                label.setFont(font)

    def _scanner(self, on: bool) -> None:
        self.served.workshop.scanner = on

    def forget_participants(self, confirm: bool = True) -> int:
        workshop = self.served.workshop
        if confirm and QMessageBox.question(
                self, "Forget participants",
                f"Remove the {count(workshop.participant_count, 'participant')} of this "
                "workshop, with their emails, clicks and goals? Contacts that were in the "
                "workspace before stay.") != QMessageBox.StandardButton.Yes:
            return 0
        forgotten = workshop.forget()
        self.refresh()
        self.changed.emit()
        return forgotten

    def end_workshop(self) -> None:
        self.timer.stop()
        self.served.stop()
        self.ended.emit()


def workshop_button(panel: SimulationPanel) -> QPushButton:
    """The Simulation panel's "Start workshop…" (one workshop at a time)."""
    button = QPushButton("Start workshop…")
    button.setObjectName("startWorkshop")
    button.setToolTip("People in the room join from their phones, read and click")

    def start() -> None:
        if panel.workshop is None or not panel.workshop.served.workshop.open:
            panel.workshop = start_workshop(panel)
            return
        dock = panel.window().findChild(QDockWidget, "workshopDock")  # the one running: show it
        if isinstance(dock, QDockWidget):
            dock.show()
            dock.raise_()
            panel.workshop.setFocus()

    button.clicked.connect(start)
    return button


def end_workshop_of(panel: SimulationPanel) -> None:
    """Ends the panel's workshop, if one is running (the window is closing)."""
    if panel.workshop is not None and panel.workshop.served.workshop.open:
        panel.workshop.end_workshop()


def start_workshop(panel: SimulationPanel, choice: WorkshopChoice | None = None
                   ) -> WorkshopPanel | None:
    """Asks for the workshop's settings (unless ``choice`` is given), starts serving it and
    docks its panel beside the canvas. None when cancelled or refused (the trainer is told)."""
    campaign = panel.document.campaign
    if campaign is None:
        return None
    if choice is None:
        from canvas_app.ui.simulation.workshop_dialog import WorkshopDialog

        dialog = WorkshopDialog(campaign, panel)
        if dialog.exec() != WorkshopDialog.DialogCode.Accepted:
            return None
        choice = dialog.choice()
    try:
        # the workshop's server loads when a workshop starts, not with the editor
        from canvas_app.engine.server import LOOPBACK
        from canvas_app.engine.workshop import Workshop
        from canvas_app.engine.workshop_app import WorkshopServer, lan_address

        host = LOOPBACK if choice.host == LOOPBACK else lan_address(choice.host)
        workshop = Workshop(panel.workspace, campaign.id, choice.sequence_id,
                            choice.max_participants)
        served = WorkshopServer(workshop, 0, host, log=None)
    except Refused as exc:
        QMessageBox.warning(panel, "Start workshop", exc.in_words())
        return None
    served.start()
    shown = WorkshopPanel(served)
    window = panel.window()
    dock = QDockWidget("Workshop", window)
    dock.setObjectName("workshopDock")
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
    dock.setWidget(shown)
    if isinstance(window, QMainWindow):  # on the left: the palette's side, hidden when
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)  # presenting
    dock.show()
    simulation_dock = window.findChild(QDockWidget, "simulationDock")
    if isinstance(simulation_dock, QDockWidget):
        simulation_dock.raise_()  # the clock and what happens, beside the canvas
    shown.changed.connect(panel.changed.emit)
    shown.changed.connect(panel.refresh)
    shown.ended.connect(dock.deleteLater)
    return shown

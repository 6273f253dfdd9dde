"""The simulation panel: the workspace clock, contacts, enrolment and the event log."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from canvas_app.domain.words import count
from canvas_app.engine import clock, contacts, simulation
from canvas_app.engine.enrolment import enroll
from canvas_app.engine.errors import Refused
from canvas_app.engine.runner import AdvanceResult
from canvas_app.store.workspace import Workspace
from canvas_app.ui.editor.document import EditorDocument
from canvas_app.ui.simulation.contact_dialogs import AddContactDialog, CsvPreviewDialog
from canvas_app.ui.simulation.contact_list import ContactBrowser
from canvas_app.ui.simulation.contact_model import EMAIL_ROLE
from canvas_app.ui.simulation.event_log import EventLog
from canvas_app.ui.simulation.live import LiveSession
from canvas_app.ui.simulation.worker import AdvanceWorker
from canvas_app.ui.simulation.workshop_panel import WorkshopPanel, end_workshop_of, workshop_button
from canvas_app.ui.style.eliding_combo import ElidingComboBox
from canvas_app.ui.style.file_dialogs import open_file_name
from canvas_app.ui.style.steady_combo import SteadyComboBox
from canvas_app.ui.style.wrapping_row import WrappingRow

#: The clock before its first move (it then starts at the present minute).
NOT_STARTED = "Not started yet"
SPEEDS = [("1 min/s", 60), ("10 min/s", 600), ("1 hour/s", 3600), ("1 day/s", 86400)]


class SimulationPanel(QWidget):
    changed = Signal()  # the simulation moved: counts and banner need a refresh
    inboxRequested = Signal(str)  # contact address
    whyRequested = Signal(str)  # contact address: explain its path
    reportRequested = Signal()

    def __init__(self, document: EditorDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("simulationPanel")
        self.document = document
        self.worker: AdvanceWorker | None = None
        self.live: LiveSession | None = None
        self._shown: str | None = None  # the campaign the panel last showed
        self.workshop: WorkshopPanel | None = None
        self._build()
        self.play_timer = QTimer(self)
        self.play_timer.setInterval(1000)
        self.play_timer.timeout.connect(self._play_tick)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(1000)
        self.refresh_timer.timeout.connect(self._live_tick)
        document.campaignLoaded.connect(self.refresh)
        document.problemsChanged.connect(self._fill_sequences)  # the draft was edited
        self.refresh()

    @property
    def workspace(self) -> Workspace:
        return self.document.workspace

    def _build(self) -> None:
        clock_box, contact_box, log_box = self._clock_box(), self._contact_box(), self._log_box()
        report = QPushButton("Report…")
        report.setToolTip("Sends, clicks per link (human and bot) and goals")
        report.clicked.connect(self.reportRequested.emit)
        reset = QPushButton("Reset simulation…")
        reset.setToolTip("Clear contacts' progress, sends, clicks and goals; keep the design")
        reset.clicked.connect(self.reset)
        workshop = workshop_button(self)
        bottom = WrappingRow()
        for b in (report, reset, workshop):
            bottom.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(clock_box)
        layout.addWidget(self.status)
        layout.addWidget(contact_box, 2)
        layout.addWidget(log_box, 3)
        layout.addLayout(bottom)
        self._running(False)

    def _clock_box(self) -> QGroupBox:
        """The clock, the buttons that move it, and the progress of a long advance."""
        self.clock_label = QLabel()
        self.clock_label.setObjectName("clockLabel")
        self.clock_label.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.clock_label.setWordWrap(True)  # the time under the date in a narrow panel
        self.clock_label.setToolTip("The workspace clock: simulated time, moved by you")
        self.hour = QPushButton("+1 hour")
        self.day = QPushButton("+1 day")
        self.span = QPushButton("Advance…")
        self.hour.setToolTip("Move the clock on by an hour and process all that falls due")
        self.day.setToolTip("Move the clock on by a day and process all that falls due")
        self.span.setToolTip("Move the clock on by a span you choose")
        self.hour.clicked.connect(lambda: self.advance(3600))
        self.day.clicked.connect(lambda: self.advance(86400))
        self.span.clicked.connect(self._ask_span)
        self.step = QPushButton("Next event ▶")
        self.step.setObjectName("stepButton")
        self.step.setToolTip("Step by step: move the clock to exactly the next thing that "
                             "happens (an email, a click's goal check) and stop there")
        self.step.clicked.connect(lambda: self.advance(None))
        self.speed = SteadyComboBox()
        for label, seconds in SPEEDS:
            self.speed.addItem(label, seconds)
        self.speed.setCurrentIndex(2)
        self.speed.setToolTip("How fast the clock runs while playing: campaign time per second")
        self.speed.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.play = QPushButton("Play")
        self.play.setCheckable(True)
        self.play.setToolTip("Let the clock run at the chosen speed")
        self.play.toggled.connect(self._toggle_play)
        self.follow = QCheckBox("Follow real time")
        self.follow.setToolTip("Runs the click-tracking server on this computer, so clicks in a "
                               "browser land here live, and lets the clock follow the wall "
                               "clock, for live workshop demos")
        self.follow.toggled.connect(self._toggle_live)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.cancel = QPushButton("Cancel")
        self.cancel.setToolTip("Stop after the current batch; everything done so far is kept")
        self.cancel.clicked.connect(self._cancel)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = WrappingRow()
        for b in (self.hour, self.day, self.span):
            buttons.addWidget(b)
        play_row = WrappingRow()
        for w in (self.speed, self.play, self.step):
            play_row.addWidget(w)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel)
        clock_box = QGroupBox("Clock")
        clock_layout = QVBoxLayout(clock_box)
        clock_layout.addWidget(self.clock_label)
        clock_layout.addLayout(buttons)
        clock_layout.addLayout(play_row)
        clock_layout.addWidget(self.follow)
        clock_layout.addLayout(running)
        self.status.setObjectName("panelMessage")  # what the last action did, under the clock
        return clock_box

    def _contact_box(self) -> QGroupBox:
        """The contacts, their inbox and path, and enrolling them in a sequence."""
        self.contacts = ContactBrowser(lambda: self.workspace)
        self.contact_list = self.contacts.list
        self.contact_list.doubleClicked.connect(
            lambda index: self.inboxRequested.emit(str(index.data(EMAIL_ROLE))))
        add = QPushButton("Add…")
        add.setToolTip("Add a contact by email address")
        add.clicked.connect(self.add_contact)
        imp = QPushButton("Import CSV…")
        imp.setObjectName("importCsvButton")
        imp.setToolTip("Add contacts from a CSV file with an 'email' column")
        imp.clicked.connect(self.import_contacts)
        self.inbox_button = QPushButton("Inbox…")
        self.inbox_button.setToolTip("The emails the selected contact received")
        self.inbox_button.clicked.connect(self._open_inbox)
        self.why_button = QPushButton("Why?…")
        self.why_button.setObjectName("whyButton")
        self.why_button.setToolTip("How the selected contact moved through this campaign, step by "
                                   "step, and why")
        self.why_button.clicked.connect(self._open_why)
        contact_buttons = WrappingRow()
        for b in (add, imp, self.inbox_button, self.why_button):
            contact_buttons.addWidget(b)
        self.sequence = ElidingComboBox("The sequence to put the selected contacts in")
        self.sequence.setObjectName("enrolSequence")
        self.enrol_button = QPushButton("Enrol selected")
        self.enrol_button.setToolTip("Put the selected contacts into this sequence "
                                     "(the campaign must be active)")
        self.enrol_button.clicked.connect(lambda: self.enrol(self.contact_list.selected_emails()))
        enrol_row = QHBoxLayout()
        enrol_row.addWidget(self.sequence, 1)
        enrol_row.addWidget(self.enrol_button)
        contact_box = QGroupBox("Contacts")
        contact_layout = QVBoxLayout(contact_box)
        contact_layout.addWidget(self.contacts, 1)
        contact_layout.addLayout(contact_buttons)
        contact_layout.addLayout(enrol_row)
        return contact_box

    def _log_box(self) -> QGroupBox:
        """What happened, for everyone or one contact."""
        self.event_log = EventLog(self.document)
        self.log_filter, self.log_list = self.event_log.filter, self.event_log.list
        return self.event_log

    # -- refreshing --------------------------------------------------------------------
    def refresh(self) -> None:
        now = simulation.clock_time(self.workspace)
        self.clock_label.setText(clock.format_time(now) if now is not None else NOT_STARTED)
        campaign = self.document.campaign
        shown = campaign.id if campaign else None
        # another campaign: a selection made for the last one is not carried over
        same = shown == self._shown
        self.contact_list.reload(keep_selection=same, if_changed=same)
        self._shown = shown
        self._fill_sequences()
        self.event_log.refresh()

    def _fill_sequences(self) -> None:
        """The enrol list names the sequences as the canvas does now (after an edit, an undo,
        another campaign)."""
        campaign = self.document.campaign
        self.sequence.set_choices([(s.name, s.id) for s in (campaign.sequences if campaign
                                                             else [])])
        self._gate_enrol()  # an emptied list leaves no button to press

    def _gate_enrol(self) -> None:
        has_sequence = self.sequence.count() > 0
        self.enrol_button.setEnabled(has_sequence and self.worker is None
                                     and not self.workspace.read_only)
        self.enrol_button.setToolTip(
            "Put the selected contacts into this sequence (the campaign must be active)"
            if has_sequence else "This campaign has no sequence to enrol contacts in yet: "
            "drag one from the palette onto the canvas")

    def _moved(self) -> None:
        self.refresh()
        self.changed.emit()

    # -- contacts ----------------------------------------------------------------------
    def add_contact(self) -> None:
        dialog = AddContactDialog(self)
        if dialog.exec() == AddContactDialog.DialogCode.Accepted:
            contacts.add_contact(self.workspace, dialog.email.text(), dialog.name.text())
            self.contact_list.reload()  # a new name for a contact listed already, too
            self.refresh()

    def import_contacts(self) -> None:
        """Asks for a CSV file. (No optional arguments: a button's ``clicked`` would pass its
        ``checked`` flag into them.)"""
        name = open_file_name(self, "Import contacts", "", "CSV files (*.csv);;All files (*)")
        if name:
            self.import_contacts_from(Path(name))

    def import_contacts_from(self, path: Path) -> None:
        try:
            dialog = CsvPreviewDialog(path, self)
        except Refused as exc:
            QMessageBox.warning(self, "Import contacts", exc.in_words())
            return
        if dialog.exec() == CsvPreviewDialog.DialogCode.Accepted:
            result = contacts.import_csv(self.workspace, path)
            self.status.setText(f"Imported {count(result.added, 'contact')}; "
                                f"{result.already_there} were already there.")
            self.refresh()

    def enrol(self, emails: list[str], sequence_id: str | None = None) -> bool:
        campaign = self.document.campaign
        sequence_id = sequence_id or self.sequence.currentData()
        if campaign is None or not emails or not sequence_id:
            self.status.setText("Select contacts and a sequence first.")
            return False
        try:
            result = enroll(self.workspace, campaign.id, str(sequence_id), emails)
        except Refused as exc:
            QMessageBox.information(self, "Cannot enrol yet", exc.in_words())
            return False
        self.status.setText(f"Enrolled {len(result.enrolled)}; "
                            f"{len(result.already_in)} already in that sequence.")
        self._moved()
        return True

    def _open_why(self) -> None:
        emails = self.contact_list.selected_emails()
        if emails:
            self.whyRequested.emit(emails[0])
        else:
            self.status.setText("Select a contact first.")

    def _open_inbox(self) -> None:
        emails = self.contact_list.selected_emails()
        if emails:
            self.inboxRequested.emit(emails[0])

    # -- the clock ---------------------------------------------------------------------
    def _ask_span(self) -> None:
        text, ok = QInputDialog.getText(self, "Advance the clock",
                                        "How far? (for example 90s, 10m, 2h or 30d)", text="7d")
        if ok and text.strip():
            try:
                self.advance(clock.parse_duration(text))
            except Refused as exc:
                QMessageBox.warning(self, "Advance the clock", exc.in_words())

    def advance(self, seconds: float | None) -> AdvanceWorker | None:
        """Moves the clock by ``seconds`` (None: to the next event) off the GUI thread."""
        if self.worker is not None:
            return None
        self.worker = AdvanceWorker(self.workspace, seconds)
        self.worker.progressed.connect(lambda f: self.progress.setValue(int(f * 1000)))
        self.worker.done.connect(self._advanced)
        self._running(True)
        self.worker.start()
        return self.worker

    def _advanced(self, result: object) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.wait()
            worker.deleteLater()
        self._running(False)
        if isinstance(result, Exception):
            QMessageBox.warning(self, "Advance the clock", f"The clock stopped: {result}")
        elif isinstance(result, AdvanceResult):
            note = " (cancelled: all done so far is kept)" if result.cancelled else ""
            if result.target == 0:
                note = " Nothing is waiting to happen: enrol contacts or click a link first."
            self.status.setText(f"{count(result.sent, 'email')} sent, {count(result.goals_achieved, 'goal')} "
                                f"achieved{note}.")
        self._moved()

    def _cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel.setVisible(running)
        self.progress.setValue(0)
        for b in (self.hour, self.day, self.span, self.step):
            b.setEnabled(not running and not self.workspace.read_only)
        self._gate_enrol()

    def _toggle_play(self, on: bool) -> None:
        self.play.setText("Stop clock" if on else "Play")  # "Pause" is the campaign's
        if on:
            self.play_timer.start()
        else:
            self.play_timer.stop()

    def _play_tick(self) -> None:
        if self.worker is None:
            self.advance(float(self.speed.currentData()))

    def _toggle_live(self, on: bool) -> None:
        if on:
            self.play.setChecked(False)
            try:
                self.live = LiveSession(self.workspace)
            except Refused as exc:  # e.g. a read-only workspace: no click could be saved
                self.status.setText(str(exc))
                self.follow.setChecked(False)
                return
            self.status.setText(f"Following real time. Clicks on http://127.0.0.1:"
                                f"{self.live.port}/ links are recorded here.")
            self.refresh_timer.start()
        elif self.live is not None:
            self.refresh_timer.stop()
            self.live.stop()
            self.live = None
            self.status.setText("Stopped following real time.")
        for b in (self.hour, self.day, self.span, self.step, self.play):
            b.setEnabled(not on)

    def _live_tick(self) -> None:
        self._moved()

    def reset(self) -> None:
        campaign = self.document.campaign
        if campaign is None:
            return
        answer = QMessageBox.question(
            self, "Reset simulation",
            f"Clear every contact's progress, sent email, click and goal of '{campaign.name}'? "
            "The design, its versions and the contacts stay.",
            QMessageBox.StandardButton.Reset | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Reset:
            simulation.reset(self.workspace, campaign.id)
            self._moved()

    def shutdown(self) -> None:
        end_workshop_of(self)
        self.play_timer.stop()
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait()
        if self.live is not None:
            self._toggle_live(False)

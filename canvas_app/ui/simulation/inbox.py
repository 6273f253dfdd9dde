"""A contact's inbox: the emails they received, shown safely. Clicking a link there is a
person's click through the engine's pipeline; "Scanner visit" plays a mail gateway opening
every link; "Open in browser" writes the email for a real browser click."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from canvas_app.domain.words import count
from canvas_app.engine import clock
from canvas_app.engine import settings as engine_settings
from canvas_app.engine.bots import REASON_TEXT
from canvas_app.engine.clicks import record_click
from canvas_app.engine.email_file import email_page
from canvas_app.engine.reports import inbox
from canvas_app.engine.simulation import BROWSER, scanner_visit
from canvas_app.store.workspace import Workspace
from canvas_app.ui.email.preview_html import link_id_from_url, sent_preview
from canvas_app.ui.email.safe_preview import SafePreview
from canvas_app.ui.style.screen_fit import fit_to_screen
from canvas_app.ui.style.theme import current_theme


class InboxDialog(QDialog):
    clicked = Signal()  # something was recorded: the window refreshes counts

    def __init__(self, workspace: Workspace, address: str, live_port: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inboxDialog")
        self.workspace = workspace
        self.address = address
        self.live_port = live_port
        self.mails: list[dict[str, Any]] = []
        self.setWindowTitle(f"Inbox of {address}")
        fit_to_screen(self, 980, 620)
        self.list = QListWidget()
        self.list.setObjectName("inboxList")
        self.list.setAccessibleName("Emails received")
        self.list.currentRowChanged.connect(self._show)
        self.preview = SafePreview()
        self.preview.setObjectName("inboxPreview")
        self.preview.setAccessibleName("The email")
        self.preview.setAccessibleDescription("Tab moves from link to link; Return clicks it")
        self.preview.anchorClicked.connect(self._clicked)
        self.preview.setToolTip("Click a link as the contact would")
        self.message = QLabel()
        self.message.setObjectName("inboxMessage")
        self.message.setWordWrap(True)
        self.scanner = QPushButton("Scanner visit")
        self.scanner.setObjectName("scannerVisit")
        self.scanner.setToolTip("Play a mail security gateway opening every link of this email "
                                "(the invisible one too) within a second")
        self.scanner.clicked.connect(self.scanner_visit)
        self.browser = QPushButton("Open in browser")
        self.browser.setToolTip("Write this email as a page for a real browser click (turn on "
                                "'Follow real time' so the click reaches this workspace)")
        self.browser.clicked.connect(self.open_in_browser)
        buttons = QHBoxLayout()
        buttons.addWidget(self.scanner)
        buttons.addWidget(self.browser)
        buttons.addStretch(1)
        close = QPushButton("Close")
        close.setObjectName("inboxClose")
        close.clicked.connect(self.accept)
        for button in (self.scanner, self.browser):  # Enter never plays a scanner
            button.setAutoDefault(False)
        close.setDefault(True)
        buttons.addWidget(close)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(self.preview)
        split.setSizes([300, 680])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.mails = inbox(self.workspace, self.address)
        self.list.clear()
        for mail in self.mails:
            sent = clock.short_time(_epoch(mail["sent_at"]))
            item = QListWidgetItem(f"{mail['subject']}\n{sent}")
            item.setData(Qt.ItemDataRole.UserRole, mail["send_id"])
            self.list.addItem(item)
        if self.mails:
            self.list.setCurrentRow(len(self.mails) - 1)
        else:
            self.preview.setHtml("<p>No email has been sent to this contact yet. Enrol them in "
                                 "a sequence of an active campaign and move the clock on.</p>")
        self.scanner.setEnabled(bool(self.mails) and not self.workspace.read_only)
        self.browser.setEnabled(bool(self.mails))

    @property
    def current(self) -> dict[str, Any] | None:
        row = self.list.currentRow()
        return self.mails[row] if 0 <= row < len(self.mails) else None

    def _show(self, _row: int) -> None:
        mail = self.current
        if mail is not None:
            self.preview.setHtml(sent_preview(str(mail["subject"]), str(mail["html"]),
                                              current_theme().dark))

    def click_link(self, link_id: str) -> str:
        """A person clicks the link: recorded like a click from the contact's browser."""
        mail = self.current
        if mail is None:
            return ""
        url = str(mail["links"].get(link_id, ""))
        if not url.startswith("http"):
            text = (f"'{url.split(':', 1)[0]}:' links open the reader's phone or mail program; "
                    "no click reaches the campaign.")
        else:
            outcome = record_click(self.workspace, url, user_agent=BROWSER)
            settle = engine_settings.read(self.workspace).settle_seconds
            if outcome.bot:
                why = "; ".join(REASON_TEXT.get(r, r) for r in outcome.reasons)
                text = f"Recorded, but judged a bot click ({why})."
            else:
                text = (f"Recorded a click by {self.address}. Goals are checked after "
                        f"{settle:g} seconds: move the clock on to see the contact move.")
            self.clicked.emit()
        self.message.setText(text)
        return text

    def _clicked(self, url: QUrl) -> None:
        link_id = link_id_from_url(url.toString())
        if link_id:
            self.click_link(link_id)

    def scanner_visit(self) -> str:
        mail = self.current
        if mail is None:
            return ""
        outcomes = scanner_visit(self.workspace, self.address, int(mail["send_id"]))
        bots = sum(1 for o in outcomes if o.bot and o.link is not None)  # as the report counts
        reasons = sorted({REASON_TEXT.get(r, r) for o in outcomes for r in o.reasons})
        judged = (f"{count(bots, 'was', 'were')} judged "
                  f"{'a bot click' if bots == 1 else 'bot clicks'} ({'; '.join(reasons)})"
                  if bots else "None was judged a bot click yet")
        seen = sum(1 for o in outcomes if o.link is not None)  # the others: the invisible link
        text = (f"A mail scanner opened the {count(seen, 'web link')} of this email and its "
                f"invisible link within a second. {judged}. With the bot filter on (the "
                "default) they achieve nothing; Campaign › Count Bot Clicks Too lets them "
                "count, to show what happens without the filter.")
        self.message.setText(text)
        self.clicked.emit()
        return text

    def open_in_browser(self) -> Path | None:
        mail = self.current
        if mail is None:
            return None
        page, _ = email_page(self.workspace, self.address, int(mail["send_id"]), self.live_port)
        path = Path(tempfile.gettempdir()) / f"campaign-canvas-email-{mail['send_id']}.html"
        path.write_text(page, "utf-8")
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.message.setText(f"Opened {path.name} in your browser." + (
            "" if self.live_port else " Turn on 'Follow real time' in the Simulation panel so "
            "a click there reaches this workspace."))
        return path


def _epoch(iso: Any) -> float:
    return datetime.fromisoformat(str(iso).replace("Z", "+00:00")).timestamp()

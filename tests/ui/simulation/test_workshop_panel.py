"""Simulation › Start workshop…: the dialog's choices, the docked panel with the join URL and
its QR code, participants' counts on the canvas from the 1 s poll, the scanner, Forget
participants and End workshop."""

from __future__ import annotations

import re
import socket

import httpx
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QDockWidget, QMessageBox, QPushButton

from canvas_app.engine import lifecycle
from canvas_app.engine.contacts import add_contact
from canvas_app.engine.publishing import publish
from canvas_app.ui.simulation.qr_view import qr_matrix
from canvas_app.ui.simulation.workshop_dialog import WorkshopChoice, WorkshopDialog
from canvas_app.ui.simulation.workshop_panel import start_workshop
from canvas_app.ui.window.main_window import MainWindow
from tests.engine.conftest import BROWSER


def go_live(window: MainWindow) -> None:
    ws = window.document.workspace
    publish(ws, "ebook")
    lifecycle.activate(ws, "ebook")
    window.document.refresh()


def join(url: str, name: str, address: str) -> int:
    with httpx.Client(headers={"User-Agent": BROWSER}, timeout=10) as phone:
        form = phone.get(url)
        token = re.search(r'name="token" value="([0-9a-f]+)"', form.text)
        assert token is not None
        return phone.post(url, data={"name": name, "email": address,
                                     "token": token.group(1)}).status_code


def test_the_dialog_keeps_the_room_out_unless_asked_and_then_warns(window: MainWindow,
                                                                  qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.document.campaign is not None
    dialog = WorkshopDialog(window.document.campaign, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.sequence.itemData(i) for i in range(dialog.sequence.count())] == \
        ["welcome", "thanks"]
    assert not dialog.warning.isVisible()
    assert dialog.choice() == WorkshopChoice("welcome", 60, "127.0.0.1")
    dialog.lan.setChecked(True)
    assert dialog.warning.isVisible() and "never your workspace" in dialog.warning.text()
    dialog.address.setEditText("127.0.0.2")
    dialog.sequence.setCurrentIndex(1)
    assert dialog.choice() == WorkshopChoice("thanks", 60, "127.0.0.2")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_a_workshop_from_the_panel_shows_its_qr_and_counts_then_forgets_and_ends(
        window: MainWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    go_live(window)
    add_contact(window.document.workspace, "trainer@example.com", "Trainer")
    shown = start_workshop(window.simulation, WorkshopChoice("welcome", 60, "127.0.0.2"))
    assert shown is not None
    window.simulation.workshop = shown
    url = shown.url.text()
    assert url.startswith("http://127.0.0.2:") and "/w/" in url
    assert shown.qr.matrix == qr_matrix(url) and len(shown.qr.matrix) >= 25
    assert window.findChild(type(shown), "workshopPanel") is shown
    assert join(url, "Ann", "ann@example.com") == 303
    assert join(url, "Bob", "bob@example.com") == 303
    qtbot.waitUntil(lambda: shown.count.text().startswith("2 participants"), timeout=5000)
    qtbot.waitUntil(lambda: (window.scene.node_items["welcome"].counts or {}).get("active") == 2,
                    timeout=5000)  # the canvas's own poll: nobody refreshed it by hand
    shown.scanner.setChecked(True)
    assert shown.served.workshop.scanner
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: answers.pop(0))
    shown.forget.click()  # asked first: "No" keeps everyone
    assert shown.served.workshop.participant_count == 2
    shown.forget.click()
    assert shown.served.workshop.participant_count == 0 and not answers
    assert window.simulation.contact_list.count() == 1  # the trainer's own contact stays
    qtbot.waitUntil(lambda: (window.scene.node_items["welcome"].counts or {}).get("active", 0) == 0,
                    timeout=5000)
    port = shown.served.server.port
    shown.end.click()
    assert not shown.served.workshop.open
    try:
        socket.create_connection(("127.0.0.2", port), timeout=2).close()
        still_listening = True
    except OSError:
        still_listening = False
    assert not still_listening


def test_the_start_button_opens_one_workshop_and_closing_the_window_ends_it(
        window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    go_live(window)
    asked: list[WorkshopDialog] = []

    def accept(dialog: WorkshopDialog) -> int:
        asked.append(dialog)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(WorkshopDialog, "exec", accept)
    button = window.simulation.findChild(QPushButton, "startWorkshop")
    button.click()
    shown = window.simulation.workshop
    assert shown is not None and len(asked) == 1
    assert shown.url.text().startswith("http://127.0.0.1:")  # nobody else, unless asked
    dock = window.findChild(QDockWidget, "workshopDock")
    assert dock is not None
    dock.hide()  # (closed, or behind other panels)
    button.click()  # one workshop at a time: the button brings the running one back
    assert window.simulation.workshop is shown and len(asked) == 1
    assert dock.isVisible()
    port = shown.served.server.port
    window.close()
    assert not shown.served.workshop.open
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        still_listening = True
    except OSError:
        still_listening = False
    assert not still_listening


def test_the_panel_tells_the_trainer_that_emails_wait_for_the_clock(window: MainWindow) -> None:
    from PySide6.QtWidgets import QLabel

    go_live(window)
    shown = start_workshop(window.simulation, WorkshopChoice("welcome", 60, "127.0.0.2"))
    assert shown is not None
    try:
        hint = shown.findChild(QLabel, "workshopClockHint")
        assert hint is not None and hint.isVisibleTo(shown)
        assert "clock" in hint.text() and "Next event" in hint.text()
    finally:
        shown.end_workshop()

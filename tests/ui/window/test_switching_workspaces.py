"""After File › Import Campaign the switcher shows the imported campaign; after opening another
workspace the Simulation panel shows that workspace's clock and log, and the previous
workspace is free for another editor."""

from __future__ import annotations

from pathlib import Path

import pytest

from canvas_app.engine import lifecycle
from canvas_app.engine.contacts import add_contact
from canvas_app.engine.enrolment import enroll
from canvas_app.engine.publishing import publish
from canvas_app.engine.runner import advance
from canvas_app.store.workspace import Workspace
from canvas_app.ui.window import file_ops
from canvas_app.ui.window.main_window import MainWindow
from canvas_app.ui.window.opening import open_for_editing
from tests.cli.helpers import ROOT

YOGA = ROOT / "resources/samples/yoga-trial.campaign.json"


def test_import_from_the_menu_shows_the_new_campaign(window: MainWindow,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_ops, "open_file_name", lambda *a, **k: str(YOGA))
    window.menu_actions["import_campaign"].trigger()
    assert window.document.campaign is not None and window.document.campaign.id == "yoga-trial"
    assert window.switcher.currentData() == "yoga-trial"
    assert window.switcher.currentText() == window.document.campaign.name


def test_another_workspace_brings_its_own_clock_and_log(window: MainWindow, tmp_path: Path,
                                                        workspace_path: Path) -> None:
    ws = window.document.workspace
    publish(ws, "ebook")
    lifecycle.activate(ws, "ebook")
    add_contact(ws, "ann@example.com")
    enroll(ws, "ebook", "welcome", ["ann@example.com"])
    advance(ws, 5 * 86400)
    window.document.refresh()
    window.simulation.refresh()
    old_clock = window.simulation.clock_label.text()
    assert window.simulation.log_list.count() > 0
    other = tmp_path / "other.canvas-workspace"
    with Workspace.open(other, create=True):
        pass
    window.files.open_path(other)
    assert window.simulation.clock_label.text() != old_clock
    assert window.simulation.log_list.count() == 0
    assert window.simulation.contact_list.count() == 0
    assert not workspace_path.with_name(workspace_path.name + ".lock").exists()  # no debris
    again = open_for_editing(workspace_path, None, ask=False)  # the first one is free again
    assert again is not None and not again.read_only
    again.close()

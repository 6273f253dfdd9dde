"""Campaigns as things a user manages in the editor: New asks for a name, Rename (one undo
step), Duplicate, Delete with a confirmation that says what is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from canvas_app.engine import lifecycle
from canvas_app.engine.publishing import publish
from canvas_app.ui.window.main_window import MainWindow
from tests.ui.conftest import stored


def _answer(monkeypatch: pytest.MonkeyPatch, text: str | None) -> list[str]:
    """QInputDialog answers ``text`` (None: Cancel); returns the suggestions it was shown."""
    shown: list[str] = []

    def ask(_parent, _title, _label, text: str = "", **_kw):  # type: ignore[no-untyped-def]
        shown.append(text)
        return (answer if answer is not None else text), answer is not None or False

    answer = text
    monkeypatch.setattr(QInputDialog, "getText", ask)
    return shown


def _names(window: MainWindow) -> list[str]:
    return [window.switcher.itemText(i) for i in range(window.switcher.count())]


def test_new_asks_for_a_name_and_never_makes_two_alike(window: MainWindow,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _answer(monkeypatch, None)
    window.menu_actions["new_campaign"].trigger()
    assert shown == ["Untitled campaign"] and len(_names(window)) == 1  # cancelled: nothing
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda _p, _t, _l, text="", **_k: (text, True))
    window.menu_actions["new_campaign"].trigger()
    window.menu_actions["new_campaign"].trigger()
    names = _names(window)
    assert "Untitled campaign" in names and "Untitled campaign 2" in names
    assert window.switcher.currentText() == "Untitled campaign 2"
    assert window.document.campaign is not None
    assert window.document.campaign.name == "Untitled campaign 2"


def test_rename_is_one_undo_step_and_reaches_the_file(window: MainWindow, workspace_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _answer(monkeypatch, "  Autumn   ebook ")
    window.menu_actions["rename_campaign"].trigger()
    assert window.document.campaign is not None
    assert window.document.campaign.name == "Autumn ebook"
    assert stored(workspace_path).name == "Autumn ebook"
    assert window.switcher.currentText() == "Autumn ebook"
    stack = window.document.undo_stack
    assert stack is not None and stack.count() == 1
    stack.undo()
    assert stored(workspace_path).name == window.document.campaign.name != "Autumn ebook"
    assert window.switcher.currentText() == window.document.campaign.name  # follows the undo
    stack.redo()
    assert window.switcher.currentText() == "Autumn ebook"


def test_duplicate_opens_a_draft_copy(window: MainWindow) -> None:
    before = window.document.campaign
    assert before is not None
    window.menu_actions["duplicate_campaign"].trigger()
    copy = window.document.campaign
    assert copy is not None and copy.id != before.id
    assert copy.name == f"{before.name} (copy)" and len(copy.nodes) == len(before.nodes)
    assert window.switcher.count() == 2 and window.switcher.currentData() == copy.id


def test_delete_confirms_refuses_active_and_backs_up(window: MainWindow, workspace_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: (
        asked.append(text), QMessageBox.StandardButton.Yes)[1])
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    ws = window.document.workspace
    publish(ws, "ebook")
    lifecycle.activate(ws, "ebook")
    window.document.refresh()
    window.menu_actions["delete_campaign"].trigger()
    assert asked == []  # an active campaign is refused before anyone is asked to confirm
    assert told and "pause it first" in told[0].lower()
    assert window.switcher.count() == 1  # still there
    lifecycle.pause(ws, "ebook")
    window.document.refresh()
    window.menu_actions["delete_campaign"].trigger()
    assert "1 published version" in asked[0] and "simulation" in asked[0]
    assert window.switcher.count() == 0 and window.document.campaign is None
    backups = list(workspace_path.parent.glob(f"{workspace_path.name}.before-delete-*.bak"))
    assert len(backups) == 1
    assert "Deleted" in window.statusBar().currentMessage()


def test_an_empty_name_is_asked_for_again(window: MainWindow,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["   ", "Spring sale"])
    asked: list[str] = []

    def ask(_parent, _title, _label, text: str = "", **_kw):  # type: ignore[no-untyped-def]
        asked.append(text)
        return next(answers), True

    monkeypatch.setattr(QInputDialog, "getText", ask)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    window.menu_actions["new_campaign"].trigger()
    assert len(asked) == 2 and told and "empty" in told[0]
    assert window.document.campaign is not None
    assert window.document.campaign.name == "Spring sale"


def test_campaigns_of_one_name_are_told_apart_in_the_switcher(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    original = window.document.campaign
    assert original is not None
    window.menu_actions["duplicate_campaign"].trigger()
    copy = window.document.campaign
    assert copy is not None
    _answer(monkeypatch, original.name)  # the copy named as the original
    window.menu_actions["rename_campaign"].trigger()
    assert sorted(_names(window)) == sorted([f"{original.name} ({original.id})",
                                             f"{original.name} ({copy.id})"])
    assert window.switcher.currentData() == copy.id
    window.document.undo_stack.undo()  # the copy's own name again: no ids needed
    assert sorted(_names(window)) == sorted([original.name, f"{original.name} (copy)"])

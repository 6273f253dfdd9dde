"""Two editor windows on one workspace on a PostgreSQL server: each campaign is edited by one
of them at a time; the second window on a campaign shows it read-only and names who has it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QInputDialog

from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace
from canvas_app.ui.window.file_ops import recent_paths
from canvas_app.ui.window.main_window import MainWindow
from canvas_app.ui.window.opening import open_for_editing
from tests.factories import funnel
from tests.pg import PASSWORD, PASSWORD_USER, Cluster


@pytest.fixture
def server_workspace(pg_url: str) -> str:
    with Workspace.open(pg_url) as ws:
        CampaignStore(ws).add(funnel())
        other = funnel()
        other.id, other.name = "other", "Other funnel"
        CampaignStore(ws).add(other)
    return pg_url


def _window(qtbot, url: str, campaign: str) -> MainWindow:  # type: ignore[no-untyped-def]
    workspace = open_for_editing(url, None, ask=False)
    assert workspace is not None and not workspace.read_only
    win = MainWindow(workspace, campaign)
    qtbot.addWidget(win)
    return win


@pytest.fixture
def two(server_workspace: str, qtbot) -> Iterator[tuple[MainWindow, MainWindow]]:  # type: ignore[no-untyped-def]
    first = _window(qtbot, server_workspace, "ebook")
    second = _window(qtbot, server_workspace, "other")
    yield first, second
    for win in (first, second):
        win.close()
        win.deleteLater()
    # what the closing windows queued runs now, while their database still exists
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def test_two_editors_edit_two_campaigns_at_once(two: tuple[MainWindow, MainWindow]) -> None:
    first, second = two
    assert not first.document.read_only and not second.document.read_only
    assert "on " in first.windowTitle() and "(read-only)" not in first.windowTitle()


def test_the_second_editor_of_a_campaign_gets_it_read_only_naming_the_holder(
        two: tuple[MainWindow, MainWindow]) -> None:
    first, second = two
    second.open_campaign("ebook")
    assert second.document.read_only
    assert "ebook is already open for editing by" in second.document.held_by
    assert "(read-only)" in second.windowTitle()
    second.open_campaign("other")  # its own campaign again: editable
    assert not second.document.read_only
    first.open_campaign("other")
    assert first.document.read_only  # now the second window has it
    first.document.workspace.close()  # the first editor goes (or crashes): its locks go too
    second.open_campaign("ebook")
    assert not second.document.read_only


def test_a_password_is_asked_for_used_and_never_remembered(
        qtbot, pg_cluster: Cluster, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    name = pg_cluster.new_database()
    pg_cluster.admin(f"ALTER DATABASE {name} OWNER TO {PASSWORD_USER}")
    url = pg_cluster.url(name, user=PASSWORD_USER)
    asked: list[str] = []

    def answer(_parent: object, _title: str, label: str, *_args: object) -> tuple[str, bool]:
        asked.append(label)
        return (PASSWORD if len(asked) > 1 else "wrong"), True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    try:
        workspace = open_for_editing(url, None)
        assert workspace is not None and len(asked) == 2  # a wrong one is asked again
        assert "refused the login" in asked[0]
        win = MainWindow(workspace, None)
        win.files.remember(workspace.location)
        assert recent_paths()[0] == url and PASSWORD not in " ".join(recent_paths())
        assert PASSWORD not in win.windowTitle()
        win.close()
        win.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
    finally:
        pg_cluster.drop_database(name)

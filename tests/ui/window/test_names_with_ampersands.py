"""A name with "&" in it reads as typed where Qt takes "&" for a keyboard shortcut's mark (a
buddied label, a menu entry): "Crumb & Co" must not show as "Crumb _Co"."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu

from canvas_app.domain.model import Goal
from canvas_app.ui.simulation.workshop_dialog import WorkshopDialog
from canvas_app.ui.window.main_window import MainWindow


def _as_shown(text: str) -> str:
    """The text as Qt shows it: shortcut marks taken out, "&&" shown as "&"."""
    return QAction(text).iconText()


def test_the_workshop_dialog_names_the_campaign_as_typed(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.document.campaign is not None
    campaign = window.document.campaign.copy()
    campaign.name = "Crumb & Co"
    dialog = WorkshopDialog(campaign, window)
    qtbot.addWidget(dialog)
    label = next(w for w in dialog.findChildren(QLabel) if w.buddy() is dialog.sequence)
    assert "'Crumb & Co'" in _as_shown(label.text())


def test_the_connect_to_menu_names_nodes_as_typed(window: MainWindow) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    goal = next(n for n in campaign.nodes if isinstance(n, Goal))
    goal.name = "Tom & Jerry"
    window.scene.select_node("thanks")
    menu = window.view.open_menu(None)
    assert isinstance(menu, QMenu)
    connect_to = menu.findChild(QMenu, "connectToMenu")
    assert connect_to is not None
    assert "Tom & Jerry" in [_as_shown(a.text()) for a in connect_to.actions()]
    menu.close()

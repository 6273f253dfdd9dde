"""Names a user typed with '&' or '<' read as typed in the panels that show them in rich text
(they were taken for markup: 'Tom & <Jerry>' lost its '<Jerry>')."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from canvas_app.ui.window.main_window import MainWindow

NAME = "Tom & <Jerry>"


def _shown(rich: str) -> str:
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


def test_the_inspector_shows_names_as_typed(window: MainWindow) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    sequence, goal = campaign.sequences[0], campaign.goals[0]
    assert window.controller.rename(sequence.id, NAME) is None
    window.controller.rename_campaign("Crumb & <Co>")
    window.inspector.show_node(None)
    assert "Campaign Crumb & <Co>:" in _shown(window.inspector.summary.text())
    window.inspector.show_node(campaign.node(sequence.id))
    assert _shown(window.inspector.title.text()) == NAME
    window.inspector.show_node(campaign.node(goal.id))
    assert f"stops: {NAME}." in _shown(window.inspector.summary.text())

"""A new, empty campaign says how to start instead of claiming it can be published."""

from __future__ import annotations

from PySide6.QtGui import QAction

from canvas_app.ui.window.main_window import MainWindow


def _panel_texts(window: MainWindow) -> list[str]:
    panel = window.problems_panel
    return [panel.item(i).text() for i in range(panel.count())]


def test_an_empty_campaign_says_how_to_start(window: MainWindow) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    for node in list(campaign.nodes):
        for edge in list(campaign.edges_of(node.id)):
            campaign.disconnect(edge.source, edge.target)
        campaign.remove_node(node.id)
    window.document.refresh()
    texts = _panel_texts(window)
    assert len(texts) == 1 and texts[0].startswith("This campaign is empty")
    assert not any("can be published" in t for t in texts)


def test_a_drop_with_no_campaign_open_says_what_to_do(window: MainWindow) -> None:
    from PySide6.QtCore import QPointF

    from tests.ui.conftest import Mouse

    window.open_campaign(None)
    Mouse(window).drop_palette("sequence", QPointF(0, 0))
    assert "Campaign › New Campaign…" in window.statusBar().currentMessage()
    assert window.document.campaign is None


def test_validate_with_no_campaign_open_does_not_claim_it_is_ready(window: MainWindow) -> None:
    window.open_campaign(None)
    window.findChild(QAction, "validateAction").trigger()
    said = window.statusBar().currentMessage()
    assert "ready to publish" not in said
    assert "no campaign" in said.lower() and "New Campaign" in said

"""Fit to Window stays fitted while the window changes size (presentation mode, full screen,
docks hidden) until the user zooms or pans."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from canvas_app.ui.window.main_window import MainWindow


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_a_fitted_canvas_refits_when_the_view_grows(window: MainWindow) -> None:
    window.resize(900, 700)
    _settle()
    window.view.fit()
    small = window.view.zoom()
    window.resize(1600, 1000)
    _settle()
    assert window.view.zoom() > small * 1.2
    content = window.scene.content_rect()
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(content)


def test_after_a_zoom_a_resize_keeps_the_users_zoom(window: MainWindow) -> None:
    window.view.fit()
    window.view.zoom_in()
    chosen = window.view.zoom()
    window.resize(1000, 700)
    _settle()
    assert window.view.zoom() == chosen


def test_presentation_mode_fills_the_view_with_the_campaign(window: MainWindow) -> None:
    window.view.zoom_in()  # not fitted: presentation mode fits anyway
    window.menu_actions["presentation"].setChecked(True)
    _settle()
    assert window.view.fitted
    content = window.scene.content_rect()
    view = window.view.viewport().rect()
    shown = window.view.mapFromScene(content).boundingRect()
    # the campaign takes most of the width or most of the height of the canvas
    assert shown.width() > 0.6 * view.width() or shown.height() > 0.6 * view.height()
    window.menu_actions["presentation"].setChecked(False)
    _settle()
    assert window.view.max_fit_zoom == 1.25


def test_on_the_projector_a_large_campaign_keeps_names_readable(window: MainWindow,
                                                               workspace_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFontInfo

    from canvas_app.domain.model import Campaign, Sequence
    from canvas_app.ui.canvas.nodes import NodeItem
    from canvas_app.ui.window.presentation import READABLE_PX

    big = Campaign("big", "Forty steps", None,
                   [Sequence(f"s{i}", f"Step {i}", ((i % 10) * 320.0, (i // 10) * 260.0), [])
                    for i in range(40)], [], [])
    window.document.store.add(big)
    window.open_campaign("big")
    window.menu_actions["presentation"].setChecked(True)
    _settle()
    window.view.fit()
    name_px = QFontInfo(NodeItem.name_font).pixelSize() * window.view.zoom()
    assert name_px >= READABLE_PX
    # the start of the flow is on screen (its first node), not an arbitrary middle
    first = window.view.mapFromScene(window.scene.node_items["s0"].sceneBoundingRect())
    assert window.view.viewport().rect().intersects(first.boundingRect())
    window.menu_actions["presentation"].setChecked(False)
    _settle()
    window.view.fit()  # on the desk the whole campaign fits again, however small
    assert QFontInfo(NodeItem.name_font).pixelSize() * window.view.zoom() < READABLE_PX


def test_the_status_bar_keeps_problems_and_zoom_apart_on_the_projector(window: MainWindow) -> None:
    window.menu_actions["presentation"].setChecked(True)
    _settle()
    problems, zoom = window.problem_label, window.zoom_label
    assert problems.text() and zoom.text().endswith("%")
    text_end = problems.x() + problems.contentsRect().left() + \
        problems.fontMetrics().horizontalAdvance(problems.text())
    zoom_start = zoom.x() + zoom.contentsRect().left()
    assert zoom_start - text_end >= 16
    window.menu_actions["presentation"].setChecked(False)
    _settle()

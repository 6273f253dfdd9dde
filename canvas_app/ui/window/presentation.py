"""Presentation mode, for a projector: full screen, larger type, only the canvas and the
simulation, the campaign filling the view; leaving it puts everything back as it was."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from canvas_app.ui.canvas.view_memory import ViewState, apply, capture

if TYPE_CHECKING:
    from canvas_app.ui.window.main_window import MainWindow

LARGER = 1.35  # type size on the projector, against the desktop's


class Presentation:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._font: QFont | None = None
        self._view: ViewState | None = None

    def set(self, on: bool) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        window, view = self.window, self.window.view
        if on:
            self._view = capture(view)
            self._font = QFont(app.font())
            bigger = QFont(self._font)
            bigger.setPointSizeF(self._font.pointSizeF() * LARGER)
            app.setFont(bigger)
            window.palette_dock.hide()
            window.problems_dock.hide()
            view.max_fit_zoom = 2.0  # a small campaign fills the projector
            window.showFullScreen()
            view.fit()  # and again on every resize until the user zooms or pans
            return
        if self._font is not None:
            app.setFont(self._font)
        window.palette_dock.show()
        window.problems_dock.show()
        view.max_fit_zoom = 1.25
        window.showNormal()
        before, self._view = self._view, None
        if before is None:
            view.fit()
        else:  # back where the trainer was before the projector
            QApplication.processEvents()
            apply(view, before)

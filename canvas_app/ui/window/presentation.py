"""Presentation mode, for a projector: full screen, larger type, only the canvas and the
simulation, the campaign filling the view; leaving it puts everything back as it was."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import QApplication, QWidget

from canvas_app.ui.canvas.nodes import NodeItem
from canvas_app.ui.canvas.view import CanvasView
from canvas_app.ui.canvas.view_memory import ViewState, apply, capture

LARGER = 1.35  # type size on the projector, against the desktop's
READABLE_PX = 14  # node names on the projector are never smaller than this at fit


def readable_zoom() -> float:
    """The zoom at which node names are READABLE_PX pixels high."""
    return READABLE_PX / max(1, QFontInfo(NodeItem.name_font).pixelSize())


class Presentation:
    """``window`` goes full screen with ``view`` filling it; ``hidden`` are put away meanwhile."""

    def __init__(self, window: QWidget, view: CanvasView, hidden: list[QWidget]) -> None:
        self.window = window
        self.view = view
        self.hidden = hidden
        self._font: QFont | None = None
        self._view: ViewState | None = None
        self._geometry: QRect | None = None  # the window's before the projector

    def set(self, on: bool) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        window, view = self.window, self.view
        if on:
            self._view = capture(view)
            self._font = QFont(app.font())
            bigger = QFont(self._font)
            bigger.setPointSizeF(self._font.pointSizeF() * LARGER)
            app.setFont(bigger)
            for widget in self.hidden:
                widget.hide()
            view.max_fit_zoom = 2.0  # a small campaign fills the projector
            view.min_fit_zoom = readable_zoom()  # a large one shows its start, readable
            self._geometry = window.geometry()
            window.showFullScreen()
            screen = window.screen()
            if screen is not None:  # also where no window manager makes it full screen
                window.setGeometry(screen.geometry())
            view.fit()  # and again on every resize until the user zooms or pans
            return
        if self._font is not None:
            app.setFont(self._font)
        for widget in self.hidden:
            widget.show()
        view.max_fit_zoom, view.min_fit_zoom = 1.25, 0.0
        window.showNormal()
        if self._geometry is not None:  # also where no window manager restores it
            window.setGeometry(self._geometry)
            self._geometry = None
        before, self._view = self._view, None
        if before is None:
            view.fit()
        else:  # back where the trainer was before the projector
            QApplication.processEvents()
            apply(view, before)

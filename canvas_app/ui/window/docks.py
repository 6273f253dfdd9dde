"""The main window's side and bottom panels: the palette on the left, the Inspector with the
Simulation behind it on the right, Problems with History below. The tall panels scroll rather
than push the window past a small or scaled screen."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QTabBar, QWidget

from canvas_app.ui.window import layout_memory

if TYPE_CHECKING:
    from canvas_app.ui.window.main_window import MainWindow

#: The Inspector's narrowest (the editor's and the first paint's alike).
INSPECTOR_MIN_WIDTH = 260



class _PanelScroll(QScrollArea):
    """Scrolls up and down only, so it is never narrower than its panel: a dock cannot be
    dragged (or a small window squeeze it) to cut the panel's buttons off at the side. Panels
    tabbed in one dock share the widest one's width: the dock sized while one tab shows (Qt
    asks only the tab in view) would cut the other off when its tab is chosen."""

    def own_width(self) -> int:
        panel = self.widget()
        if panel is None:
            return 0
        return max(panel.minimumSizeHint().width(), panel.minimumWidth()) \
            + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def tab_mates(self) -> list[_PanelScroll]:
        """The scroll areas of the panels tabbed with this one in the same dock area."""
        dock, window = self.parentWidget(), self.window()
        if not isinstance(dock, QDockWidget) or not isinstance(window, QMainWindow):
            return []
        return [area for d in window.tabifiedDockWidgets(dock)
                if isinstance(area := d.widget(), _PanelScroll)]

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        needed = max([self.own_width()] + [mate.own_width() for mate in self.tab_mates()])
        return QSize(max(hint.width(), needed), hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and watched is self.widget():
            self.updateGeometry()  # the panel's width changed (a larger font, a new row)
            for mate in self.tab_mates():
                mate.updateGeometry()
        return super().eventFilter(watched, event)


def scrolling(panel: QWidget) -> QScrollArea:
    """``panel`` in a frameless scroll area: as tall as it needs where there is room, scrolled
    where there is not (a 1366×768 laptop at 150%)."""
    area = _PanelScroll()
    area.setObjectName(f"{panel.objectName()}Scroll")
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the panel's own controls take the keyboard
    return area


def _dock(window: MainWindow, title: str, name: str, content: QWidget,
          area: Qt.DockWidgetArea) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(content)
    window.addDockWidget(area, dock)
    return dock


def build_docks(window: MainWindow, history: QWidget, as_left: bool = False) -> None:
    """The panels; ``as_left``: placed and sized as the user left them, when that is known
    (restored before any tabs are made: restoring over tabs leaves stray tab bars showing)."""
    right, bottom = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
    left = window.palette_dock = _dock(window, "Add to canvas", "paletteDock",
                                       window.node_palette, Qt.DockWidgetArea.LeftDockWidgetArea)
    left.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
    window.inspector.setMinimumWidth(INSPECTOR_MIN_WIDTH)
    window.inspector_dock = _dock(window, "Inspector", "inspectorDock",
                                  scrolling(window.inspector), right)
    window.simulation_dock = _dock(window, "Simulation", "simulationDock",
                                   scrolling(window.simulation), right)
    window.problems_dock = _dock(window, "Problems", "problemsDock", window.problems_panel,
                                 bottom)
    window.history_dock = _dock(window, "History", "historyDock", scrolling(history), bottom)
    window.installEventFilter(_FirstShow(window))
    if as_left and layout_memory.restore(window):
        return
    window.tabifyDockWidget(window.inspector_dock, window.simulation_dock)
    window.inspector_dock.raise_()
    window.tabifyDockWidget(window.problems_dock, window.history_dock)
    window.problems_dock.raise_()
    proportion(window)


def proportion(window: MainWindow) -> None:
    """The panels' usual sizes, smaller in a small window (200%, a small screen) so that the
    canvas keeps most of it."""
    proportion_docks(window, window.palette_dock, window.inspector_dock, window.problems_dock)


def proportion_docks(window: QMainWindow, palette: QDockWidget, inspector: QDockWidget,
                     problems: QDockWidget) -> None:
    """``proportion`` for any window with these panels (the first paint has the same)."""
    width, height = max(window.width(), 1), max(window.height(), 1)
    window.resizeDocks([problems], [min(150, height // 6)], Qt.Orientation.Vertical)
    window.resizeDocks([palette, inspector], [min(200, width // 6), max(290, min(330, width // 4))],
                       Qt.Orientation.Horizontal)


class _FirstShow(QObject):
    """Sizes the panels again when the window first shows at its real size."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QMainWindow):
            watched.removeEventFilter(self)
            from canvas_app.ui.window.main_window import MainWindow

            if isinstance(watched, MainWindow) and not watched.property(layout_memory.RESTORED):
                proportion(watched)  # (panels the user left as they were are kept)
            if isinstance(watched, QMainWindow):
                QTimer.singleShot(0, partial(hide_stray_tab_rows, watched))
        return False


def hide_stray_tab_rows(window: QMainWindow) -> None:
    """Qt leaves the tab row of a panel group it has laid out again on screen, still showing
    the old tabs where the panels were (a "Problems | History" row over the palette). Of the
    rows with the same tabs, the one in use is the lowest; the others are hidden."""
    if not window.isVisible():
        return
    rows: dict[tuple[str, ...], list[QTabBar]] = {}
    for bar in window.findChildren(QTabBar):
        if bar.parent() is window and bar.isVisible():
            rows.setdefault(tuple(bar.tabText(i) for i in range(bar.count())), []).append(bar)
    for same in rows.values():
        for stray in sorted(same, key=lambda bar: bar.geometry().bottom())[:-1]:
            stray.hide()

"""No window grows past the screen it is on: windows and dialogs open at a size that fits the
available area (small laptops, projectors at 1024×768, 200% scaling), and at the size the user
last gave them on a screen like this one (remembered per screen name and size)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

MARGIN = 24  # room for the window frame and a panel at the screen's edge
SIZES = "windowSizes"


def settings() -> QSettings:
    return QSettings("CampaignCanvas", "Campaign Canvas")


def _screen(widget: QWidget) -> QScreen | None:
    return widget.screen() or QGuiApplication.primaryScreen()


def available(widget: QWidget) -> QSize:
    screen = _screen(widget)
    if screen is None:
        return QSize(16777215, 16777215)
    area = screen.availableGeometry().size()
    return QSize(max(320, area.width() - MARGIN), max(240, area.height() - MARGIN))


def screen_key(widget: QWidget) -> str:
    """Names a screen by its name and size: a laptop on its own and on a projector differ."""
    screen = _screen(widget)
    if screen is None:
        return "none"
    size = screen.geometry().size()
    return f"{screen.name() or 'screen'}@{size.width()}x{size.height()}".replace("/", "_")


def _key(widget: QWidget) -> str:
    return f"{SIZES}/{widget.objectName() or type(widget).__name__}/{screen_key(widget)}"


def remembered(widget: QWidget) -> QSize | None:
    value = settings().value(_key(widget))
    return value if isinstance(value, QSize) and value.isValid() else None


def remember(widget: QWidget) -> None:
    """Keeps the widget's size for the next time it opens on this screen."""
    if not (widget.isFullScreen() or widget.isMaximized() or widget.isMinimized()):
        settings().setValue(_key(widget), widget.size())


def keep_on_screen(widget: QWidget) -> None:
    """Moves a window whose frame reaches past the screen's available area back onto it (a
    dialog centred over a window larger than the screen)."""
    screen = _screen(widget)
    if screen is None or not widget.isWindow():
        return
    area, frame = screen.availableGeometry(), widget.frameGeometry()
    x = max(area.left(), min(frame.left(), area.right() + 1 - frame.width()))
    y = max(area.top(), min(frame.top(), area.bottom() + 1 - frame.height()))
    if (x, y) != (frame.left(), frame.top()):
        widget.move(x, y)


class _Keeper(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget):
            if event.type() in (QEvent.Type.Hide, QEvent.Type.Close):
                remember(watched)
            elif event.type() == QEvent.Type.Show:
                keep_on_screen(watched)
        return False


def size_like(widget: QWidget, name: str, width: int, height: int) -> None:
    """Resizes ``widget`` as ``fit_to_screen`` would size the window named ``name`` (the first
    paint takes the main window's size, which then takes its place)."""
    room = available(widget)
    value = settings().value(f"{SIZES}/{name}/{screen_key(widget)}")
    wanted = value if isinstance(value, QSize) and value.isValid() else QSize(width, height)
    widget.resize(min(wanted.width(), room.width()), min(wanted.height(), room.height()))


def fit_to_screen(widget: QWidget, width: int, height: int, cap: bool = True) -> None:
    """Resizes to the size last used on this screen, else (width, height), never larger than
    the screen; ``cap`` also stops the widget from growing past it. The size is remembered when
    the widget is hidden or closed."""
    room = available(widget)
    if cap:
        widget.setMaximumSize(room)
    wanted = remembered(widget) or QSize(width, height)
    widget.resize(min(wanted.width(), room.width()), min(wanted.height(), room.height()))
    if widget.findChild(_Keeper) is None:
        widget.installEventFilter(_Keeper(widget))

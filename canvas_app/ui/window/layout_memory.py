"""The panels' places and sizes as the user left them, kept in the user's settings: the editor
and its first paint both open with them, so the canvas does not move when one replaces the
other."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

STATE_KEY = "window/panels"
#: Set on a window whose panels were put back as the user left them.
RESTORED = "panelsRestored"
#: Bumped when the panels change: a state saved for other panels is not applied.
LAYOUT_VERSION = 1


def _settings() -> QSettings:
    return QSettings("CampaignCanvas", "Campaign Canvas")


def save(window: QMainWindow) -> None:
    _settings().setValue(STATE_KEY, window.saveState(LAYOUT_VERSION))


def restore(window: QMainWindow) -> bool:
    """Applies the saved panels; False when there is none (or it does not fit these panels)."""
    value = _settings().value(STATE_KEY)
    if not isinstance(value, QByteArray | bytes) or not value:
        return False
    done = bool(window.restoreState(QByteArray(value), LAYOUT_VERSION))
    window.setProperty(RESTORED, done)  # the first show leaves them as they are
    return done

"""Tab follows what is on screen: a dock behind another in a tab group (Simulation behind the
Inspector) keeps its widgets alive, but the keyboard must not wander into controls nobody can
see (Space there would act unseen)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QDockWidget, QWidget


def hidden_behind_a_tab(widget: QWidget | None) -> bool:
    """True when ``widget`` sits in a dock whose tab is not the one shown."""
    while widget is not None:
        if isinstance(widget, QDockWidget):
            return widget.isVisible() and widget.visibleRegion().isEmpty()
        widget = widget.parentWidget()
    return False


def step_over_hidden(step: Callable[[bool], bool], forward: bool, limit: int = 200) -> bool:
    """Moves focus with ``step`` (a window's focusNextPrevChild) until it lands on a control that
    can be seen; gives up after ``limit`` steps (a window with nothing else to focus)."""
    moved = step(forward)
    for _ in range(limit):
        if not hidden_behind_a_tab(QApplication.focusWidget()):
            break
        moved = step(forward)
    return moved

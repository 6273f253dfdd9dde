"""Every window a user meets, opened on the ebook funnel with a contact who got an email, and a
walk that lists focusable controls a screen reader could not name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget

from canvas_app.engine import templates as tpl
from canvas_app.ui.email.link_dialog import LinkDialog
from canvas_app.ui.simulation.contact_dialogs import AddContactDialog, CsvPreviewDialog
from canvas_app.ui.simulation.workshop_dialog import WorkshopDialog
from canvas_app.ui.window.main_window import MainWindow
from canvas_app.ui.window.template_gallery import TemplateGallery
from tests.ui.simulation.test_simulation_panel import advance, go_live


def _inner(widget: QWidget) -> bool:
    """A part of a composite control that the composite speaks for (a spin box's or an
    editable combo box's line edit)."""
    parent = widget.parentWidget()
    if widget.focusProxy() is not None:  # the control it hands focus to is walked instead
        return True
    return isinstance(parent, (QAbstractSpinBox, QComboBox)) or (
        parent is not None and parent.focusProxy() is widget)


def nameless(root: QWidget) -> list[str]:
    """Focusable, shown controls under ``root`` whose accessible name is empty."""
    missing: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.isWindow() and widget is not root or not widget.isVisibleTo(root.window()):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or _inner(widget):
            continue
        face = QAccessible.queryAccessibleInterface(widget)
        name = face.text(QAccessible.Text.Name) if face is not None else ""
        if not name.strip():
            missing.append(f"{type(widget).__name__}({widget.objectName()!r}) "
                           f"in {type(root).__name__}")
    return missing


def every_dialog(window: MainWindow, qtbot, tmp_path: Path) -> dict[str, QWidget]:  # type: ignore[no-untyped-def]
    """Each dialog open (and shown), by name."""
    go_live(window, "ann@example.com")
    window.simulation.enrol(["ann@example.com"], "welcome")
    advance(window, qtbot, 600)
    campaign = window.document.campaign
    assert campaign is not None
    csv = tmp_path / "people.csv"
    csv.write_text("email,name\nzoe@example.com,Zoe\n", encoding="utf-8")
    found: dict[str, QWidget | None] = {
        "goal setup": window.dialogs.open_goal_setup("downloaded"),
        "sequence editor": window.dialogs.open_sequence_editor("welcome"),
        "publish": window.campaign_ops.publish(),
        "report": window.simulation_dialogs.open_report(),
        "inbox": window.simulation_dialogs.open_inbox("ann@example.com"),
        "why": window.simulation_dialogs.open_why("ann@example.com"),
        "template gallery": TemplateGallery(tpl.templates(), window),
        "workshop": WorkshopDialog(campaign, window),
        "link": LinkDialog("Get it", parent=window),
        "add contact": AddContactDialog(window),
        "contacts import": CsvPreviewDialog(csv, window),
    }
    window.find_bar.open_bar()
    found["find bar"] = window.find_bar
    found["history"] = window.history_dock.widget()
    found["simulation"] = window.simulation
    out: dict[str, QWidget] = {}
    for name, widget in found.items():
        assert widget is not None, name
        if widget.isWindow():
            widget.show()
        out[name] = widget
    return out

"""Starting the editor, or rendering it offscreen to a picture (``--screenshot``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from canvas_app import __version__

if TYPE_CHECKING:  # loaded when needed: the editor's start-up time counts
    from PySide6.QtWidgets import QApplication

    from canvas_app.store.campaigns import CampaignSummary
    from canvas_app.store.workspace import Workspace
    from canvas_app.ui.window.first_paint import FirstPaint
    from canvas_app.ui.window.main_window import MainWindow

#: For the start-up benchmark: "first" quits once the first paint is on screen, "ready" once
#: the full editor is (the benchmark times the whole process, as it does a bare window's).
STARTUP_PROBE = "CAMPAIGN_CANVAS_STARTUP_PROBE"


def run_gui(path: Path | str | None, campaign_id: str | None = None,
            screenshot: Path | None = None, size: tuple[int, int] = (1440, 900)) -> int:
    no_display = sys.platform.startswith("linux") and not os.environ.get("DISPLAY") \
        and not os.environ.get("WAYLAND_DISPLAY")
    if screenshot is not None and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    elif no_display and not os.environ.get("QT_QPA_PLATFORM"):
        sys.stderr.write("campaign-canvas: no display was found, so the editor cannot open a "
                         "window. Run it in a desktop session, use a command (see --help), or "
                         "render a picture with: gui --screenshot OUT.png\n")
        return 1
    app = _application()
    first = _first_paint(app, path, campaign_id) if screenshot is None else None
    if first is not None and os.environ.get(STARTUP_PROBE) == "first":
        return 0
    window = _main_window(path, campaign_id, screenshot)
    if window is None:
        if first is not None:
            first.close()
        return 1
    if screenshot is None:
        return _show(app, window, first)
    _quiet_platform_warnings()
    window.resize(*size)
    window.show()
    app.processEvents()
    window.view.fit()
    app.processEvents()
    ok = window.grab().save(str(screenshot))
    window.close()
    if not ok:
        sys.stderr.write(f"campaign-canvas: cannot write the picture {screenshot}\n")
        return 1
    return 0


def _application() -> QApplication:
    from PySide6.QtWidgets import QApplication

    from canvas_app.ui.window.import_check import make_imports_cheaper

    make_imports_cheaper()  # before anything else is imported after Qt
    from canvas_app.ui.style import icons
    from canvas_app.ui.style.theme import follow_system_scheme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Campaign Canvas")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("CampaignCanvas")
    app.setWindowIcon(icons.icon("app"))
    follow_system_scheme()  # dark when the system is, and again when it changes
    return app


def _main_window(path: Path | str | None, campaign_id: str | None, screenshot: Path | None
                 ) -> MainWindow | None:
    """The editor on the workspace, or None when it cannot open (the user was told why)."""
    from canvas_app.store.errors import WorkspaceError
    from canvas_app.ui.window import error_guard
    from canvas_app.ui.window.main_window import MainWindow
    from canvas_app.ui.window.opening import open_for_editing

    error_guard.install()
    workspace = open_for_editing(path, None, ask=screenshot is None)
    if workspace is None:
        from canvas_app.store.defaults import open_workspace

        if screenshot is None:
            return None
        try:
            workspace = open_workspace(path, read_only=True)
        except WorkspaceError as exc:
            sys.stderr.write(f"campaign-canvas: {exc}\n")
            return None
    try:  # a damaged file may only show when the window reads it: one sentence, no traceback
        if campaign_id is not None and campaign_id not in {c.id for c in _campaigns(workspace)}:
            sys.stderr.write(f"campaign-canvas: there is no campaign '{campaign_id}' in "
                             f"{workspace.location}\n")
            workspace.close()
            return None
        window = MainWindow(workspace, campaign_id, panels_as_left=True)
    except WorkspaceError as exc:
        workspace.close()
        if screenshot is None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(None, "Cannot open workspace", exc.sentence())
        else:
            sys.stderr.write(f"campaign-canvas: {exc}\n")
        return None
    window.files.remember(workspace.location)
    return window


def _show(app: QApplication, window: MainWindow, first: FirstPaint | None) -> int:
    """The editor on screen, in the first paint's place; then the event loop."""
    from PySide6.QtCore import QTimer

    from canvas_app.ui.window import layout_memory

    if first is not None:  # (the panels are as the first paint has them: the canvas stays)
        window.setGeometry(first.geometry())
    window.show()  # the canvas opens as it was left (or fitted, the first time)
    if first is not None:
        first.close()
        first.deleteLater()
    # kept once it is laid out as well as at close: the next first paint matches even after a
    # crash, and from the first start on
    QTimer.singleShot(0, lambda: layout_memory.save(window))
    if os.environ.get(STARTUP_PROBE) == "ready":
        app.processEvents()
        window.close()
        return 0
    return int(app.exec())


def _quiet_platform_warnings() -> None:
    """The offscreen platform warns that it cannot pass size hints on: true, and of no use to
    someone who asked for a picture. Every other Qt message still reaches stderr."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if "propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def _campaigns(workspace: Workspace) -> list[CampaignSummary]:
    from canvas_app.store.campaigns import CampaignStore

    return CampaignStore(workspace).list()


def _first_paint(app: QApplication, path: Path | str | None, campaign_id: str | None
                 ) -> FirstPaint | None:
    """The editor's picture from a light read, on screen before the heavy libraries load; None
    when the workspace needs more than a look (migrating, locked, damaged, missing)."""
    if isinstance(path, str):  # a server workspace: only the full open can read it
        return None
    from canvas_app.engine.first_look import first_campaign

    found = first_campaign(path, campaign_id)
    if found is None:
        return None
    from canvas_app.ui.window.first_paint import FirstPaint

    window = FirstPaint(*found)
    window.show()
    window.show_canvas()
    app.processEvents()
    return window

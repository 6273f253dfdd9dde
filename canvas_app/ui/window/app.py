"""Starting the editor, or rendering it offscreen to a picture (``--screenshot``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from canvas_app import __version__

if TYPE_CHECKING:  # loaded when needed: the editor's start-up time counts
    from canvas_app.store.campaigns import CampaignSummary
    from canvas_app.store.workspace import Workspace


def run_gui(path: Path | None, campaign_id: str | None = None,
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
    from PySide6.QtWidgets import QApplication

    from canvas_app.ui.style import icons
    from canvas_app.ui.style.theme import follow_system_scheme
    from canvas_app.ui.window import error_guard
    from canvas_app.ui.window.main_window import MainWindow
    from canvas_app.ui.window.opening import open_for_editing

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Campaign Canvas")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("CampaignCanvas")
    app.setWindowIcon(icons.icon("app"))
    follow_system_scheme()  # dark when the system is, and again when it changes
    error_guard.install()
    from canvas_app.store.errors import WorkspaceError

    workspace = open_for_editing(path, None, ask=screenshot is None)
    if workspace is None:
        from canvas_app.store.defaults import open_workspace

        if screenshot is None:
            return 1
        try:
            workspace = open_workspace(path, read_only=True)
        except WorkspaceError as exc:
            sys.stderr.write(f"campaign-canvas: {exc}\n")
            return 1
    try:  # a damaged file may only show when the window reads it: one sentence, no traceback
        if campaign_id is not None and campaign_id not in {c.id for c in _campaigns(workspace)}:
            sys.stderr.write(f"campaign-canvas: there is no campaign '{campaign_id}' in "
                             f"{workspace.path}\n")
            workspace.close()
            return 1
        window = MainWindow(workspace, campaign_id)
    except WorkspaceError as exc:
        workspace.close()
        if screenshot is None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(None, "Cannot open workspace", exc.sentence())
        else:
            sys.stderr.write(f"campaign-canvas: {exc}\n")
        return 1
    window.files.remember(workspace.path)
    if screenshot is None:
        window.show()  # the canvas opens as it was left (or fitted, the first time)
        return int(app.exec())
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

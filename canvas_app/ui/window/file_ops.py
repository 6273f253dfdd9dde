"""The File menu: workspaces, campaign files and pictures of the canvas.

It works on the document and the canvas, asks over ``parent`` and says what happened on
``status``; a workspace opened or a campaign imported it hands to the window with a signal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QRectF, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from canvas_app.domain.interchange import CampaignFileError
from canvas_app.engine.errors import Refused
from canvas_app.store.defaults import is_server
from canvas_app.store.errors import WorkspaceError
from canvas_app.ui.canvas.scene import CanvasScene
from canvas_app.ui.editor.document import EditorDocument
from canvas_app.ui.editor.status import Status
from canvas_app.ui.style.file_dialogs import open_file_name, save_file_name, start_in
from canvas_app.ui.style.mnemonics import literal
from canvas_app.ui.window.opening import open_for_editing

WORKSPACE_FILTER = "Campaign Canvas workspaces (*.canvas-workspace);;All files (*)"
CAMPAIGN_FILTER = "Campaign files (*.campaign.json *.json);;All files (*)"
MAX_RECENT = 8


def settings() -> QSettings:
    return QSettings("CampaignCanvas", "Campaign Canvas")


def recent_paths() -> list[str]:
    """The workspaces opened last, newest first (QSettings may give one path as a string)."""
    value = settings().value("recent", [])
    if isinstance(value, str):
        return [value]
    return [str(p) for p in value] if isinstance(value, list) else []


def render_scene(scene: CanvasScene, painter: QPainter, target: QRectF) -> None:
    """Draws the campaign (not the selection) into ``target``."""
    selected = scene.selectedItems()
    scene.clearSelection()
    source = scene.content_rect().adjusted(-40, -40, 40, 40)
    painter.fillRect(target, scene.theme.background)
    scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
    for item in selected:
        item.setSelected(True)


class FileOperations(QObject):
    workspaceOpened = Signal(object)  # the Workspace to work in from now on
    campaignImported = Signal(str)  # its id, to show

    def __init__(self, document: EditorDocument, scene: CanvasScene, status: Status,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.document = document
        self.scene = scene
        self.status = status
        self.host = parent  # the widget its questions are asked over
        self.recent_menu = QMenu("Open &Recent", parent)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent)

    # -- workspaces --------------------------------------------------------------------
    def remember(self, location: Path | str) -> None:
        """Puts a workspace first in Open Recent: a file, or a server's URL (which a workspace
        gives without its password)."""
        recent = [p for p in recent_paths() if p != str(location)]
        settings().setValue("recent", [str(location), *recent][:MAX_RECENT])
        if isinstance(location, Path):  # the file dialogs open beside it
            start_in(location.absolute().parent)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in recent_paths() if is_server(p) or Path(p).exists()]
        for path in recent:
            action = self.recent_menu.addAction(
                literal(path if is_server(path) else Path(path).name))
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(
                lambda _=False, p=path: self.open_path(p if is_server(p) else Path(p)))
        if not recent:
            self.recent_menu.addAction("No recent workspaces").setEnabled(False)

    def new_workspace(self) -> None:
        name = save_file_name(self.host, "New workspace", "campaigns.canvas-workspace",
                              WORKSPACE_FILTER)
        if not name:
            return
        path = Path(name if name.endswith(".canvas-workspace") else name + ".canvas-workspace")
        if path.exists():
            QMessageBox.warning(self.host, "New workspace",
                                f"{path.name} already exists. Choose Open to open it.")
            return
        self.open_path(path, create=True)

    def open(self) -> None:
        name = open_file_name(self.host, "Open workspace", "", WORKSPACE_FILTER)
        if name:
            self.open_path(Path(name))

    def open_server(self) -> None:
        """File › Open Workspace on a Server…: a database URL; the password, if the server
        asks for one, is asked separately and never kept."""
        url, ok = QInputDialog.getText(
            self.host, "Open workspace on a server",
            "Database URL (postgresql+psycopg://user@host:5432/database):")
        if ok and url.strip():
            self.open_path(url.strip())

    def open_path(self, path: Path | str, create: bool = False) -> None:
        workspace = open_for_editing(path, self.host, create=create)
        if workspace is not None:
            self.remember(workspace.location)
            self.workspaceOpened.emit(workspace)

    def save_as(self) -> None:
        name = save_file_name(self.host, "Save workspace as",
                              "copy.canvas-workspace", WORKSPACE_FILTER)
        if not name:
            return
        target = Path(name)
        try:
            self.document.workspace.save_as(target)
        except (WorkspaceError, OSError) as exc:
            QMessageBox.critical(self.host, "Save as", f"The copy could not be saved: {exc}")
            return
        self.open_path(target)
        self.status.say(f"Saved a copy as {target.name}; you are now "
                                            "working in it.")

    # -- campaign files ----------------------------------------------------------------
    def import_campaign(self) -> None:
        name = open_file_name(self.host, "Import campaign", "", CAMPAIGN_FILTER)
        if not name:
            return
        try:
            campaign_id = self.document.import_campaign(Path(name))
        except CampaignFileError as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, "Import campaign",
                              f"{Path(name).name} cannot be imported. Nothing was changed.",
                              parent=self.host)
            box.setDetailedText("\n".join(str(p) for p in exc.problems))
            box.exec()
            return
        self.campaignImported.emit(campaign_id)  # shown whole, in the switcher, nothing selected
        name = self.document.campaign.name if self.document.campaign else campaign_id
        self.status.say(f"Imported the campaign '{name}'.")

    def export_campaign(self) -> None:
        campaign = self.document.campaign
        if campaign is None:
            return
        name = save_file_name(self.host, "Export campaign",
                              f"{campaign.id}.campaign.json", CAMPAIGN_FILTER)
        if name:
            try:
                self.document.export_campaign(Path(name))
            except Refused as exc:
                QMessageBox.warning(self.host, "Export campaign", exc.in_words())
                return
            self.status.say(f"Exported to {Path(name).name}.")

    # -- pictures ----------------------------------------------------------------------
    def export_picture(self, kind: str) -> None:
        filters = {"png": "PNG image (*.png)", "svg": "SVG drawing (*.svg)", "pdf": "PDF (*.pdf)"}
        name = save_file_name(self.host, f"Export canvas as {kind.upper()}",
                              f"campaign.{kind}", filters[kind])
        if name:
            write_picture(self.scene, Path(name), kind)
            self.status.say(f"Saved {Path(name).name}.")


def write_picture(scene: CanvasScene, path: Path, kind: str) -> None:
    source = scene.content_rect().adjusted(-40, -40, 40, 40)
    if kind == "png":
        scale = 2.0
        image = QImage(QSize(int(source.width() * scale), int(source.height() * scale)),
                       QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        render_scene(scene, painter, QRectF(0, 0, image.width(), image.height()))
        painter.end()
        image.save(str(path))
    elif kind == "svg":
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(source.size().toSize())
        generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
        generator.setTitle("Campaign Canvas")
        painter = QPainter(generator)
        render_scene(scene, painter, QRectF(0, 0, source.width(), source.height()))
        painter.end()
    else:
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageOrientation(writer.pageLayout().Orientation.Landscape)
        writer.setPageMargins(QMarginsF(12, 12, 12, 12))
        painter = QPainter(writer)
        page = writer.pageLayout().paintRectPixels(writer.resolution())
        render_scene(scene, painter, QRectF(0, 0, page.width(), page.height()))
        painter.end()

"""The program's file dialogs. Qt's own dialog (not the platform's), whose file list and name
completer never open a file to guess its type or icon: a process closing any descriptor of a
file loses every POSIX lock it holds on it, so a dialog that peeked into the open workspace,
its log or its shared-memory file took away SQLite's locks, and the next command run beside
the editor deleted the workspace's write-ahead log under it (the workspace was damaged)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QMessageBox, QWidget

from canvas_app.engine.file_guard import workspace_target


class ContentBlindIcons(QAbstractFileIconProvider):
    """A folder or a file icon, and a type from the name only: nothing is opened."""

    def __init__(self) -> None:
        super().__init__()
        self._icons = QFileIconProvider()  # only for its two generic icons

    def icon(self, what: object) -> QIcon:
        if isinstance(what, QFileInfo):
            kind = QAbstractFileIconProvider.IconType.Folder if what.isDir() \
                else QAbstractFileIconProvider.IconType.File
            return self._icons.icon(kind)
        if isinstance(what, QAbstractFileIconProvider.IconType):
            return self._icons.icon(what)
        return QIcon()

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        suffix = info.completeSuffix()
        return f"{suffix} file" if suffix else "File"


#: Where a dialog opens when it is given no folder: beside the workspace shown (not wherever the
#: program was started from).
_START: list[Path] = []


def start_in(folder: Path) -> None:
    _START[:] = [folder]


def _dialog(parent: QWidget | None, caption: str, directory: str, filters: str,
            saving: bool) -> QFileDialog:
    if _START and not Path(directory).is_absolute() and "/" not in directory:
        directory = str(_START[0] / directory) if directory else str(_START[0])
    dialog = QFileDialog(parent, caption, directory, filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setIconProvider(ContentBlindIcons())
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if saving
                         else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if saving
                       else QFileDialog.FileMode.ExistingFile)
    if saving and "." in directory:
        suffix = directory.rsplit(".", 1)[1]
        dialog.setDefaultSuffix(suffix)
    return dialog


def open_file_name(parent: QWidget | None, caption: str, directory: str = "",
                   filters: str = "") -> str:
    """The file the user chose to open, or "" when cancelled."""
    dialog = _dialog(parent, caption, directory, filters, saving=False)
    chosen = dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []
    return chosen[0] if chosen else ""


def save_file_name(parent: QWidget | None, caption: str, suggested: str = "",
                   filters: str = "") -> str:
    """Where the user chose to save, or "" when cancelled; never the open workspace or one of
    its files (writing there would replace every campaign, contact and click)."""
    dialog = _dialog(parent, caption, suggested, filters, saving=True)
    chosen = dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []
    if chosen and workspace_target(Path(chosen[0])):
        QMessageBox.warning(parent, caption, f"{Path(chosen[0]).name} is the open workspace (or "
                            "one of its files), so nothing was written. Choose another name.")
        return ""
    return chosen[0] if chosen else ""

"""Opening a workspace for editing: the editor lock, with a read-only offer when another
window has it, and clear messages for files that are not workspaces."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from canvas_app.store.defaults import open_workspace, with_password
from canvas_app.store.errors import LoginRefused, WorkspaceError, WorkspaceInUse
from canvas_app.store.workspace import Workspace


def open_for_editing(path: Path | str | None, parent: QWidget | None, *, ask: bool = True,
                     create: bool = False) -> Workspace | None:
    """The workspace, locked for editing or (when the user agrees) read-only; None if not.
    A path where no file is yet is offered to be made into a new workspace."""
    if isinstance(path, Path) and ask and not create and not path.exists() \
            and not path.is_symlink():
        answer = QMessageBox.question(
            parent, "No workspace there",
            f"There is no workspace at {path}.\n\nCreate a new, empty workspace there?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        create = True
    workspace = _open(path, parent, ask=ask, create=create)
    if workspace is None:
        return None
    if workspace.read_only:  # a file or folder that cannot be written: nothing to lock
        if ask:
            QMessageBox.information(parent, "Opened read-only",
                                    f"{workspace.location} opened read-only: "
                                    f"{workspace.read_only_reason}.")
        return workspace
    try:
        workspace.editor_lock.acquire()
        return workspace
    except WorkspaceInUse as exc:
        workspace.close()
        if ask:
            answer = QMessageBox.question(
                parent, "Workspace in use",
                f"{exc.sentence()}\n\nOpen it read-only? You can look at "
                "everything but not change it.",
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Open:
                return None
        try:
            return open_workspace(path, read_only=True)
        except WorkspaceError as again:
            if ask:
                QMessageBox.critical(parent, "Cannot open workspace", again.sentence())
            return None


def _open(path: Path | str | None, parent: QWidget | None, *, ask: bool,
          create: bool) -> Workspace | None:
    """The workspace opened (a server asking for a password gets it asked for); None when it
    cannot be, the user told why."""
    try:
        return open_workspace(path, create=create)
    except LoginRefused as exc:
        return _with_password(path, parent, exc) if ask else None
    except WorkspaceError as exc:
        if ask:
            QMessageBox.critical(parent, "Cannot open workspace", exc.sentence())
        return None


def _with_password(url: Path | str | None, parent: QWidget | None,
                   refused: LoginRefused) -> Workspace | None:
    """A server workspace opened with a password asked for here (kept for this connection
    only: never stored, shown or remembered); None when the user gives up."""
    for _ in range(3):  # bounded: a wrong password is asked again, twice at most
        password, ok = QInputDialog.getText(
            parent, "Password", f"{refused.sentence()}\n\nPassword:", QLineEdit.EchoMode.Password)
        if not ok or not isinstance(url, str):
            return None
        try:
            return open_workspace(with_password(url, password))
        except LoginRefused as again:
            refused = again
        except WorkspaceError as exc:
            QMessageBox.critical(parent, "Cannot open workspace", exc.sentence())
            return None
    return None

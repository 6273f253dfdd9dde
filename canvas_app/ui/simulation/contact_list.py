"""The Simulation panel's contact list: several can be selected (Ctrl+A selects them all), and
dragged onto a sequence on the canvas to enrol them."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QAbstractItemView, QListWidget

from canvas_app.ui.canvas.view import CONTACTS_MIME


class ContactList(QListWidget):
    """Contacts; drag them onto a sequence on the canvas to enrol them."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("contactList")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setToolTip("Select contacts, then enrol them, open their inbox, or drag them onto "
                        "a sequence on the canvas")

    def selected_emails(self) -> list[str]:
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in self.selectedItems()]

    def startDrag(self, actions: Qt.DropAction) -> None:
        emails = self.selected_emails()
        if not emails:
            return
        data = QMimeData()
        data.setData(CONTACTS_MIME, "\n".join(emails).encode())
        drag = QDrag(self)
        drag.setMimeData(data)
        drag.exec(Qt.DropAction.CopyAction)

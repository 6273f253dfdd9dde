"""The Simulation panel's contacts: a search field over a list that reads a page at a time.
Several can be selected (Ctrl+A selects those shown), and dragged onto a sequence on the canvas
to enrol them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from canvas_app.domain.words import plural
from canvas_app.store.workspace import Workspace
from canvas_app.ui.canvas.constants import CONTACTS_MIME
from canvas_app.ui.simulation.contact_model import ContactModel

SEARCH_PAUSE_MS = 150  # typing on: the list is read again once the user pauses


class ContactList(QListView):
    """Contacts; drag them onto a sequence on the canvas to enrol them."""

    def __init__(self, model: ContactModel) -> None:
        super().__init__()
        self.setObjectName("contactList")
        self.setAccessibleName("Contacts")
        self.setModel(model)
        self.contacts = model
        self.setUniformItemSizes(True)  # 100,000 rows lay out without measuring each
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setToolTip("Select contacts, then enrol them, open their inbox, or drag them onto "
                        "a sequence on the canvas")

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """End (with Shift or Ctrl too) goes to the last contact, not the last one read."""
        if action == QAbstractItemView.CursorAction.MoveEnd and self.contacts.canFetchMore(
                QModelIndex()):
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # 100,000: half a second
            try:
                self.contacts.fetch_rest()
            finally:
                QApplication.restoreOverrideCursor()
        return super().moveCursor(action, modifiers)

    def count(self) -> int:
        """How many contacts are listed so far (more are read as the list scrolls)."""
        return self.contacts.rowCount()

    def text(self, row: int) -> str:
        return str(self.contacts.index(row).data())

    def selected_emails(self) -> list[str]:
        rows = sorted(i.row() for i in self.selectionModel().selectedIndexes())
        return [self.contacts.contact(r).email for r in rows]

    def select_emails(self, emails: set[str]) -> None:
        chosen = QItemSelection()
        for row in range(self.contacts.rowCount()):
            if self.contacts.contact(row).email in emails:
                index = self.contacts.index(row)
                chosen.select(index, index)
        self.selectionModel().select(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def reload(self, keep_selection: bool = True, if_changed: bool = False) -> None:
        """Read the list again (the contacts changed), keeping the selection if asked.
        ``if_changed``: only if a contact was added or removed since (the simulation moved):
        reading again shows the first page only, so a selection made after End (all of them)
        would shrink to it, and the list would jump back to the top."""
        if if_changed and not self.contacts.contacts_changed():
            return
        selected = set(self.selected_emails()) if keep_selection else set()
        self.contacts.reload()
        if selected:
            self.select_emails(selected)

    def startDrag(self, actions: Qt.DropAction) -> None:
        emails = self.selected_emails()
        if not emails:
            return
        data = QMimeData()
        data.setData(CONTACTS_MIME, "\n".join(emails).encode())
        drag = QDrag(self)
        drag.setMimeData(data)
        drag.exec(Qt.DropAction.CopyAction)


class ContactBrowser(QWidget):
    """A search field over the contact list."""

    def __init__(self, workspace: Callable[[], Workspace], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ContactModel(workspace, self)
        self.list = ContactList(self.model)
        self.search = QLineEdit()
        self.search.setObjectName("contactSearch")
        self.search.setPlaceholderText("Search by name or address")
        self.search.setAccessibleName("Search contacts")
        self.search.setClearButtonEnabled(True)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _text: self._pause.start())
        self.summary = QLabel()
        self.summary.setObjectName("contactSummary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        self.model.modelReset.connect(self._summarise)
        self.model.rowsInserted.connect(self._summarise)
        self.list.selectionModel().selectionChanged.connect(self._summarise)

    def _summarise(self) -> None:
        """How many contacts there are (or match), and how many are selected: rows scrolled
        out of sight stay selected, and enrolling takes them too."""
        total, chosen = self.model.total, len(self.list.selected_emails())
        what = ("match", "matches") if self.model.search else ("contact", "contacts")
        text = f"{total:,} {plural(total, *what)}"
        self.summary.setText(f"{text} · {chosen:,} selected" if chosen else text)

    def apply_search(self) -> None:
        self._pause.stop()
        self.model.search = self.search.text()
        self.list.reload()  # (the selection among those still listed stays)


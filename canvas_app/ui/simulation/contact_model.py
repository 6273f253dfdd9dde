"""The contacts as a list model that reads a page at a time: a workspace with 100,000
contacts opens as quickly as one with ten, and the list scrolls on as pages arrive. A search
over name and address narrows it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from canvas_app.engine.contact_pages import PAGE, contact_page, contact_total, contacts_mark
from canvas_app.engine.simulation import ContactInfo
from canvas_app.store.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex
EMAIL_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ContactModel(QAbstractListModel):
    def __init__(self, workspace: Callable[[], Workspace], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._rows: list[ContactInfo] = []
        self.total = 0  # how many contacts match the search, loaded or not
        self.search = ""
        self._mark: tuple[str, int, int] | None = None  # where and what was last read

    def reload(self, search: str | None = None) -> None:
        """The first page again (after a change, or for another search)."""
        if search is not None:
            self.search = search
        workspace = self._workspace()
        self._mark = (workspace.location, *contacts_mark(workspace))
        self.beginResetModel()
        self._rows = contact_page(workspace, self.search)
        self.total = contact_total(workspace, self.search) if len(self._rows) == PAGE \
            else len(self._rows)
        self.endResetModel()

    def contacts_changed(self) -> bool:
        """Whether a contact was added or removed since the list was read (or the list is
        of another workspace)."""
        workspace = self._workspace()
        return (workspace.location, *contacts_mark(workspace)) != self._mark

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        person = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return person.label
        if role == EMAIL_ROLE:
            return person.email
        if role == ID_ROLE:
            return person.id
        return None

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or not self._rows:
            return
        page = contact_page(self._workspace(), self.search, after=self._rows[-1].email)
        if not page:  # contacts went since the count: nothing more to show
            self.total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def fetch_rest(self) -> None:
        """Every contact not read yet, in one read (End goes to the last contact)."""
        if not self.canFetchMore(QModelIndex()):
            return
        limit = self.total - len(self._rows) + PAGE
        while True:  # more than counted (added since the last read): read on until the end
            rest = contact_page(self._workspace(), self.search, after=self._rows[-1].email,
                                limit=limit)
            if rest:
                self.beginInsertRows(QModelIndex(), len(self._rows),
                                     len(self._rows) + len(rest) - 1)
                self._rows.extend(rest)
                self.endInsertRows()
            if len(rest) < limit:
                break
        self.total = len(self._rows)

    def row_of(self, email: str) -> int | None:
        """The row of this address, among the rows loaded so far."""
        return next((i for i, p in enumerate(self._rows) if p.email == email), None)

    def contact(self, row: int) -> ContactInfo:
        return self._rows[row]

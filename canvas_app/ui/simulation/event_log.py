"""What happened in the simulation, newest first, for everyone or one contact. The log is read
a page at a time (older pages as the list scrolls), and the contact to show is found by typing
part of a name or address: nothing here grows with the number of contacts or events."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCompleter,
    QGroupBox,
    QLineEdit,
    QListView,
    QVBoxLayout,
)

from canvas_app.engine import clock, simulation
from canvas_app.engine.contact_pages import LogCursor, contact_by_email, log_page
from canvas_app.ui.editor.document import EditorDocument
from canvas_app.ui.simulation.contact_model import EMAIL_ROLE, ContactModel
from canvas_app.ui.style.theme import current_theme

Index = QModelIndex | QPersistentModelIndex


def kind_colour(kind: str) -> QColor | None:
    """The rows that matter most stand out (a goal reached, a bot click ignored), in the
    theme's colours, which keep their contrast on light and dark panels."""
    theme = current_theme()
    return {"goal_achieved": theme.success_text, "bot_ignored": theme.error_text}.get(kind)


class LogModel(QAbstractListModel):
    def __init__(self, document: EditorDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._rows: list[tuple[str, str]] = []  # (text, kind)
        self._cursor: LogCursor | None = None
        self.contact_id: int | None = None
        self._names: dict[str, str] = {}
        self._links: dict[str, str] = {}

    def reload(self, contact_id: int | None) -> None:
        self.contact_id = contact_id
        campaign = self.document.campaign
        self.beginResetModel()
        self._rows, self._cursor = [], None
        if campaign is not None:
            self._names = {n.id: n.name for n in campaign.nodes}
            self._names |= {e.id: e.subject for s in campaign.sequences for e in s.emails}
            self._links = {k.id: k.text for s in campaign.sequences for e in s.emails
                           for k in e.links}
            self._read(None)
        self.endResetModel()

    def _read(self, before: LogCursor | None) -> list[tuple[str, str]]:
        campaign = self.document.campaign
        assert campaign is not None
        entries, self._cursor = log_page(self.document.workspace, campaign.id, self.contact_id,
                                         before)
        page = [(f"{clock.log_time(e.at)}  {simulation.describe(e, self._names, self._links)}",
                 e.kind) for e in entries]
        if before is None:
            self._rows = page
        return page

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        text, kind = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return text
        if role == Qt.ItemDataRole.ForegroundRole:
            return kind_colour(kind)
        return None

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._cursor is not None

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._cursor is None or self.document.campaign is None:
            return
        page = self._read(self._cursor)
        if page:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()


class LogList(QListView):
    def count(self) -> int:
        return self.model().rowCount()

    def text(self, row: int) -> str:
        return str(self.model().index(row, 0).data())


class EventLog(QGroupBox):
    def __init__(self, document: EditorDocument) -> None:
        super().__init__("What happened")
        self.document = document
        self.people = ContactModel(lambda: document.workspace, self)
        self.filter = QLineEdit()
        self.filter.setObjectName("logFilter")
        self.filter.setPlaceholderText("Everyone — type a name or address to see one contact")
        self.filter.setAccessibleName("Show what happened to")
        self.filter.setClearButtonEnabled(True)
        completer = QCompleter(self.people, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated[QModelIndex].connect(self._chosen)  # type: ignore[index]
        self.filter.setCompleter(completer)
        self.filter.textEdited.connect(self._typed)
        self.model = LogModel(document, self)
        self.list = LogList()
        self.list.setObjectName("eventLog")
        self.list.setAccessibleName("What happened")
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self._workspace = document.workspace
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)

    def _typed(self, text: str) -> None:
        """The contacts matching what was typed fill the suggestions; an empty field shows
        everyone's log."""
        self.people.reload(text)
        if not text.strip() and self.model.contact_id is not None:
            self.model.reload(None)

    def _chosen(self, index: QModelIndex) -> None:
        self.show_contact(str(index.data(EMAIL_ROLE)))

    def show_contact(self, email: str | None) -> bool:
        """The log of one contact (by address), or everyone's with None; False if there is no
        such contact."""
        if email is None:
            self.filter.clear()
            self.model.reload(None)
            return True
        person = contact_by_email(self.document.workspace, email)
        if person is None:
            return False
        self.filter.setText(person.label)
        self.model.reload(person.id)
        return True

    def refresh(self) -> None:
        """The log again (the simulation moved); the contact shown stays shown, unless this is
        another workspace."""
        workspace = self.document.workspace
        if workspace is not self._workspace:
            self._workspace = workspace
            self.filter.clear()
            self.model.contact_id = None
        self.model.reload(self.model.contact_id)

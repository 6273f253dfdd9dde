"""The History panel: the campaign's published versions (number, date, what changed, contacts
in it now); compare one with the draft or with another version (the differences listed, the
nodes they touch shown on the canvas) and restore one into the draft (one undo step;
publishing it is an ordinary publish)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from canvas_app.domain.diff import Diff
from canvas_app.domain.words import count
from canvas_app.engine import clock, history
from canvas_app.engine.errors import Refused
from canvas_app.ui.editor.controller import EditController
from canvas_app.ui.editor.document import EditorDocument


class HistoryPanel(QWidget):
    def __init__(self, document: EditorDocument, controller: EditController,
                 show_path: Callable[[set[str] | None], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self.document, self.controller, self.show_path = document, controller, show_path
        self.versions = QListWidget()
        self.versions.setObjectName("versionList")
        self.versions.setAccessibleName("Published versions")
        self.versions.currentRowChanged.connect(lambda _row: self._gate())
        self.compare_button = QPushButton("Compare")
        self.compare_button.setToolTip("What changes from the chosen version to the draft (or "
                                       "to the version chosen beside); the nodes it touches are "
                                       "shown on the canvas")
        self.compare_button.clicked.connect(lambda: self.compare())
        self.compare_with = QComboBox()
        self.compare_with.setObjectName("compareWith")
        self.compare_with.setAccessibleName("Compare with")
        self.compare_with.setToolTip("What to compare the chosen version with")
        with_label = QLabel("&with")
        with_label.setBuddy(self.compare_with)
        self.restore_button = QPushButton("Restore into Draft…")
        self.restore_button.setToolTip("Put the chosen version into the draft (one step you "
                                       "can undo); publish it afterwards to run it")
        self.restore_button.clicked.connect(lambda: self.restore())
        self.differences = QListWidget()
        self.differences.setObjectName("versionDifferences")
        self.differences.setAccessibleName("Differences")
        self.differences.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compare_button)
        buttons.addWidget(with_label)
        buttons.addWidget(self.compare_with)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        lists = QHBoxLayout()
        lists.addWidget(self.versions, 2)
        lists.addWidget(self.differences, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addLayout(lists, 1)
        layout.addLayout(buttons)
        #: what the list shows: the campaign, its newest version, contacts active in it
        self._shown: tuple[str | None, int | None, int] | None = None
        document.campaignLoaded.connect(self.refresh)
        document.statusChanged.connect(self._status_changed)
        self.refresh()

    def _status_changed(self) -> None:
        """Every edit refreshes the status; the list is read again only when a publish, another
        campaign or the simulation changed what it shows, not on every edit."""
        if self._key() != self._shown:
            self.refresh()

    def _key(self) -> tuple[str | None, int | None, int]:
        campaign, status = self.document.campaign, self.document.status
        if status is None:
            return (campaign.id if campaign else None, None, 0)
        active = sum(counts.get("active", 0) for counts in status.nodes.values())
        return (campaign.id if campaign else None, status.published_version, active)

    def refresh(self) -> None:
        self._shown = self._key()
        campaign = self.document.campaign
        chosen = self._chosen()
        self.versions.clear()
        found = history.versions(self.document.workspace, campaign.id) if campaign else []
        for version in found:
            now = f" · {count(version.contacts_now, 'contact')} in it now" \
                if version.contacts_now else ""
            item = QListWidgetItem(f"Version {version.number} · "
                                   f"{clock.short_time(version.published_at)}\n"
                                   f"{version.summary}{now}")
            item.setData(Qt.ItemDataRole.UserRole, version.number)
            self.versions.addItem(item)
            if version.number == chosen:
                self.versions.setCurrentItem(item)
        if self.versions.currentRow() < 0 and found:
            self.versions.setCurrentRow(len(found) - 1)
        wanted = self.compare_with.currentData()
        self.compare_with.clear()
        self.compare_with.addItem("the draft", history.DRAFT)
        for version in found:
            self.compare_with.addItem(f"version {version.number}", version.number)
        self.compare_with.setCurrentIndex(max(0, self.compare_with.findData(wanted)))
        self.empty.setText("" if found else "Nothing published yet: Campaign › Publish… keeps "
                           "a version here each time.")
        self.empty.setVisible(not found)
        self._gate()

    def _chosen(self) -> int | None:
        item = self.versions.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _gate(self) -> None:
        has = self._chosen() is not None
        self.compare_button.setEnabled(has)
        self.compare_with.setEnabled(has)
        self.restore_button.setEnabled(has and not self.document.read_only)

    def compare(self) -> Diff | None:
        """The chosen version against the draft or the version chosen beside it."""
        campaign, number = self.document.campaign, self._chosen()
        if campaign is None or number is None:
            return None
        other = self.compare_with.currentData() or history.DRAFT
        _old, _new, found = history.compare_refs(self.document.workspace, campaign.id, number,
                                                 other)
        self.differences.clear()
        if found.empty:
            what = "The draft is" if other == history.DRAFT else f"Version {other} is"
            self.differences.addItem(f"{what} the same as version {number}.")
        for sign, entries in (("+", found.added), ("−", found.removed), ("~", found.changed)):
            for entry in entries:
                self.differences.addItem(f"{sign} {entry.detail}")
        touched = found.node_ids() & {n.id for n in campaign.nodes}
        self.show_path(touched or None)
        return found

    def restore(self, confirm: bool = True) -> bool:
        campaign, number = self.document.campaign, self._chosen()
        if campaign is None or number is None:
            return False
        if confirm and QMessageBox.question(
                self, "Restore a version",
                f"Put version {number} into the draft of '{campaign.name}'? The draft's "
                "changes since can be brought back with Undo.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Yes:
            return False
        try:
            version = history.load(self.document.workspace, campaign.id, number)
        except Refused as exc:
            QMessageBox.information(self, "Restore a version", exc.in_words())
            return False
        self.show_path(None)
        self.differences.clear()
        return self.controller.restore(version, number)

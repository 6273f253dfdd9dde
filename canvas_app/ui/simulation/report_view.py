"""The report: sends, clicks per link (human and bot), goal completions with conversion from
the sequences before each goal, a funnel picture, and CSV export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from canvas_app.domain.model import Campaign
from canvas_app.domain.words import count
from canvas_app.engine.errors import Refused
from canvas_app.engine.file_guard import write_user_file
from canvas_app.engine.reports import report, report_csv
from canvas_app.store.workspace import Workspace
from canvas_app.ui.style.file_dialogs import save_file_name
from canvas_app.ui.style.screen_fit import fit_to_screen
from canvas_app.ui.style.theme import current_theme


def _bold(text: str) -> str:
    """The number of "12 clicks" in bold."""
    number, _, rest = text.partition(" ")
    return f"<b>{number}</b> {rest}"


class Funnel(QWidget):
    """Horizontal bars: contacts who entered each sequence, and who achieved each goal."""

    def __init__(self, rows: list[tuple[str, int, bool]]) -> None:
        super().__init__()
        self.setObjectName("funnel")
        self.setAccessibleName("Funnel")
        self.setAccessibleDescription("; ".join(f"{name}: {n}" for name, n, _ in rows))
        self.rows = rows
        self.setMinimumHeight(self.row_height() * max(1, len(rows)) + 10)
        self.setToolTip("\n".join(f"{name}: {n}" for name, n, _ in rows))  # names in full

    def row_height(self) -> int:
        return max(34, self.fontMetrics().height() + 14)  # grows with presentation type

    def label_width(self) -> int:
        """Wide enough for the longest label, but never more than 45% of the widget."""
        metrics = self.fontMetrics()
        wanted = max((metrics.horizontalAdvance(name) for name, _, _ in self.rows), default=0)
        return min(wanted + 16, int(self.width() * 0.45))

    def shown_label(self, name: str) -> str:
        """The label as drawn: whole, or shortened in the middle with an ellipsis."""
        return self.fontMetrics().elidedText(name, Qt.TextElideMode.ElideMiddle,
                                             self.label_width() - 10)

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = current_theme()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        widest = max((n for _, n, _ in self.rows), default=0) or 1
        label_width, row = self.label_width(), self.row_height()
        count_width = self.fontMetrics().horizontalAdvance(str(widest)) + 16
        bar = max(6, row - 14)
        for i, (name, n, is_goal) in enumerate(self.rows):
            y = 6 + i * row
            painter.setPen(theme.text)
            painter.drawText(QRectF(0, y, label_width - 10, row - 8),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             self.shown_label(name))
            width = max(0, self.width() - label_width - count_width) * n / widest
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.goal if is_goal else theme.accent))
            painter.drawRoundedRect(QRectF(label_width, y + (row - 8 - bar) / 2, max(width, 2),
                                           bar), 5, 5)
            painter.setPen(theme.text)
            painter.drawText(QRectF(label_width + width + 8, y, count_width, row - 8),
                             Qt.AlignmentFlag.AlignVCenter, str(n))
        painter.end()


class ReportView(QDialog):
    def __init__(self, workspace: Workspace, campaign: Campaign,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportView")
        self.setWindowTitle(f"Report: {campaign.name}")
        fit_to_screen(self, 900, 700)
        self.data = report(workspace, campaign.id)
        data = self.data
        bots = sum(c["bot"] for c in data.links.values())
        humans = sum(c["human"] for c in data.links.values())
        summary = QLabel(f"{_bold(count(data.sends, 'email'))} sent · "
                         f"{_bold(count(humans, 'click'))} by people · "
                         f"{_bold(count(bots, 'click'))} by bots and scanners (reported, never "
                         f"counted for goals unless the campaign counts all clicks) · invisible "
                         f"link opened "
                         f"in {_bold(count(data.scanned_sends, 'email'))}")
        summary.setWordWrap(True)
        self.links = QTableWidget(len(data.links), 3)
        self.links.setObjectName("reportLinks")
        self.links.setAccessibleName("Clicks per link")
        self.links.setHorizontalHeaderLabels(["Link", "People", "Bots"])
        for row, (link_id, counts) in enumerate(data.links.items()):
            self._row(self.links, row, [data.link_label(link_id),
                                        counts["human"], counts["bot"]])
        ratios = {goal.id: data.goal_rate(goal.id) for goal in campaign.goals}
        self.goals = QTableWidget(len(campaign.goals), 3)
        self.goals.setObjectName("reportGoals")
        self.goals.setAccessibleName("Goals achieved")
        self.goals.setHorizontalHeaderLabels(["Goal", "Achieved", "Conversion"])
        for row, goal in enumerate(campaign.goals):
            achieved, _entered = ratios[goal.id]
            rate = data.rate_text(goal.id)
            self._row(self.goals, row, [goal.name, achieved, rate])
        self.goals.resizeRowsToContents()  # as tall as its rows: the room goes to the links
        rows = sum(self.goals.rowHeight(r) for r in range(self.goals.rowCount()))
        self.goals.setMaximumHeight(rows + self.goals.horizontalHeader().sizeHint().height()
                                    + 2 * self.goals.frameWidth() + 2)
        funnel_rows: list[tuple[str, int, bool]] = []
        for sequence in campaign.sequences:
            funnel_rows.append((f"entered {sequence.name}", data.entered.get(sequence.id, 0),
                                False))
            for goal in campaign.goals_after(sequence.id):
                funnel_rows.append((f"achieved {goal.name}", ratios[goal.id][0], True))
        self.funnel = Funnel(funnel_rows)
        export = QPushButton("Export CSV…")
        export.setToolTip("Save these figures as a CSV file")
        export.clicked.connect(lambda: self.export_csv())
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(export)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(QLabel("<b>Funnel</b>"))
        layout.addWidget(self.funnel)
        layout.addWidget(QLabel("<b>Goals</b>"))
        layout.addWidget(self.goals)
        layout.addWidget(QLabel("<b>Clicks per link</b>"))
        layout.addWidget(self.links, 1)
        layout.addLayout(buttons)

    @staticmethod
    def _row(table: QTableWidget, row: int, values: list[object]) -> None:
        for column, value in enumerate(values):
            item = QTableWidgetItem(str(value))
            if column:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

    def export_csv(self, path: Path | None = None) -> Path | None:
        if path is None:
            name = save_file_name(self, "Export report", f"{self.data.campaign}-report.csv",
                                  "CSV files (*.csv)")
            if not name:
                return None
            path = Path(name)
        try:
            write_user_file(path, report_csv(self.data))
        except Refused as exc:  # a folder that cannot be written, the workspace itself
            QMessageBox.warning(self, "Export report", exc.in_words())
            return None
        return path

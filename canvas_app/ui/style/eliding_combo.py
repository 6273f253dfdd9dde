"""A drop-down list of names in a narrow panel: a name too long for the box ends in "…" instead
of running under the arrow, the whole name is in its tooltip, and the open list is wide enough
to show every name whole (up to the screen's width)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QStyle, QStyleOptionComboBox, QStylePainter, QWidget

from canvas_app.ui.style.steady_combo import SteadyComboBox


class ElidingComboBox(SteadyComboBox):
    def __init__(self, help_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._help = help_text
        self.setToolTip(help_text)
        self.currentIndexChanged.connect(lambda _: self._explain())

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """Lists (name, id) pairs, unless it lists just those already; the one chosen stays
        chosen while it is there."""
        if choices == [(self.itemText(i), self.itemData(i)) for i in range(self.count())]:
            return
        current = self.currentData()
        self.clear()
        for name, choice in choices:
            self.addItem(name, choice)
        if current is not None and self.findData(current) >= 0:
            self.setCurrentIndex(self.findData(current))

    def displayed_text(self) -> str:
        """The current name as the box shows it: whole, or cut with "…" to fit."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        return self.fontMetrics().elidedText(self.currentText(), Qt.TextElideMode.ElideRight,
                                             max(0, field.width() - 4))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.displayed_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._explain()

    def showPopup(self) -> None:
        metrics = self.view().fontMetrics()
        widest = max((metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count())),
                     default=0)
        screen = self.screen().availableGeometry().width() if self.screen() else 1000
        self.view().setMinimumWidth(min(widest + 48, screen - 40))  # room for margins, a bar
        super().showPopup()

    def _explain(self) -> None:
        """The tooltip names the whole choice when the box shows only part of it."""
        cut = self.displayed_text() != self.currentText()
        self.setToolTip(f"{self.currentText()}\n{self._help}" if cut and self._help else
                        self.currentText() if cut else self._help)

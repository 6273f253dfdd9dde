"""A row of buttons that wraps onto more lines when its panel is narrow (a docked panel at its
usual width, large fonts, a projector) instead of pushing the panel wider than its dock, where
the ends of the row would be cut off. Each line is filled: its buttons share the width, as in a
plain horizontal row.

It does not answer Qt's height-for-width question: a panel in a scroll area that did would be
held at its preferred height and scroll, where it should shrink its lists instead. It asks for
the height its lines took at the width it was last given, and asks again when that changes."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QStyle, QWidget


class WrappingRow(QLayout):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._height: int | None = None  # what the lines took at the last width given

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        height = self._place(rect)
        if height != self._height:
            self._height = height
            self.invalidate()  # the panel lays out again with this row's new height

    def sizeHint(self) -> QSize:
        """One line, as a plain row would be."""
        shown = self._shown()
        left, top, right, bottom = self._margins()
        width = sum(i.sizeHint().width() for i in shown) + self._gap() * max(len(shown) - 1, 0)
        height = max((i.sizeHint().height() for i in shown), default=0) + top + bottom
        return QSize(width + left + right, self._height or height)

    def minimumSize(self) -> QSize:
        """The widest single button: narrower than that, nothing can wrap any further."""
        shown = self._shown()
        left, top, right, bottom = self._margins()
        width = max((i.minimumSize().width() for i in shown), default=0)
        height = max((i.sizeHint().height() for i in shown), default=0) + top + bottom
        return QSize(width + left + right, self._height or height)

    def _margins(self) -> tuple[int, int, int, int]:
        m = self.contentsMargins()
        return m.left(), m.top(), m.right(), m.bottom()

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _gap(self) -> int:
        return self._spacing(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)

    def _line_gap(self) -> int:
        return self._spacing(QStyle.PixelMetric.PM_LayoutVerticalSpacing)

    def _spacing(self, metric: QStyle.PixelMetric) -> int:
        """The layout's own spacing, else the style's for ``metric``."""
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        return parent.style().pixelMetric(metric) if parent is not None else 6

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        """The buttons in as few lines as fit them at their natural widths, shared out evenly
        where they can be (two and two rather than three and one)."""
        lines = self._greedy(width)
        if len(lines) > 1:
            shown = self._shown()
            per = -(-len(shown) // len(lines))
            even = [shown[i:i + per] for i in range(0, len(shown), per)]
            if len(even) == len(lines) and all(self._fits(line, width) for line in even):
                return even
        return lines

    def _fits(self, line: list[QLayoutItem], width: int) -> bool:
        return sum(i.sizeHint().width() for i in line) + self._gap() * (len(line) - 1) <= width

    def _greedy(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = []
        used = 0
        for item in self._shown():
            wide = item.sizeHint().width()
            if lines and used + self._gap() + wide <= width:
                lines[-1].append(item)
                used += self._gap() + wide
            else:
                lines.append([item])
                used = wide
        return lines

    def _place(self, rect: QRect) -> int:
        """Lays the lines out in ``rect``; returns the height they take."""
        left, top, right, bottom = self._margins()
        area = rect.adjusted(left, top, -right, -bottom)
        y, gap = area.y(), self._gap()
        for line in self._lines(area.width()):
            natural = [i.sizeHint().width() for i in line]
            spare = max(area.width() - sum(natural) - gap * (len(line) - 1), 0)
            height = max(i.sizeHint().height() for i in line)
            x = area.x()
            for n, (item, wide) in enumerate(zip(line, natural, strict=True)):
                share = spare // len(line) + (1 if n < spare % len(line) else 0)
                item.setGeometry(QRect(QPoint(x, y), QSize(wide + share, height)))
                x += wide + share + gap
            y += height + self._line_gap()
        return y - self._line_gap() - area.y() + top + bottom if self._shown() \
            else top + bottom

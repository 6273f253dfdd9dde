"""A QR code drawn by Qt from the ``qrcode`` library's matrix: crisp at any size, no image
files, no network. It fills the square it is given (large on a projector)."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from canvas_app.ui.style.theme import QR_DARK, QR_LIGHT


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules of ``text``'s QR code, the quiet zone included (True: dark)."""
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


class QrView(QWidget):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workshopQr")
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumSize(160, 160)
        self.matrix: list[list[bool]] = []
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self.text = text
        self.matrix = qr_matrix(text) if text else []
        self.setToolTip(text)
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def sizeHint(self) -> QSize:
        return QSize(260, 260)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        side = min(self.width(), self.height())
        left, top = (self.width() - side) / 2, (self.height() - side) / 2
        painter.fillRect(QRectF(left, top, side, side), QColor(QR_LIGHT))
        if not self.matrix:
            return
        cell = side / len(self.matrix)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(QR_DARK))
        for y, row in enumerate(self.matrix):
            for x, dark in enumerate(row):
                if dark:  # a hair larger, so neighbours join without seams
                    painter.drawRect(QRectF(left + x * cell, top + y * cell,
                                            cell + 0.5, cell + 0.5))

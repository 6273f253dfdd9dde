"""A QTextBrowser that shows sanitized email HTML and never loads anything: no remote
resources, no local files, no navigation. Links are reported, never followed. An image is a
placeholder of its size, drawn here with its alt text (``cc-image:`` names only)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from canvas_app.ui.email.preview_html import placeholder_of
from canvas_app.ui.style.theme import IMAGE_PLACEHOLDER_COLOURS

_LARGEST = 2000


def placeholder_image(width: int, height: int, alt: str) -> QImage:
    """A box of the image's size with its alt text, as the preview shows an image."""
    fill, ink, edge = (QColor(c) for c in IMAGE_PLACEHOLDER_COLOURS)
    image = QImage(max(1, min(width, _LARGEST)), max(1, min(height, _LARGEST)),
                   QImage.Format.Format_RGB32)
    image.fill(fill)
    if width > 2 and height > 2:
        painter = QPainter(image)
        painter.setPen(QPen(edge))
        painter.drawRect(0, 0, image.width() - 1, image.height() - 1)
        painter.setPen(QPen(ink))
        room = QRect(2, 0, image.width() - 4, image.height())
        text = painter.fontMetrics().elidedText(alt, Qt.TextElideMode.ElideRight, room.width())
        painter.drawText(room, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
    return image


class SafePreview(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emailPreview")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.refused: list[str] = []  # resources something asked for (and did not get)
        self.placeholders: list[str] = []  # image placeholders drawn (nothing loaded)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        url = QUrl(name).toString(QUrl.ComponentFormattingOption.FullyEncoded)
        box = placeholder_of(url)
        if box is not None and kind == int(QTextDocument.ResourceType.ImageResource.value):
            self.placeholders.append(url)
            return placeholder_image(*box)
        self.refused.append(url)
        return None

    def setSource(self, name: QUrl | str, kind: Any = None) -> None:
        self.refused.append(QUrl(name).toString())

"""A QTextBrowser that shows sanitized email HTML and never loads anything: no remote
resources, no local files, no navigation. Links are reported, never followed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser, QWidget


class SafePreview(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emailPreview")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.refused: list[str] = []  # resources something asked for (and did not get)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        self.refused.append(QUrl(name).toString())
        return None

    def setSource(self, name: QUrl | str, kind: Any = None) -> None:
        self.refused.append(QUrl(name).toString())

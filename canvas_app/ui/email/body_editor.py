"""A rich-text email body editor whose document is written back as tidy HTML: paragraphs,
lists, bold, italic, underline and links (as ``<a data-link="ID">`` anchors)."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QKeyCombination, Qt
from PySide6.QtGui import QFont, QKeyEvent, QTextBlock, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit, QWidget

from canvas_app.domain.anchors import anchor_tag, replace_tags
from canvas_app.engine.sanitize import sanitize
from canvas_app.ui.email.preview_html import LINK_SCHEME
from canvas_app.ui.style.theme import current_theme


def to_editor_html(body_html: str) -> str:
    return replace_tags(sanitize(body_html), lambda link_id: f'<a href="{LINK_SCHEME}:{link_id}">')


def link_of(fmt: QTextCharFormat) -> str | None:
    href = fmt.anchorHref() if fmt.isAnchor() else ""
    prefix = f"{LINK_SCHEME}:"
    return href[len(prefix):] if href.startswith(prefix) else None


def document_to_html(document: QTextDocument) -> str:
    out: list[str] = []
    list_open: str | None = None
    block = document.begin()
    while block.isValid():
        text_list = block.textList()
        tag = None
        if text_list is not None:
            tag = "ol" if text_list.format().style().value < -3 else "ul"
        if list_open and list_open != tag:
            out.append(f"</{list_open}>")
            list_open = None
        if tag and not list_open:
            out.append(f"<{tag}>")
            list_open = tag
        inner = _block_html(block)
        if tag:
            out.append(f"<li>{inner}</li>")
        elif inner:
            out.append(f"<p>{inner}</p>")
        block = block.next()
    if list_open:
        out.append(f"</{list_open}>")
    return "".join(out)


def _block_html(block: QTextBlock) -> str:
    pieces: list[str] = []
    current_link: str | None = None
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            fmt = fragment.charFormat()
            link = link_of(fmt)
            if link != current_link:
                if current_link:
                    pieces.append("</a>")
                if link:
                    pieces.append(anchor_tag(link))
                current_link = link
            text = html.escape(fragment.text(), quote=False).replace("\u2028", "<br>")
            if fmt.fontWeight() >= QFont.Weight.Bold.value:
                text = f"<b>{text}</b>"
            if fmt.fontItalic():
                text = f"<i>{text}</i>"
            if fmt.fontUnderline() and not link:
                text = f"<u>{text}</u>"
            pieces.append(text)
        it += 1
    if current_link:
        pieces.append("</a>")
    return "".join(pieces)


def link_format(link_id: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setAnchor(True)
    fmt.setAnchorHref(f"{LINK_SCHEME}:{link_id}")
    fmt.setForeground(current_theme().link)
    fmt.setFontUnderline(True)
    return fmt


class BodyEditor(QTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bodyEditor")
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)
        self.cursorPositionChanged.connect(self._leave_link_at_its_end)

    def event(self, e: QEvent) -> bool:
        """Ctrl+K is Insert link… here, not the text box's 'delete to the end of the line'
        (the editor's own shortcut must not be swallowed while the keyboard is in the body)."""
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent) \
                and e.keyCombination() == QKeyCombination(Qt.KeyboardModifier.ControlModifier,
                                                          Qt.Key.Key_K):
            e.ignore()
            return False
        return super().event(e)

    def _leave_link_at_its_end(self) -> None:
        """Typing right after a link writes plain text, as in any word processor; only typing
        inside a link's words changes the link's text."""
        cursor = self.textCursor()
        if cursor.hasSelection() or not link_of(cursor.charFormat()):
            return
        after = QTextCursor(cursor)
        at_end = not after.movePosition(QTextCursor.MoveOperation.NextCharacter) \
            or after.block() != cursor.block() \
            or link_of(after.charFormat()) != link_of(cursor.charFormat())
        if at_end:
            self.setCurrentCharFormat(QTextCharFormat())

    def set_body(self, body_html: str) -> None:
        self.setHtml(to_editor_html(body_html))
        self.document().setModified(False)  # until the user types, the email stays as it was

    def body(self) -> str:
        return document_to_html(self.document())

    def link_ids(self) -> list[str]:
        """Links in the order they appear."""
        found: list[str] = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                link = link_of(it.fragment().charFormat())
                if link and link not in found:
                    found.append(link)
                it += 1
            block = block.next()
        return found

    def link_text(self, link_id: str) -> str:
        parts: list[str] = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                if link_of(it.fragment().charFormat()) == link_id:
                    parts.append(it.fragment().text())
                it += 1
            block = block.next()
        return "".join(parts)

    def link_at_cursor(self) -> str | None:
        return link_of(self.textCursor().charFormat())

    def insert_link(self, link_id: str, text: str) -> None:
        cursor = self.textCursor()
        cursor.insertText(text, link_format(link_id))
        self.setTextCursor(cursor)
        self.setCurrentCharFormat(QTextCharFormat())  # what is typed next is not in the link

    def replace_link_text(self, link_id: str, text: str) -> None:
        cursor = self._select_link(link_id)
        if cursor is not None:
            cursor.insertText(text, link_format(link_id))

    def remove_link(self, link_id: str) -> None:
        """Keeps the words, drops the link."""
        cursor = self._select_link(link_id)
        if cursor is not None:
            plain = QTextCharFormat()
            plain.setAnchor(False)
            plain.setAnchorHref("")
            plain.setFontUnderline(False)
            plain.setForeground(self.palette().text())
            cursor.setCharFormat(plain)

    def _select_link(self, link_id: str) -> QTextCursor | None:
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if link_of(fragment.charFormat()) == link_id:
                    cursor = QTextCursor(self.document())
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(),
                                       QTextCursor.MoveMode.KeepAnchor)
                    return cursor
                it += 1
            block = block.next()
        return None

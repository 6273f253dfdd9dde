"""File › New from Template…: a gallery of working campaigns to start from, each with a small
picture of its layout and a sentence saying what it does; the user names the new campaign."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from canvas_app.domain.model import Campaign, Goal
from canvas_app.engine.errors import Refused
from canvas_app.engine.templates import Template, start_from, templates
from canvas_app.engine.templates import save_as_template as save_template
from canvas_app.ui.editor.document import EditorDocument
from canvas_app.ui.editor.status import Status
from canvas_app.ui.style.screen_fit import fit_to_screen
from canvas_app.ui.style.theme import current_theme

PICTURE = QSize(220, 120)


def picture(campaign: Campaign, size: QSize = PICTURE) -> QPixmap:
    """The campaign's layout in miniature: connections, sequence cards and goal badges."""
    theme = current_theme()
    pixmap = QPixmap(size)
    pixmap.fill(theme.background)
    spots = {n.id: n.position or (0.0, 0.0) for n in campaign.nodes}
    if not spots:
        return pixmap
    xs, ys = [p[0] for p in spots.values()], [p[1] for p in spots.values()]
    span_x, span_y = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    margin = 22.0
    scale = min((size.width() - 2 * margin) / span_x, (size.height() - 2 * margin) / span_y, 0.25)
    left = (size.width() - span_x * scale) / 2 - min(xs) * scale
    top = (size.height() - span_y * scale) / 2 - min(ys) * scale

    def at(node_id: str) -> QPointF:
        x, y = spots[node_id]
        return QPointF(left + x * scale, top + y * scale)

    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(theme.edge, 1.5))
    for edge in campaign.edges:
        if edge.source in spots and edge.target in spots:
            painter.drawLine(at(edge.source), at(edge.target))
    for node in campaign.nodes:
        centre = at(node.id)
        if isinstance(node, Goal):
            painter.setPen(QPen(theme.goal_border, 1))
            painter.setBrush(theme.goal)
            painter.drawEllipse(centre, 8.0, 8.0)
        else:
            painter.setPen(QPen(theme.card_border, 1))
            painter.setBrush(theme.card)
            card = QRectF(centre.x() - 14, centre.y() - 9, 28, 18)
            painter.drawRoundedRect(card, 3, 3)
            painter.fillRect(QRectF(card.left(), card.top(), card.width(), 3), theme.accent)
    painter.end()
    return pixmap


class TemplateGallery(QDialog):
    """Pick a template and name the campaign; ``chosen()`` gives both after OK."""

    def __init__(self, found: list[Template], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateGallery")
        self.setWindowTitle("New campaign from a template")
        self.found = found
        self.list = QListWidget()
        self.list.setObjectName("templateList")
        self.list.setAccessibleName("Templates")
        self.list.setIconSize(PICTURE)
        self.list.setWordWrap(True)
        self.list.setSpacing(6)
        for template in found:
            item = QListWidgetItem(QIcon(picture(template.campaign())),
                                   f"{template.name}\n{template.about}")
            item.setToolTip(template.about)
            self.list.addItem(item)
        self.name = QLineEdit()
        self.name.setObjectName("templateCampaignName")
        self.name.setPlaceholderText("Name of the new campaign")
        form = QFormLayout()
        form.addRow("Campaign name", self.name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Create")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Start from a campaign that already works</b> — change its "
                                "emails and links to yours afterwards."))
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._picked)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.name.textChanged.connect(lambda _t: self._gate())
        self.list.setCurrentRow(0 if found else -1)
        self._gate()
        fit_to_screen(self, 760, 640)

    def _picked(self, row: int) -> None:
        if 0 <= row < len(self.found):
            self.name.setText(self.found[row].name)

    def _gate(self) -> None:
        self.ok.setEnabled(self.list.currentRow() >= 0 and bool(self.name.text().strip()))

    def chosen(self) -> tuple[Template, str] | None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.found) or not self.name.text().strip():
            return None
        return self.found[row], self.name.text().strip()


def new_from_template(parent: QWidget, document: EditorDocument, status: Status,
                      open_campaign: Callable[[str], None]) -> str | None:
    """File › New from Template…: the gallery, then the new campaign on the canvas."""
    if document.read_only:
        status.say("This workspace is open read-only, so no campaign can be added.")
        return None
    gallery = TemplateGallery(templates(), parent)
    if gallery.exec() != QDialog.DialogCode.Accepted.value:
        return None
    chosen = gallery.chosen()
    if chosen is None:
        return None
    template, name = chosen
    try:
        new = start_from(document.workspace, template, name)
    except Refused as exc:
        QMessageBox.information(parent, "New from template", exc.in_words())
        return None
    document.campaignsChanged.emit()
    open_campaign(new)
    status.say(f"Made '{name}' from the template '{template.name}': change its emails and "
               "links to yours, then publish it.")
    return new


def save_as_template(parent: QWidget, document: EditorDocument, status: Status) -> Path | None:
    """Campaign › Save as Template…: this design in the user's own templates."""
    campaign = document.campaign
    if campaign is None:
        return None
    name, ok = QInputDialog.getText(parent, "Save as template", "Name of the template:",
                                    text=campaign.name)
    if not ok:
        return None
    try:
        path = save_template(campaign, name)
    except Refused as exc:
        QMessageBox.information(parent, "Save as template", exc.in_words())
        return None
    status.say(f"Saved as a template: File › New from Template… offers it now ({path}).",
               long=True)
    return path

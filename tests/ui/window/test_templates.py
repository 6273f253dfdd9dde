"""File › New from Template… and Campaign › Save as Template… in the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog

from canvas_app.engine import templates as tpl
from canvas_app.ui.window import template_gallery
from canvas_app.ui.window.main_window import MainWindow
from canvas_app.ui.window.template_gallery import TemplateGallery
from tests.ui.conftest import stored


def test_new_from_template_opens_the_new_campaign(window: MainWindow, workspace_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.setattr(tpl, "user_folder", lambda: tmp_path / "mine")
    seen: list[TemplateGallery] = []

    def pick(gallery: TemplateGallery) -> int:
        seen.append(gallery)
        row = next(i for i, t in enumerate(gallery.found) if "webinar" in t.name.lower())
        gallery.list.setCurrentRow(row)
        assert gallery.name.text() == gallery.found[row].name  # named after it, to change
        assert not gallery.list.item(row).icon().isNull()  # with its picture
        gallery.name.setText("Spring webinar")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(TemplateGallery, "exec", pick)
    window.menu_actions["new_from_template"].trigger()
    campaign = window.document.campaign
    assert seen and campaign is not None and campaign.name == "Spring webinar"
    assert window.switcher.currentText() == "Spring webinar"
    assert len(window.scene.node_items) == len(campaign.nodes) > 3
    assert stored(workspace_path, campaign.id).name == "Spring webinar"


def test_save_as_template_adds_it_to_the_gallery(window: MainWindow,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    monkeypatch.setattr(tpl, "user_folder", lambda: folder)
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda _p, _t, _l, text="", **_k: ("My ebook funnel", True))
    window.menu_actions["save_template"].trigger()
    assert (folder / "my-ebook-funnel.campaign.json").exists()
    gallery = TemplateGallery(tpl.templates(), window)
    names = [gallery.list.item(i).text().split("\n")[0] for i in range(gallery.list.count())]
    assert "My ebook funnel" in names
    gallery.deleteLater()
    assert template_gallery.picture(window.document.campaign).width() > 0  # type: ignore[arg-type]

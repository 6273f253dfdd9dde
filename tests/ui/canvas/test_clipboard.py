"""Copy, cut and paste: within a campaign, into another campaign, into another workspace's
window; new ids everywhere, references followed, one undo step each."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from canvas_app.domain.validation import Code, validate
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace
from canvas_app.ui.canvas.clipboard import MIME
from canvas_app.ui.window.main_window import MainWindow
from canvas_app.ui.window.opening import open_for_editing
from tests.factories import funnel
from tests.ui.conftest import stored


def _select(window: MainWindow, *node_ids: str) -> None:
    window.scene.clearSelection()
    for node_id in node_ids:
        window.scene.node_items[node_id].setSelected(True)


def test_copy_paste_in_the_same_campaign_gives_new_ids_and_follows_references(
        window: MainWindow, workspace_path: Path) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    _select(window, "welcome", "downloaded")
    window.menu_actions["copy"].trigger()
    data = QApplication.clipboard().mimeData()
    assert data.hasFormat(MIME) and json.loads(data.text())["format"] == "campaign-canvas"
    steps = window.document.undo_stack.count()
    new = window.clipboard.paste(QPointF(0, 600))
    assert len(new) == 2 and not set(new) & {"welcome", "downloaded"}
    copies = {campaign.node(n).name: campaign.node(n) for n in new}
    assert set(copies) == {"Welcome (copy)", "Downloaded (copy)"}
    sequence, goal = copies["Welcome (copy)"], copies["Downloaded (copy)"]
    links = {k.id for e in sequence.emails for k in e.links}  # type: ignore[union-attr]
    assert not links & {"dl", "call"}  # new link ids...
    assert goal.links and set(goal.links) <= links  # type: ignore[union-attr]
    assert not [p for p in validate(campaign) if p.code is Code.EMAIL_ANCHORS]  # ...anchors too
    assert any(e.source == sequence.id and e.target == goal.id for e in campaign.edges)
    assert window.document.undo_stack.count() == steps + 1
    assert {n.id for n in stored(workspace_path).nodes} >= set(new)
    window.document.undo_stack.undo()
    assert not set(new) & {n.id for n in campaign.nodes}


def test_paste_into_another_campaign_drops_choices_of_links_left_behind(
        window: MainWindow) -> None:
    said: list[str] = []
    window.controller.refused.connect(said.append)
    _select(window, "downloaded")  # a goal whose chosen link is in a sequence not copied
    window.menu_actions["copy"].trigger()
    window.campaign_ops.new_campaign("Second")
    new = window.clipboard.paste(QPointF(0, 0))
    other = window.document.campaign
    assert other is not None and other.name == "Second" and len(new) == 1
    pasted = other.node(new[0])
    assert pasted.name == "Downloaded" and pasted.links == []  # type: ignore[union-attr]
    assert said and "1 goal choice" in said[-1]


def test_cut_then_paste_into_another_workspaces_window(window: MainWindow, tmp_path: Path,
                                                       qtbot) -> None:  # type: ignore[no-untyped-def]
    other_path = tmp_path / "other.canvas-workspace"
    with Workspace.open(other_path, create=True) as ws:
        target = funnel()
        target.id, target.name = "target", "Target"
        CampaignStore(ws).add(target)
    _select(window, "thanks")
    window.menu_actions["cut"].trigger()
    campaign = window.document.campaign
    assert campaign is not None and campaign.find_node("thanks") is None  # cut
    workspace = open_for_editing(other_path, None, ask=False)
    assert workspace is not None
    second = MainWindow(workspace, "target")
    qtbot.addWidget(second)
    second.show()
    new = second.clipboard.paste(QPointF(900, 300))
    assert len(new) == 1
    assert second.document.campaign is not None
    assert second.document.campaign.node(new[0]).name == "Thank you (copy)"  # name was taken
    assert new[0] in {n.id for n in stored(other_path, "target").nodes}
    second.close()


def test_pasting_text_that_is_no_campaign_says_so_and_adds_nothing(window: MainWindow) -> None:
    said: list[str] = []
    window.controller.refused.connect(said.append)
    QApplication.clipboard().setText("just some words")
    campaign = window.document.campaign
    assert campaign is not None
    before = len(campaign.nodes)
    assert window.clipboard.paste() == []
    assert len(campaign.nodes) == before and said and "nothing to paste" in said[-1]

"""Issue 11: what the canvas shows is what the model holds is what the workspace stores —
through double-clicks, first moves, undone settings and changes made by other processes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF

from canvas_app.domain.interchange import dumps, read_campaign_file
from canvas_app.domain.model import BotPolicy, Campaign, Edge, Goal, Sequence, Settings
from canvas_app.engine import lifecycle
from canvas_app.engine.contacts import add_contact
from canvas_app.engine.enrolment import enroll
from canvas_app.engine.publishing import publish
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace
from canvas_app.ui.email.sequence_editor import SequenceEditor
from canvas_app.ui.window.main_window import MainWindow
from canvas_app.ui.window.opening import open_for_editing
from tests.ui.conftest import Mouse, stored


def on_screen(window: MainWindow) -> dict[str, tuple[float, float]]:
    return {node_id: (item.pos().x(), item.pos().y())
            for node_id, item in window.scene.node_items.items()}


def in_model(campaign: Campaign) -> dict[str, tuple[float, float] | None]:
    return {n.id: n.position for n in campaign.nodes}


def test_cancelling_the_sequence_editor_moves_nothing(window: MainWindow, mouse: Mouse,
                                                     workspace_path: Path) -> None:
    """Bullet 1: drop a sequence and a goal, double-click the sequence, Cancel: the layout on
    screen, in the model and in the file stay the same, with no new undo step."""
    window.campaign_ops.new_campaign()
    campaign = window.document.campaign
    assert campaign is not None
    window.view.centerOn(0, 0)
    mouse.drop_palette("sequence", QPointF(-200, 0))
    mouse.drop_palette("goal", QPointF(100, 0))
    sequence = campaign.sequences[0]
    steps = window.document.undo_stack.count()
    layout = in_model(campaign)
    mouse.double_click(window.scene.node_items[sequence.id].scenePos())
    editor = window.findChild(SequenceEditor, "sequenceEditor")
    assert editor is not None and editor.isVisible()
    editor.reject()
    mouse.move(QPointF(250, 120), held=False)
    assert in_model(campaign) == layout
    assert on_screen(window) == layout
    assert in_model(stored(workspace_path, campaign.id)) == layout
    assert window.document.undo_stack.count() == steps


def test_undoing_the_first_move_of_an_unplaced_node_puts_it_back(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Bullet 2: a node the file left unplaced gets its laid-out position in the model (and
    the file) when the campaign is opened; undoing its first move restores that position,
    and the item follows."""
    path = tmp_path / "unplaced.canvas-workspace"
    first = Sequence("first", "First", None)
    goal = Goal("goal", "Goal", None)
    with Workspace.open(path, create=True) as ws:
        CampaignStore(ws).add(Campaign("loose", "Loose", None, [first], [goal],
                                       [Edge("first", "goal")]))
    workspace = open_for_editing(path, None, ask=False)
    assert workspace is not None
    window = MainWindow(workspace, "loose")
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    campaign = window.document.campaign
    assert campaign is not None
    placed = in_model(campaign)
    assert None not in placed.values()
    assert in_model(stored(path, "loose")) == placed
    mouse = Mouse(window)
    start = window.scene.node_items["goal"].scenePos()
    mouse.drag(start, start + QPointF(96, 120))
    assert campaign.node("goal").position != placed["goal"]
    window.document.undo_stack.undo()
    assert in_model(campaign) == placed == on_screen(window)
    assert in_model(stored(path, "loose")) == placed
    window.close()


def test_undoing_count_bot_clicks_restores_what_the_file_said(window: MainWindow,
                                                              workspace_path: Path) -> None:
    """Bullet 3: after undo, model == stored draft == the export it started from."""
    campaign = window.document.campaign
    assert campaign is not None
    exported = dumps(stored(workspace_path))
    assert campaign.settings == Settings()  # the file does not set the policy
    window.menu_actions["count_bots"].trigger()
    assert stored(workspace_path).settings.bot_policy is BotPolicy.COUNT_ALL
    window.document.undo_stack.undo()
    assert campaign.settings == Settings() == stored(workspace_path).settings
    assert dumps(stored(workspace_path)) == dumps(campaign) == exported
    window.document.undo_stack.redo()
    assert stored(workspace_path).settings == campaign.settings
    assert campaign.settings.bot_policy is BotPolicy.COUNT_ALL


def replace_from_outside(path: Path, change) -> Campaign:  # type: ignore[no-untyped-def]
    """What `import --into ebook` from a shell does: a new draft, through its own workspace."""
    with Workspace.open(path) as ws:
        store = CampaignStore(ws)
        draft = store.load("ebook")
        change(draft)
        return store.replace_draft("ebook", draft)


def test_an_untouched_view_follows_a_change_made_outside(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                         workspace_path: Path) -> None:
    """Bullet 7: `import --into` from a shell while the editor shows the campaign."""
    theirs = replace_from_outside(workspace_path,
                                  lambda c: c.rename_node("welcome", "Renamed in a shell"))
    qtbot.waitUntil(lambda: window.document.campaign == theirs, timeout=5000)
    assert window.scene.node_items["welcome"].node.name == "Renamed in a shell"
    assert stored(workspace_path) == theirs


def test_edits_in_the_window_are_never_silently_overwritten(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                            workspace_path: Path) -> None:
    window.editing.rename("thanks", "Mine")
    mine = window.document.campaign
    assert mine is not None
    theirs = replace_from_outside(workspace_path,
                                  lambda c: c.rename_node("welcome", "Theirs"))
    bar = window.findChild(object, "outsideChangeBar")
    qtbot.waitUntil(lambda: bar is not None and bar.isVisible(), timeout=5000)
    assert window.document.campaign is mine and mine.node("thanks").name == "Mine"
    assert stored(workspace_path) == theirs  # nothing written over theirs yet
    steps = window.document.undo_stack.count()
    window.editing.rename("thanks", "Mine again")  # refused until the user answers
    assert window.document.undo_stack.count() == steps
    assert "Reload or Keep mine" in window.statusBar().currentMessage()
    assert stored(workspace_path) == theirs
    window.findChild(object, "outsideKeepMine").click()
    assert not bar.isVisible()
    assert stored(workspace_path) == mine and mine.node("welcome").name == "Welcome"
    window.editing.rename("thanks", "Mine again")
    assert stored(workspace_path) == mine and mine.node("thanks").name == "Mine again"


def test_reload_shows_what_was_stored_outside(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                              workspace_path: Path) -> None:
    window.editing.rename("thanks", "Mine")
    theirs = replace_from_outside(workspace_path,
                                  lambda c: c.rename_node("welcome", "Theirs"))
    bar = window.findChild(object, "outsideChangeBar")
    qtbot.waitUntil(lambda: bar is not None and bar.isVisible(), timeout=5000)
    window.findChild(object, "outsideReload").click()
    assert window.document.campaign == theirs
    assert window.scene.node_items["welcome"].node.name == "Theirs"
    assert window.document.undo_stack.count() == 0
    assert not bar.isVisible()


def test_simulation_progress_made_outside_refreshes_counts_and_log(window: MainWindow,  # type: ignore[no-untyped-def]
                                                                  qtbot, workspace_path: Path
                                                                  ) -> None:
    ws = window.document.workspace
    publish(ws, "ebook")
    lifecycle.activate(ws, "ebook")
    window.document.refresh()
    with Workspace.open(workspace_path) as other:  # another process's connection
        add_contact(other, "ann@example.com", "Ann")
        enroll(other, "ebook", "welcome", ["ann@example.com"])
    qtbot.waitUntil(lambda: window.simulation.log_list.count() > 0, timeout=5000)
    qtbot.waitUntil(lambda: (window.scene.node_items["welcome"].counts or {}).get("active") == 1,
                    timeout=5000)


def test_a_file_without_positions_is_imported_with_the_layout_shown(
        window: MainWindow, tmp_path: Path, workspace_path: Path) -> None:
    """Import of a file without positions: the positions are the model's and the file's."""
    source = stored(workspace_path)
    for node in source.nodes:
        node.position = None
    path = tmp_path / "loose.campaign.json"
    path.write_text(dumps(source), "utf-8")
    assert read_campaign_file(path).nodes[0].position is None
    new_id = window.document.import_campaign(path)
    campaign = window.document.campaign
    assert campaign is not None and campaign.id == new_id
    assert None not in in_model(campaign).values()
    assert in_model(stored(workspace_path, new_id)) == in_model(campaign) == on_screen(window)


def revision(path: Path, campaign_id: str = "ebook") -> int:
    with Workspace.open(path, read_only=True) as ws:
        return CampaignStore(ws).revision(campaign_id)


def test_one_user_action_is_one_transaction_and_one_undo_step(window: MainWindow,
                                                               workspace_path: Path) -> None:
    """Deleting a node with two edges, its undo and its redo: one revision each."""
    start = revision(workspace_path)
    window.scene.select_node("downloaded")
    window.menu_actions["delete"].trigger()
    assert window.document.undo_stack.count() == 1
    assert revision(workspace_path) == start + 1
    window.document.undo_stack.undo()
    assert revision(workspace_path) == start + 2
    assert stored(workspace_path) == window.document.campaign
    window.document.undo_stack.redo()
    assert revision(workspace_path) == start + 3
    assert stored(workspace_path) == window.document.campaign


def test_publishing_and_activating_from_a_shell_shows_in_the_window(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                                    workspace_path: Path) -> None:
    assert window.banner.state.text() == "Draft"
    with Workspace.open(workspace_path) as other:  # `publish` and `activate` from a shell
        publish(other, "ebook")
        lifecycle.activate(other, "ebook")
    qtbot.waitUntil(lambda: window.banner.state.text().startswith("Active"), timeout=5000)
    assert window.menu_actions["pause"].isEnabled()


def test_an_undo_right_after_an_outside_change_writes_nothing_over_it(
        window: MainWindow, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Even before the editor has looked (it looks every second), nothing it writes lands on
    a draft another process stored since: the notice asks first."""
    window.editing.rename("thanks", "Mine")
    window.editing.rename("downloaded", "Mine too")
    theirs = replace_from_outside(workspace_path, lambda c: c.rename_node("welcome", "Theirs"))
    window.document.undo_stack.undo()  # the stack is not guarded; the writer is
    assert stored(workspace_path) == theirs
    assert window.outside.check()
    bar = window.findChild(object, "outsideChangeBar")
    assert bar is not None and bar.isVisible()
    window.findChild(object, "outsideKeepMine").click()
    mine = stored(workspace_path)
    assert mine == window.document.campaign
    assert (mine.node("thanks").name, mine.node("downloaded").name,
            mine.node("welcome").name) == ("Mine", "Downloaded", "Welcome")

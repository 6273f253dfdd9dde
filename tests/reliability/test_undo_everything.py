"""Random sequences of editor operations, then undo of all of them, give back the start;
redo of all gives back the end. The workspace file follows the model throughout."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QPointF

from canvas_app.domain.model import Goal, Sequence
from canvas_app.ui.window.main_window import MainWindow
from tests.factories import eligible_links, email, link
from tests.ui.conftest import stored


def random_step(window: MainWindow, rng: random.Random, n: int) -> None:
    campaign = window.document.campaign
    assert campaign is not None
    editing, scene = window.editing, window.scene
    nodes = campaign.nodes
    action = rng.choice(["add", "add", "move", "rename", "connect", "connect", "delete",
                         "duplicate", "links", "emails", "disconnect"])
    if action == "add" or not nodes:
        editing.add_node(rng.choice(["sequence", "goal"]),
                         QPointF(rng.uniform(-600, 900), rng.uniform(-400, 400)))
    elif action == "move":
        chosen = rng.sample(nodes, k=min(len(nodes), rng.randint(1, 3)))
        scene.clearSelection()
        for node in chosen:
            scene.node_items[node.id].setSelected(True)
        editing.nudge(rng.choice([-24, 24]), rng.choice([-24, 0, 24]))
    elif action == "rename":
        editing.rename(rng.choice(nodes).id, f"name {n}")
    elif action == "connect":
        source, target = rng.choice(nodes), rng.choice(nodes)
        if campaign.connection_problem(source.id, target.id) is None:
            window.controller.connect_nodes(source.id, target.id)
    elif action == "disconnect" and campaign.edges:
        scene.clearSelection()
        scene.edge_items[rng.choice(campaign.edges)].setSelected(True)
        editing.delete_selection()
    elif action in ("delete", "duplicate"):
        scene.clearSelection()
        for node in rng.sample(nodes, k=min(len(nodes), rng.randint(1, 2))):
            scene.node_items[node.id].setSelected(True)
        editing.delete_selection() if action == "delete" else editing.duplicate_selection()
    elif action == "links":
        goals = [g for g in nodes if isinstance(g, Goal)]
        if goals:
            goal = rng.choice(goals)
            eligible = [k.id for _, _, k in eligible_links(campaign, goal.id)]
            window.controller.apply_goal_setup(goal.id, goal.name, rng.sample(
                eligible, k=min(len(eligible), rng.randint(0, 2))))
    elif action == "emails":
        sequences = [s for s in nodes if isinstance(s, Sequence)]
        if sequences:
            window.controller.apply_sequence_emails(rng.choice(sequences).id, [
                email(f"m{n}-{i}", [link(f"k{n}-{i}")], delay=60 * i) for i in range(2)])


@pytest.mark.parametrize("seed", range(6))
def test_undo_all_restores_the_start_and_redo_all_the_end(window: MainWindow,
                                                          workspace_path, seed: int) -> None:  # type: ignore[no-untyped-def]
    campaign = window.document.campaign
    assert campaign is not None
    start = campaign.copy()
    rng = random.Random(seed)
    for n in range(40):
        random_step(window, rng, n)
    end = campaign.copy()
    assert stored(workspace_path) == end
    stack = window.document.undo_stack
    assert stack.count() > 10
    while stack.canUndo():
        stack.undo()
    assert campaign == start and stored(workspace_path) == start
    assert set(window.scene.node_items) == {n.id for n in start.nodes}
    while stack.canRedo():
        stack.redo()
    assert campaign == end and stored(workspace_path) == end

"""Issue 11, "Done when": random user sessions with real mouse and key events on the viewport
and real dialogs. After every step: item positions == model == the draft another connection
reads from the file, and the undo stack grew by exactly one for an action that changed
something (none for a refused or cancelled one). At the end of a session a separate process
exports the same file; undo-all returns it byte for byte to the start, redo-all to the end.

A failure names its seed: rerun one session with CANVAS_SESSION_SEED=<seed>.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from canvas_app.domain.interchange import dumps
from canvas_app.domain.model import Campaign, Goal, Sequence
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.connection import make_engine
from canvas_app.store.workspace import Workspace
from canvas_app.ui.canvas.nodes import NodeItem
from canvas_app.ui.editor.commands import MoveNodesCommand
from canvas_app.ui.email.goal_setup import GoalSetupDialog
from canvas_app.ui.email.sequence_editor import SequenceEditor
from canvas_app.ui.window.main_window import MainWindow
from canvas_app.ui.window.opening import open_for_editing
from tests.factories import eligible_links, funnel
from tests.ui.conftest import Mouse

SESSIONS = int(os.environ.get("CANVAS_SESSIONS", "20"))
STEPS = 30
ROOT = Path(__file__).resolve().parents[3]
ACTIONS = ["add", "move", "move", "nudge", "connect", "connect", "illegal connect", "rename",
           "delete", "duplicate", "sequence editor", "goal setup", "publish dialog",
           "goal setup ok", "bot policy", "undo", "undo", "redo"]


def stored_text(path: Path, campaign_id: str) -> str:
    """The draft as a NEW Workspace (its own engine and connection) on the same file exports
    it. Not through ``Workspace.open``: its header check opens and closes the file with plain
    ``open()``, which drops every POSIX lock this process holds on it (the editor's SQLite
    locks included); a CLI process closing afterwards then deletes the WAL under the editor
    ("disk I/O error"). Reported; store/workspace.py is not this change's to fix."""
    with Workspace(path, make_engine(path, read_only=True), read_only=True, backup=None) as ws:
        return dumps(CampaignStore(ws).load(campaign_id))


class Session:
    def __init__(self, window: MainWindow, path: Path, rng: random.Random) -> None:
        self.window, self.path, self.rng = window, path, rng
        self.mouse = Mouse(window)
        self.stack = window.document.undo_stack
        self.log: list[str] = []

    @property
    def campaign(self) -> Campaign:
        campaign = self.window.document.campaign
        assert campaign is not None
        return campaign

    def center(self, node_id: str) -> QPointF:
        """The middle of a node's card, scrolled into view as a user would."""
        item = self.window.scene.node_items[node_id]
        self.window.view.ensureVisible(item, 60, 60)
        return item.scenePos()

    def pick(self, kind: type | None = None) -> str | None:
        nodes = [n.id for n in self.campaign.nodes if kind is None or isinstance(n, kind)]
        return self.rng.choice(nodes) if nodes else None

    def select(self) -> list[str]:
        """Clicks one node, Ctrl+clicks maybe another: the selection of a user."""
        chosen = self.pick()
        if chosen is None:
            return []
        self.mouse.click(self.center(chosen))
        if self.rng.random() < 0.3 and (other := self.pick()) is not None:
            self.mouse.click(self.center(other), Qt.KeyboardModifier.ControlModifier)
        return sorted(i.node.id for i in self.window.scene.selected_nodes())

    def key(self, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
        self.window.view.setFocus()
        QTest.keyClick(self.window.view, key, modifiers)

    # -- the actions ---------------------------------------------------------------------
    def do(self, action: str) -> None:
        w, rng = self.window, self.rng
        if action == "add":
            at = w.view.visible_center() + QPointF(rng.uniform(-400, 400), rng.uniform(-250, 250))
            self.mouse.drop_palette(rng.choice(["sequence", "goal"]), at)
        elif action == "move" and (node := self.pick()) is not None:
            start = self.center(node)
            self.mouse.drag(start, start + QPointF(rng.choice([-120, -48, 0, 72, 144]),
                                                   rng.choice([-96, 0, 24, 120])))
        elif action == "nudge" and self.select():
            self.key(rng.choice([Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up,
                                 Qt.Key.Key_Down]))
        elif action in ("connect", "illegal connect"):
            self.connect(legal=action == "connect")
        elif action == "rename" and (node := self.pick()) is not None:
            item = w.scene.node_items[node]
            self.mouse.double_click(item.mapToScene(item.name_rect().center()))
            editor = w.scene.renaming
            if editor is not None:
                editor.line.setText(rng.choice(["Welcome", "Renamed", "  ", f"N{rng.random():.3}"]))
                QTest.keyClick(editor.line, Qt.Key.Key_Return)
                if w.scene.renaming is editor:  # an empty name is refused: Esc keeps the old
                    QTest.keyClick(editor.line, Qt.Key.Key_Escape)
            else:  # the label was under another node's card: its editor opened; cancel it
                self.editor_opened(accept=False, expected=False)
        elif action == "delete" and self.select():
            w.menu_actions["delete"].trigger()
        elif action == "duplicate" and self.select():
            w.menu_actions["duplicate"].trigger()
        elif action in ("sequence editor", "goal setup", "goal setup ok"):
            node = self.pick(Sequence if action == "sequence editor" else Goal)
            if node is not None:
                at = self.center(node)
                top = next(i for i in w.scene.items(at) if isinstance(i, NodeItem))
                self.mouse.double_click(at)  # the card on top there opens its editor
                self.editor_opened(action == "goal setup ok", expected=top.node.id == node)
        elif action == "publish dialog":
            dialog = w.campaign_ops.publish()
            assert dialog is not None
            dialog.reject()
        elif action == "bot policy":
            w.menu_actions["count_bots"].trigger()
        elif action == "undo":
            w.menu_actions["undo"].trigger()
        elif action == "redo":
            w.menu_actions["redo"].trigger()
        QApplication.processEvents()

    def editor_opened(self, accept: bool, expected: bool = True) -> None:
        """Cancels the editor a double-click opened; OK in the goal setup when asked to.
        ``expected``: the double-click was on the card of the node on top there (so its
        editor must be open); elsewhere a label, a handle or nothing may have been hit."""
        w, rng = self.window, self.rng
        editors = [e for e in w.findChildren(SequenceEditor) if e.isVisible()]
        dialogs = [d for d in w.findChildren(GoalSetupDialog) if d.isVisible()]
        renaming = w.scene.renaming
        if renaming is not None:  # the point was on another node's label: Esc, as a user would
            QTest.keyClick(renaming.line, Qt.Key.Key_Escape)
            QApplication.processEvents()
        assert not expected or len(editors) + len(dialogs) == (0 if renaming else 1), \
            "a double-click on a node's card opens its editor (on a label: the rename)"
        for editor in editors:
            editor.reject()
        for dialog in dialogs:
            goal = dialog.goal
            links = [k.id for _, _, k in eligible_links(self.campaign, goal.id)]
            if links:
                dialog.preview.anchorClicked.emit(QUrl(f"cc-link:{rng.choice(links)}"))
            if accept:
                dialog.name.setText(rng.choice(["Clicked", "Downloaded", dialog.name.text()]))
                dialog.ok.click()
            else:
                dialog.reject()

    def connect(self, legal: bool) -> None:
        nodes = self.campaign.nodes
        pairs = [(a.id, b.id) for a in nodes for b in nodes if a is not b
                 and (self.campaign.connection_problem(a.id, b.id) is None) == legal]
        if not pairs:
            return
        source, target = self.rng.choice(pairs)
        self.mouse.press(self.window.scene.node_items[source].output_point())
        self.mouse.move(self.center(target))
        self.mouse.release(self.center(target))

    # -- the checks ----------------------------------------------------------------------
    def check(self, action: str, before: str, index: int, count: int,
              top_nudge: list[str] | None) -> None:
        w, campaign = self.window, self.campaign
        text = dumps(campaign)
        shown = {k: (i.pos().x(), i.pos().y()) for k, i in w.scene.node_items.items()}
        assert shown == {n.id: n.position for n in campaign.nodes}, "screen != model"
        assert stored_text(self.path, campaign.id) == text, "model != file"
        grew = self.stack.index() - index
        if action == "undo":
            assert grew == (-1 if index > 0 else 0)
        elif action == "redo":
            assert grew == (1 if index < count else 0)
        elif text == before:
            assert grew == 0, "an action that changed nothing added an undo step"
        elif action == "nudge" and grew == 0:  # a nudge merges with the nudge before it
            moved = sorted(i.node.id for i in w.scene.selected_nodes())
            assert top_nudge == moved, "a change without an undo step"
        else:
            assert grew == 1, "one user action must be exactly one undo step"
            assert self.stack.count() == self.stack.index(), "an action left commands to redo"

    def top_nudge(self) -> list[str] | None:
        if self.stack.index() == 0:
            return None
        command = self.stack.command(self.stack.index() - 1)
        if isinstance(command, MoveNodesCommand) and command.nudge:
            return sorted(command.new)
        return None

    def run(self) -> None:
        start = stored_text(self.path, self.campaign.id)
        for _ in range(STEPS):
            action = self.rng.choice(ACTIONS)
            self.log.append(action)
            before, index, count = dumps(self.campaign), self.stack.index(), self.stack.count()
            top = self.top_nudge()
            self.do(action)
            self.check(action, before, index, count, top)
        while self.stack.canRedo():  # the end is the newest state the stack can reach
            self.window.menu_actions["redo"].trigger()
        end = dumps(self.campaign)
        assert stored_text(self.path, self.campaign.id) == end
        exported = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--workspace", str(self.path), "export",
             self.campaign.id], capture_output=True, text=True, timeout=60, check=True,
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert exported.stdout == end, "another process exports something else"
        while self.stack.canUndo():
            self.window.menu_actions["undo"].trigger()
        assert stored_text(self.path, self.campaign.id) == start, "undo-all is not the start"
        while self.stack.canRedo():
            self.window.menu_actions["redo"].trigger()
        assert stored_text(self.path, self.campaign.id) == end, "redo-all is not the end"


def seeds() -> list[int]:
    chosen = os.environ.get("CANVAS_SESSION_SEED")
    first = int(os.environ.get("CANVAS_SESSION_FIRST", "1100"))
    return [int(chosen)] if chosen else [first + n for n in range(SESSIONS)]


@pytest.mark.parametrize("seed", seeds())
def test_random_user_session(seed: int, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "session.canvas-workspace"
    with Workspace.open(path, create=True) as ws:
        CampaignStore(ws).add(funnel())
    workspace = open_for_editing(path, None, ask=False)
    assert workspace is not None
    window = MainWindow(workspace, "ebook")
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.view.actual_size()
    window.view.centerOn(300, 0)
    session = Session(window, path, random.Random(seed))
    try:
        session.run()
    except AssertionError as exc:
        raise AssertionError(f"session seed {seed} (CANVAS_SESSION_SEED={seed}), "
                             f"steps {session.log}: {exc}") from exc
    finally:
        window.close()

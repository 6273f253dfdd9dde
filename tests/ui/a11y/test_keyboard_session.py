"""A whole session with the keyboard alone, no mouse event at all: a new campaign, a sequence
and a goal from the palette, connected, an email with a link written, the goal set up, then
published and activated."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QLineEdit, QWidget

from canvas_app.domain.model import Goal, Sequence
from canvas_app.domain.vocabulary import CampaignState
from canvas_app.ui.email.goal_setup import GoalSetupDialog
from canvas_app.ui.email.link_dialog import LinkDialog
from canvas_app.ui.email.publish_dialog import PublishDialog
from canvas_app.ui.email.sequence_editor import SequenceEditor
from canvas_app.ui.window.main_window import MainWindow

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def key(widget: QWidget, k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
        ) -> None:
    """A key pressed where the keyboard is in ``widget``'s window (which has the keyboard, as
    the window manager gives it back to the window on top when a dialog closes; offscreen
    there is no window manager)."""
    top = widget.window()
    if not top.isActiveWindow():
        top.activateWindow()
        QApplication.processEvents()
    QTest.keyClick(top.focusWidget() or widget, k, mods)


def tab_to(window: QWidget, wanted: Callable[[QWidget], bool], backwards: bool = False) -> QWidget:
    """Presses Tab (or Shift+Tab) until the keyboard is on a control ``wanted`` accepts."""
    for _ in range(80):
        here = window.focusWidget()
        if here is not None and wanted(here):
            return here
        key(window, Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached the control in {window.objectName()}")


def in_modal(kind: type[QDialog], then: Callable[[QDialog], None]) -> list[str]:
    """Acts in the next modal dialog of this kind (a name to type, a link to write) once it is
    up; a dialog the keys did not close is closed (so the test cannot hang) and said in the
    list returned."""
    said: list[str] = []
    tries = [0]

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            try:
                then(dialog)
            except AssertionError as exc:
                said.append(str(exc))
            if dialog.isVisible():
                said.append(f"{type(dialog).__name__} was still open")
                dialog.reject()
        elif tries[0] < 200:
            tries[0] += 1
            QTimer.singleShot(10, look)
        else:
            said.append(f"no {kind.__name__} came up")

    QTimer.singleShot(0, look)
    return said


def type_in(dialog: QDialog, text: str) -> None:
    """Types ``text`` over the first text field's content (where the keyboard starts)."""
    field = tab_to(dialog, lambda w: isinstance(w, QLineEdit))
    QTest.keyClick(field, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(field, text)


def test_a_campaign_from_nothing_to_active_by_keyboard_alone(window: MainWindow, qtbot  # type: ignore[no-untyped-def]
                                                              ) -> None:
    view = window.view
    view.setFocus()

    def name_it(dialog: QDialog) -> None:
        type_in(dialog, "Keyboard launch")
        key(dialog, Qt.Key.Key_Return)

    said = in_modal(QInputDialog, name_it)
    key(view, Qt.Key.Key_N, CTRL)  # Campaign › New Campaign…
    assert said == []
    campaign = window.document.campaign
    assert campaign is not None and campaign.name == "Keyboard launch"
    # the palette: Tab from the canvas, Home (Sequence), Return; again with Home, Down (the goal)
    for row_keys in ((Qt.Key.Key_Home,), (Qt.Key.Key_Home, Qt.Key.Key_Down)):
        view.setFocus()
        tab_to(window, lambda w: w is window.node_palette)
        for row_key in row_keys:
            key(window, row_key)
        key(window, Qt.Key.Key_Return)
    assert [type(n) for n in campaign.nodes] == [Sequence, Goal]
    sequence, goal = campaign.sequences[0], campaign.goals[0]
    key(view, Qt.Key.Key_A, CTRL)
    key(view, Qt.Key.Key_L, CTRL)  # Edit › Connect
    assert [(e.source, e.target) for e in campaign.edges] == [(sequence.id, goal.id)]

    def go_to(node_id: str) -> None:  # Ctrl+arrows, until the node is the one selected
        for arrow in [Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down] * 2:
            if [i.node.id for i in window.scene.selected_nodes()] == [node_id]:
                return
            key(view, arrow, CTRL)
        raise AssertionError("Ctrl+arrows did not reach the node")

    go_to(sequence.id)
    key(view, Qt.Key.Key_Return)  # Edit Emails…
    editor = window.findChild(SequenceEditor)
    assert editor is not None
    tab_to(editor, lambda w: w is editor.add_button)
    key(editor, Qt.Key.Key_Space)  # Add: the subject has the keyboard
    QTest.keyClicks(editor.focusWidget(), "Your guide is here")
    tab_to(editor, lambda w: w is editor.body)
    QTest.keyClicks(editor.body, "Hello! ")

    def write_link(dialog: QDialog) -> None:
        words = tab_to(dialog, lambda w: w is getattr(dialog, "text", None))  # by Tab, named:
        QTest.keyClick(words, Qt.Key.Key_A, CTRL)  # the keyboard may start on either field
        QTest.keyClicks(words, "Download the guide")
        tab_to(dialog, lambda w: w is getattr(dialog, "target", None))
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_A, CTRL)
        QTest.keyClicks(dialog.focusWidget(), "https://example.com/guide.pdf")
        key(dialog, Qt.Key.Key_Return)

    said = in_modal(LinkDialog, write_link)
    key(editor, Qt.Key.Key_K, CTRL)  # Insert link…
    qtbot.waitUntil(lambda: bool(editor.emails[0].links) or bool(said))  # (a shortcut clicks
    assert said == []  # a moment later)
    tab_to(editor, lambda w: w is editor.subject, backwards=True)
    key(editor, Qt.Key.Key_Return)  # OK, the default button
    assert not editor.isVisible()
    assert [e.subject for e in sequence.emails] == ["Your guide is here"]
    [link] = sequence.emails[0].links
    go_to(goal.id)
    key(view, Qt.Key.Key_Return)  # Set Up the Goal…
    setup = window.findChild(GoalSetupDialog)
    assert setup is not None
    tab_to(setup, lambda w: w is setup.preview)
    key(setup, Qt.Key.Key_Tab)  # the first (and only) link
    key(setup, Qt.Key.Key_Return)  # chosen
    tab_to(setup, lambda w: w is setup.name)
    key(setup, Qt.Key.Key_Return)  # OK
    assert goal.links == [link.id]
    key(view, Qt.Key.Key_P, CTRL | SHIFT)  # Campaign › Publish…
    dialog = window.findChild(PublishDialog)
    assert dialog is not None and dialog.publish.isEnabled()
    tab_to(dialog, lambda w: w is dialog.publish)
    key(dialog, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.document.status is not None
                    and window.document.status.published_version == 1)
    view.setFocus()
    key(view, Qt.Key.Key_A, CTRL | SHIFT)  # Campaign › Activate
    status = window.document.status
    assert status is not None and status.state == CampaignState.ACTIVE

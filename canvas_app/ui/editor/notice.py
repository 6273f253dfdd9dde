"""The bar above the canvas that asks what to do when another process changed the campaign
while this window has edits of its own: Reload (show theirs) or Keep mine (store this
window's draft as a new revision). Nothing is overwritten until the user answers."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from canvas_app.ui.editor.controller import EditController
from canvas_app.ui.editor.document import EditorDocument
from canvas_app.ui.editor.outside import OutsideWatcher
from canvas_app.ui.editor.status import Status
from canvas_app.ui.style.theme import current_theme

MESSAGE = ("This campaign was changed outside this window (another window, a command or the "
           "tracking server). Reload to see that version, or keep yours and store it as the "
           "newest draft.")


class OutsideChangeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outsideChangeBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        theme = current_theme()  # its own text colour too: light text on a light bar is unreadable
        self.setStyleSheet(f"#outsideChangeBar {{ background: {theme.notice_background.name()}; }}"
                           f"#outsideChangeBar QLabel {{ color: {theme.notice_text.name()}; }}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel(MESSAGE)
        self.label.setWordWrap(True)
        self.reload_button = QPushButton("Reload")
        self.reload_button.setObjectName("outsideReload")
        self.reload_button.setToolTip("Show the stored version; your undo history is cleared")
        self.keep_button = QPushButton("Keep mine")
        self.keep_button.setObjectName("outsideKeepMine")
        self.keep_button.setToolTip("Store what this window shows as the newest draft")
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reload_button)
        layout.addWidget(self.keep_button)
        self.hide()


def watch_outside(document: EditorDocument, controller: EditController, view: QWidget,
                  status: Status, parent: QWidget) -> tuple[OutsideWatcher, QWidget]:
    """The watcher, and ``view`` under the notice bar (the widget to put where the view was).
    The controller asks the watcher before every push; refusals and failed saves are said."""
    watcher = OutsideWatcher(document, parent)
    bar = watcher.bar = OutsideChangeBar()
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(bar)
    layout.addWidget(view, 1)
    controller.guard = watcher.check

    def reloaded() -> None:
        bar.hide()
        status.say("Reloaded: this campaign was changed outside this window.")

    def keep() -> None:
        watcher.keep_mine()
        bar.hide()
        status.say("Kept this window's version as the newest draft.")

    controller.refused.connect(lambda why: status.say(why))
    document.saveFailed.connect(lambda why: QMessageBox.warning(parent, "Not saved", why))
    watcher.reloaded.connect(reloaded)
    watcher.conflict.connect(bar.show)
    bar.reload_button.clicked.connect(watcher.reload)
    bar.keep_button.clicked.connect(keep)
    return watcher, holder

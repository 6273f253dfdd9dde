"""Every menu and toolbar action, with its shortcut, tooltip and status-bar hint."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

Key = QKeySequence.StandardKey


@dataclass
class Spec:
    name: str
    text: str
    tip: str
    shortcut: QKeySequence.StandardKey | str | None = None
    icon: QStyle.StandardPixmap | None = None
    checkable: bool = False
    canvas_only: bool = False  # its shortcut acts only while the canvas has focus


SPECS = [
    Spec("new_workspace", "&New Workspace…", "Create an empty workspace file and open it"),
    Spec("open", "&Open Workspace…", "Open another workspace file", Key.Open,
         QStyle.StandardPixmap.SP_DialogOpenButton),
    Spec("open_server", "Open Workspace on a Ser&ver…", "Open a workspace kept in a "
         "PostgreSQL database, shared with others"),
    Spec("save_as", "Save Workspace &As…", "Save a copy of this workspace and continue in it",
         Key.SaveAs),
    Spec("new_from_template", "New from &Template…", "Start a campaign from one that already "
         "works: a gallery of templates, yours included"),
    Spec("import_campaign", "&Import Campaign…", "Add a campaign from a .campaign.json file",
         "Ctrl+I"),
    Spec("export_campaign", "&Export Campaign…", "Write this campaign as a .campaign.json file",
         "Ctrl+E"),
    Spec("export_png", "Export Canvas as &PNG…", "Save a picture of the canvas"),
    Spec("export_svg", "Export Canvas as &SVG…", "Save the canvas as a scalable drawing"),
    Spec("export_pdf", "Export Canvas as P&DF…", "Save the canvas as a PDF page"),
    Spec("quit", "&Quit", "Close Campaign Canvas (everything is already saved)", Key.Quit),
    Spec("delete", "&Delete", "Delete the selected nodes and connections", Key.Delete,
         canvas_only=True),
    Spec("find", "&Find…", "Find a node by name or email subject; Enter goes to the next",
         Key.Find),
    Spec("cut", "Cu&t", "Move the selected nodes to the clipboard", Key.Cut, canvas_only=True),
    Spec("copy", "&Copy", "Copy the selected nodes, with their emails, goal choices and the "
         "connections between them", Key.Copy, canvas_only=True),
    Spec("paste", "&Paste", "Add the copied nodes here, also in another campaign or window",
         Key.Paste, canvas_only=True),
    Spec("connect", "Co&nnect", "Connect the two selected nodes (a sequence and a goal) in the "
         "direction the rules allow", "Ctrl+L", canvas_only=True),
    Spec("set_up", "Set &Up…", "Open the selected goal's setup or the selected sequence's "
         "emails (Return on the canvas does the same)"),
    Spec("select_all", "Select &All", "Select every node and connection", Key.SelectAll,
         canvas_only=True),
    Spec("duplicate", "D&uplicate", "Copy the selected nodes (and the connections between them)",
         "Ctrl+D", canvas_only=True),
    Spec("rename", "&Rename", "Rename the selected node", "F2"),
    Spec("zoom_in", "Zoom &In", "Make the canvas larger", Key.ZoomIn),
    Spec("zoom_out", "Zoom &Out", "Make the canvas smaller", Key.ZoomOut),
    Spec("actual_size", "&Actual Size", "Show the canvas at 100%", "Ctrl+0"),
    Spec("fit", "&Fit to Window", "Show the whole campaign", "Ctrl+1"),
    Spec("grid", "&Grid and Snap", "Show the grid and snap nodes to it", "Ctrl+'",
         checkable=True),
    Spec("animate", "Animate &Contacts", "Show contacts moving along the connections as dots",
         checkable=True),
    Spec("show_rates", "Show &Rates", "Beside each goal's count, its conversion: achieved "
         "out of the contacts who entered the sequences before it", checkable=True),
    Spec("presentation", "&Presentation Mode", "Full screen with larger type, for a projector",
         "F11", checkable=True),
    Spec("new_campaign", "&New Campaign…", "Add an empty campaign to this workspace (you name it "
         "first)", Key.New),
    Spec("rename_campaign", "Re&name Campaign…", "Give this campaign another name"),
    Spec("duplicate_campaign", "Duplicate Ca&mpaign", "Copy this campaign's design into a new "
         "draft campaign, without contacts"),
    Spec("save_template", "Save as &Template…", "Keep this campaign's design as a template "
         "of yours, offered by File › New from Template…"),
    Spec("delete_campaign", "Dele&te Campaign…", "Remove this campaign, its versions and its "
         "simulation (the workspace is backed up first)"),
    Spec("validate", "&Validate", "Check the campaign for problems before publishing", "F7"),
    Spec("publish", "&Publish…", "Check the campaign and store a new version that contacts "
         "will follow", "Ctrl+Shift+P"),
    Spec("activate", "&Activate", "Start sending the published version", "Ctrl+Shift+A"),
    Spec("count_bots", "Count &Bot Clicks Too", "Let clicks by bots and mail scanners achieve "
         "goals (off: they are reported but achieve nothing). Publish to apply.",
         checkable=True),
    Spec("report", "&Report…", "Sends, clicks per link (people and bots) and goals", "Ctrl+R"),
    Spec("pause", "Pa&use", "Hold all sending and goals until activated again", "Ctrl+Shift+U"),
]


def build(parent: QWidget) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in SPECS:
        action = QAction(spec.text, parent)
        action.setObjectName(f"{spec.name}Action")
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(spec.tip + (f" ({shortcut})" if shortcut else ""))
        action.setStatusTip(spec.tip)
        if spec.icon is not None:
            action.setIcon(parent.style().standardIcon(spec.icon))
        action.setCheckable(spec.checkable)
        if spec.canvas_only:
            # Added to the canvas view too: in a list or a text box the same keys do what
            # that widget does (Ctrl+A selects its rows), not what the canvas would.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        actions[spec.name] = action
    return actions


def tip(name: str) -> str:
    """The action's tooltip as built (its words and its shortcut)."""
    spec = next(s for s in SPECS if s.name == name)
    shortcut = QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText) \
        if spec.shortcut is not None else ""
    return spec.tip + (f" ({shortcut})" if shortcut else "")


def canvas_only(actions: dict[str, QAction]) -> list[QAction]:
    """The actions whose shortcuts belong to the canvas (add them to the canvas view)."""
    return [actions[spec.name] for spec in SPECS if spec.canvas_only]


def set_redo_shortcuts(action: QAction) -> None:
    """Redo answers both common spellings (Ctrl+Shift+Z and Ctrl+Y) besides the platform's."""
    keys = QKeySequence.keyBindings(Key.Redo)
    for extra in ("Ctrl+Shift+Z", "Ctrl+Y"):
        sequence = QKeySequence(extra)
        if sequence not in keys:
            keys.append(sequence)
    action.setShortcuts(keys)


def gate(actions: dict[str, QAction], read_only: bool) -> Callable[[str, bool, str], None]:
    """``gate(name, enabled, why_not)``: enables an action, or disables it with a tooltip that
    says why and what to do (a read-only workspace says so elsewhere)."""
    def apply(name: str, enabled: bool, why_not: str) -> None:
        action = actions[name]
        action.setEnabled(enabled)
        action.setToolTip(tip(name) if enabled or read_only else f"{why_not}. {tip(name)}")
    return apply


def steady_copy(action: QAction, label: str, parent: QWidget) -> QAction:
    """A toolbar twin of an undo/redo action whose label stays put (the menu's says what will be
    undone; on the toolbar that would make every button after it jump)."""
    twin = QAction(label, parent)
    twin.setObjectName(f"toolbar{label}Action")
    twin.triggered.connect(action.trigger)

    def follow() -> None:
        twin.setEnabled(action.isEnabled())
        twin.setToolTip(action.text().replace("&", "") + f" ({action.shortcut().toString()})")
        twin.setStatusTip(action.statusTip())

    action.changed.connect(follow)
    follow()
    return twin

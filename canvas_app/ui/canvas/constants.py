"""Item types and stacking order of the canvas."""

from PySide6.QtWidgets import QGraphicsItem

#: Qt's first item type number free for an application (PySide6 has it; its stubs do not).
_USER_TYPE: int = QGraphicsItem.UserType  # type: ignore[attr-defined]
SEQUENCE_TYPE = _USER_TYPE + 1
GOAL_TYPE = _USER_TYPE + 2
EDGE_TYPE = _USER_TYPE + 3
TEMP_EDGE_TYPE = _USER_TYPE + 4

#: Nodes sit at Qt's default stacking value (0), so a node item never has to be given one
#: (each change of it reaches the item's Python code twice: thousands of calls in a build).
Z_NOTE = -9.5  # behind the connections: a note annotates, it is not part of the flow
Z_EDGE = -9.0
Z_NODE = 0.0
Z_DRAGGED_EDGE = 10.0
Z_EDITOR = 20.0

GRID = 24.0
#: Below this zoom, text and icons are not drawn (they could not be read).
LOD_TEXT = 0.45
LOD_DETAIL = 0.3

#: What a drag from the palette (a node kind) and from the contact list (addresses) carries.
NODE_MIME = "application/x-campaign-canvas-node"
CONTACTS_MIME = "application/x-campaign-canvas-contacts"

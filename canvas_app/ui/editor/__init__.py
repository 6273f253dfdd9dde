"""The editor room: undo commands, the one edit controller, canvas actions on the selection."""

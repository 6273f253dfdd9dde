"""Errors the store raises; their messages are meant for the user."""


class WorkspaceError(Exception):
    """The workspace cannot be opened or used as asked."""


class NotFound(WorkspaceError):
    """A campaign (or other record) named by the user does not exist."""


class WorkspaceInUse(WorkspaceError):
    """Another editor has this workspace open for editing."""

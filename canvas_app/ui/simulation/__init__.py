"""Watching a campaign run inside the editor: the simulation panel, inbox and report."""

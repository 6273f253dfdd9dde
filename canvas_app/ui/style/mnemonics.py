"""Names shown where Qt reads "&" as the mark of a keyboard shortcut (menu entries, a form's
labels, buttons): a campaign called "Crumb & Co" must not show as "Crumb _Co"."""

from __future__ import annotations


def literal(text: str) -> str:
    """``text`` as it should read, for a menu entry, button or buddied label."""
    return text.replace("&", "&&")

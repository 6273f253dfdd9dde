"""A node's tooltip: its name and kind, its note, its problems, and who is in it (looked up on
hover)."""

from __future__ import annotations

from html import escape

from canvas_app.domain.model import Node, Sequence
from canvas_app.domain.validation import Problem


def tooltip_html(node: Node, note: str, problems: list[Problem],
                 who: tuple[list[str], int] | None) -> str:
    kind = "Sequence" if isinstance(node, Sequence) else "Email Link Clicked goal"
    lines = [f"<b>{escape(node.name, quote=False)}</b>", kind, note]
    lines += [("<b>Error:</b> " if p.is_error else "<b>Warning:</b> ")
              + escape(p.message, quote=False) for p in problems]
    if who and who[1]:
        names, total = who
        more = f" and {total - len(names)} more" if total > len(names) else ""
        here = "here" if isinstance(node, Sequence) else "achieved it"
        lines.append(f"<b>{total} {here}:</b> {escape(', '.join(names), quote=False)}{more}")
        lines.append("<i>Click the counts to see why each of them moved.</i>")
    return "<br>".join(x for x in lines if x)

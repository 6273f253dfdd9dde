"""An email body made safe to show: sanitized by the one policy in ``engine.sanitize`` (no
scripts, frames, event attributes, styles or remote resources), images turned into
placeholders, merge fields filled with a sample contact, and every link marked with its state
for the goal being set up."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from enum import StrEnum

from canvas_app.domain.anchors import replace_anchors
from canvas_app.domain.model import Email, Link
from canvas_app.engine.render import MERGE_FIELD
from canvas_app.engine.sanitize import IMAGE as _IMAGE
from canvas_app.engine.sanitize import sanitize
from canvas_app.ui.style.theme import DARK_LINK_STYLE, IMAGE_PLACEHOLDER, LINK_STYLE

LINK_SCHEME = "cc-link"
SAMPLE = {"first_name": "Alex", "name": "Alex Morgan", "email": "alex@example.com"}


class LinkState(StrEnum):
    CHOSEN = "chosen"
    CAN_CHOOSE = "can_choose"
    CANNOT = "cannot"  # its kind cannot satisfy a link goal
    PLAIN = "plain"  # no goal being set up (the sequence editor's preview)


#: Marks that do not rely on colour: a tick on a chosen link, a barred circle on one that
#: cannot satisfy a goal (greyed as well).
PREFIX = {LinkState.CHOSEN: "\u2713\u00a0", LinkState.CAN_CHOOSE: "",
          LinkState.CANNOT: "\u2298\u00a0", LinkState.PLAIN: ""}


def _fill_merge_fields(text: str) -> str:
    def value(match: re.Match[str]) -> str:
        return html.escape(SAMPLE.get(match.group(1).lower(), match.group(2) or ""))
    return MERGE_FIELD.sub(value, text)


def fill_sample(text: str) -> str:
    """Plain text (a subject) with merge fields filled for the sample contact."""
    return MERGE_FIELD.sub(lambda m: SAMPLE.get(m.group(1).lower(), m.group(2) or ""), text)


def preview(email: Email, state_of: Callable[[Link], LinkState], dark: bool = False) -> str:
    """The email as a small HTML document for a QTextBrowser that loads nothing."""
    links = {link.id: link for link in email.links}
    body = _fill_merge_fields(sanitize(email.body_html))

    def anchor(link_id: str, inner: str) -> str:
        link = links.get(link_id)
        if link is None:
            return inner
        state = state_of(link)
        style = (DARK_LINK_STYLE if dark else LINK_STYLE)[state]
        return f'<a href="{LINK_SCHEME}:{link.id}" style="{style}">{PREFIX[state]}{inner}</a>'

    body = replace_anchors(body, anchor)
    body = _IMAGE.sub(lambda m: (
        f'<span style="{IMAGE_PLACEHOLDER}">'
        f"&nbsp;[Image{': ' + m.group(1) if m.group(1) else ''}]&nbsp;</span>"), body)
    subject = html.escape(fill_sample(email.subject))
    return (f'<html><body style="font-size:11pt;"><p style="font-size:13pt;"><b>{subject}</b>'
            f'</p><hr/>{body}</body></html>')


def link_id_from_url(url: str) -> str | None:
    prefix = f"{LINK_SCHEME}:"
    return url[len(prefix):] if url.startswith(prefix) else None


def sent_preview(subject: str, sent_html: str, dark: bool = False) -> str:
    """An email as it was sent (its links are tracked URLs), shown safely: the anchors become
    clickable link ids; the invisible honeypot anchor has no text and stays invisible."""
    body = sanitize(sent_html)
    style = (DARK_LINK_STYLE if dark else LINK_STYLE)[LinkState.PLAIN]
    body = replace_anchors(body, lambda link_id, inner: (
        f'<a href="{LINK_SCHEME}:{link_id}" style="{style}">{inner}</a>'))
    body = _IMAGE.sub(lambda m: f"&nbsp;[Image{': ' + m.group(1) if m.group(1) else ''}]&nbsp;",
                      body)
    return (f'<html><body style="font-size:11pt;"><p style="font-size:13pt;">'
            f"<b>{html.escape(subject)}</b></p><hr/>{body}</body></html>")

"""An email body made safe to show: sanitized by the one policy in ``engine.sanitize`` (no
scripts, frames, event attributes, styles or remote resources), images turned into
placeholders, merge fields filled with a sample contact, and every link marked with its state
for the goal being set up."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from enum import StrEnum

from canvas_app.domain.model import Email, Link
from canvas_app.engine.render import MERGE_FIELD
from canvas_app.engine.sanitize import IMAGE as _IMAGE
from canvas_app.engine.sanitize import sanitize

LINK_SCHEME = "cc-link"
SAMPLE = {"first_name": "Alex", "name": "Alex Morgan", "email": "alex@example.com"}

_ANCHOR = re.compile(r'<a data-link="([A-Za-z0-9_-]+)">(.*?)</a>', re.DOTALL)


class LinkState(StrEnum):
    CHOSEN = "chosen"
    CAN_CHOOSE = "can_choose"
    CANNOT = "cannot"  # its kind cannot satisfy a link goal
    PLAIN = "plain"  # no goal being set up (the sequence editor's preview)


STYLE = {
    LinkState.CHOSEN: "color:#05603a; background-color:#d1fadf; font-weight:bold; "
                      "text-decoration:none;",
    LinkState.CAN_CHOOSE: "color:#175cd3; text-decoration:underline;",
    LinkState.CANNOT: "color:#98a2b3; text-decoration:none;",
    LinkState.PLAIN: "color:#175cd3; text-decoration:underline;",
}
DARK_STYLE = {
    LinkState.CHOSEN: "color:#05603a; background-color:#a6f4c5; font-weight:bold; "
                      "text-decoration:none;",
    LinkState.CAN_CHOOSE: "color:#84adff; text-decoration:underline;",
    LinkState.CANNOT: "color:#85888e; text-decoration:none;",
    LinkState.PLAIN: "color:#84adff; text-decoration:underline;",
}
PREFIX = {LinkState.CHOSEN: "\u2713\u00a0", LinkState.CAN_CHOOSE: "", LinkState.CANNOT: "",
          LinkState.PLAIN: ""}


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

    def anchor(match: re.Match[str]) -> str:
        link = links.get(match.group(1))
        if link is None:
            return match.group(2)
        state = state_of(link)
        style = (DARK_STYLE if dark else STYLE)[state]
        return (f'<a href="{LINK_SCHEME}:{link.id}" style="{style}">'
                f"{PREFIX[state]}{match.group(2)}</a>")

    body = _ANCHOR.sub(anchor, body)
    body = _IMAGE.sub(lambda m: (
        '<span style="background-color:#eef2f7; color:#5b6577; border:1px solid #cfd6e0;">'
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
    style = (DARK_STYLE if dark else STYLE)[LinkState.PLAIN]
    body = _ANCHOR.sub(lambda m: f'<a href="{LINK_SCHEME}:{m.group(1)}" style="{style}">'
                                 f"{m.group(2)}</a>", body)
    body = _IMAGE.sub(lambda m: f"&nbsp;[Image{': ' + m.group(1) if m.group(1) else ''}]&nbsp;",
                      body)
    return (f'<html><body style="font-size:11pt;"><p style="font-size:13pt;">'
            f"<b>{html.escape(subject)}</b></p><hr/>{body}</body></html>")

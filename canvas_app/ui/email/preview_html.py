"""An email body made safe to show: sanitized by the one policy in ``engine.sanitize`` (no
scripts, frames, event attributes or remote resources; the email's harmless look kept),
images turned into sized placeholders (``cc-image:`` names that ``SafePreview`` draws itself),
merge fields filled with a sample contact (unknown ones shown as tokens, never blank), and
every link marked with its state for the goal being set up."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from enum import StrEnum
from urllib.parse import quote, unquote

from canvas_app.domain.anchors import replace_styled_anchors
from canvas_app.domain.model import Email, Link
from canvas_app.engine.presentation import for_text_browser
from canvas_app.engine.render import MERGE_FIELD
from canvas_app.engine.sanitize import IMAGE as _IMAGE
from canvas_app.engine.sanitize import image_box, sanitize
from canvas_app.ui.style.theme import DARK_LINK_STYLE, LINK_STYLE, MERGE_TOKEN

LINK_SCHEME = "cc-link"
IMAGE_SCHEME = "cc-image"
#: Other tools' merge tags left in a body (Mailchimp's, Keap's): shown as tokens.
_FOREIGN_TAG = re.compile(r"\*\|[A-Za-z0-9_:]+\|\*|~[A-Za-z]+\.[A-Za-z_]+~")
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
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


def _token(text: str) -> str:
    return f'<span style="{MERGE_TOKEN}">{text}</span>'


def _fill_merge_fields(text: str) -> str:
    """Merge fields in the text (not inside tags) filled for the sample contact; a field we do
    not know and that has no fallback, and other tools' tags, shown as visible tokens."""
    def value(match: re.Match[str]) -> str:
        name, fallback = match.group(1).lower(), match.group(2)
        if name in SAMPLE or fallback is not None:
            return html.escape(SAMPLE.get(name, fallback or ""))
        return _token(html.escape(match.group(0)))

    return "".join(part if part.startswith("<") else
                   _FOREIGN_TAG.sub(lambda m: _token(m.group(0)), MERGE_FIELD.sub(value, part))
                   for part in re.split(r"(<[^>]+>)", text))


def image_name(width: int, height: int, alt: str) -> str:
    """The ``cc-image:`` name of a placeholder (``SafePreview`` draws it, nothing is loaded)."""
    return f"{IMAGE_SCHEME}:{width}x{height}/{quote(alt, safe='')}"


def placeholder_of(name: str) -> tuple[int, int, str] | None:
    """(width, height, alt text) of a ``cc-image:`` name, or None when it is not one."""
    found = re.fullmatch(rf"{IMAGE_SCHEME}:(\d+)x(\d+)/(.*)", name, re.DOTALL)
    if found is None:
        return None
    return int(found.group(1)), int(found.group(2)), unquote(found.group(3))


def _placeholder(match: re.Match[str]) -> str:
    width, height, alt = image_box(match.group(1))
    text = html.unescape(alt) or "image"
    return (f'<img src="{image_name(width, height, text)}" width="{width}" height="{height}" '
            f'alt="{html.escape(text)}">')


def _link_style(own: str, state_style: str, state: LinkState, ruled: bool) -> str:
    """A link keeps the email's own look (a button stays a button); the goal setup's state
    shows over it: chosen and cannot-qualify colours win, a link that can be chosen is
    underlined. A link without a style of its own in an email with style rules is left to
    those rules (a button's white text stays white)."""
    found = _STYLE_ATTRIBUTE.search(own)
    plain_state = state in (LinkState.CAN_CHOOSE, LinkState.PLAIN)
    if found is None:
        return "" if ruled and plain_state else state_style
    if plain_state:
        return f"{found.group(1)};text-decoration:underline"
    return f"{found.group(1)};{state_style}"


def _anchor(link_id: str, style: str, inner: str) -> str:
    look = f' style="{html.escape(style)}"' if style else ""
    return f'<a href="{LINK_SCHEME}:{link_id}"{look}>{inner}</a>'


def _body(body: str, anchor: Callable[[str, str, str], str]) -> str:
    body = replace_styled_anchors(for_text_browser(body), anchor)
    return _IMAGE.sub(_placeholder, body)


_DESIGNED = re.compile(r'^<style>| style="| bgcolor="')
#: A designed email on a dark palette is shown on the white it was designed for.
PAPER = ('<table width="100%" cellpadding="0" cellspacing="0" bgcolor="#ffffff"><tr>'
         '<td style="color:#1f2328">{}</td></tr></table>')


def _look(clean: str, dark: bool) -> tuple[bool, dict[str, str], Callable[[str], str]]:
    """Whether the email has style rules, the link states' looks to use, and the wrapping of
    its body: an email with a look of its own keeps the light paper (and the light theme's
    link colours) even on a dark palette, where its own colours would not read."""
    paper = dark and _DESIGNED.search(clean) is not None
    looks = DARK_LINK_STYLE if dark and not paper else LINK_STYLE
    return clean.startswith("<style>"), looks, (PAPER.format if paper else str)


def fill_sample(text: str) -> str:
    """Plain text (a subject) with merge fields filled for the sample contact."""
    return MERGE_FIELD.sub(lambda m: SAMPLE.get(m.group(1).lower(), m.group(2) or ""), text)


def preview(email: Email, state_of: Callable[[Link], LinkState], dark: bool = False) -> str:
    """The email as a small HTML document for a QTextBrowser that loads nothing."""
    links = {link.id: link for link in email.links}

    def anchor(link_id: str, own: str, inner: str) -> str:
        link = links.get(link_id)
        if link is None:
            return inner
        state = state_of(link)
        style = _link_style(own, looks[state], state, ruled)
        return _anchor(link.id, style, PREFIX[state] + inner)

    clean = sanitize(email.body_html)
    ruled, looks, wrap = _look(clean, dark)
    body = wrap(_body(_fill_merge_fields(clean), anchor))
    subject = html.escape(fill_sample(email.subject))
    return (f'<html><body style="font-size:11pt;"><p style="font-size:13pt;"><b>{subject}</b>'
            f'</p><hr/>{body}</body></html>')


def link_id_from_url(url: str) -> str | None:
    prefix = f"{LINK_SCHEME}:"
    return url[len(prefix):] if url.startswith(prefix) else None


def sent_preview(subject: str, sent_html: str, dark: bool = False) -> str:
    """An email as it was sent (its links are tracked URLs), shown safely: the anchors become
    clickable link ids; the invisible honeypot anchor has no text and stays invisible."""
    clean = sanitize(sent_html)
    ruled, looks, wrap = _look(clean, dark)
    body = wrap(_body(clean, lambda link_id, own, inner: _anchor(
        link_id, _link_style(own, looks[LinkState.PLAIN], LinkState.PLAIN, ruled), inner)))
    return (f'<html><body style="font-size:11pt;"><p style="font-size:13pt;">'
            f"<b>{html.escape(subject)}</b></p><hr/>{body}</body></html>")

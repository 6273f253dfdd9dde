"""The one sanitising policy for showing an email anywhere (the editor's preview, the inbox,
the written page): nh3 keeps harmless markup only, so no scripts, frames, styles, event
handlers, remote images or other URLs. The written page may keep the ``href`` of its tracked
links (``keep_href``), so a click there still reaches the tracking server."""

from __future__ import annotations

import re
from collections.abc import Callable

import nh3

from canvas_app.domain.anchors import DATA_LINK

TAGS = frozenset({"p", "br", "b", "strong", "i", "em", "u", "s", "a", "ul", "ol", "li", "h1",
                  "h2", "h3", "h4", "blockquote", "div", "span", "table", "thead", "tbody", "tr",
                  "td", "th", "hr", "img", "small", "sub", "sup", "pre", "code"})
ATTRIBUTES = {"a": frozenset({DATA_LINK}), "img": frozenset({"alt"})}
#: An image as the policy leaves it: its alt text at most, never a source.
IMAGE = re.compile(r'<img(?: alt="([^"]*)")?\s*/?>')


def sanitize(body_html: str, keep_href: Callable[[str], bool] | None = None) -> str:
    """Only harmless markup survives. With ``keep_href``, a link's ``href`` survives when
    ``keep_href`` accepts it (an http URL at most); every other URL is dropped."""
    if keep_href is None:
        return nh3.clean(body_html, tags=set(TAGS),
                         attributes={k: set(v) for k, v in ATTRIBUTES.items()},
                         link_rel=None, url_schemes=set(), strip_comments=True)

    def only_kept(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "href":
            return value if tag == "a" and keep_href(value) else None
        return value

    attributes = {k: set(v) for k, v in ATTRIBUTES.items()}
    attributes["a"].add("href")
    return nh3.clean(body_html, tags=set(TAGS), attributes=attributes,
                     attribute_filter=only_kept, link_rel=None, url_schemes={"http"},
                     strip_comments=True)

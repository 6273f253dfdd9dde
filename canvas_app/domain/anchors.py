"""The anchors of an email body: each names a declared link through ``data-link``."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class Anchor:
    link_id: str | None  # None: an anchor without data-link
    line: int


class _AnchorParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[Anchor] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag.lower() == "a":
            link_id = dict(attrs).get("data-link")
            self.anchors.append(Anchor(link_id, self.getpos()[0]))


def anchors_in(body_html: str) -> list[Anchor]:
    parser = _AnchorParser()
    parser.feed(body_html)
    parser.close()
    return parser.anchors


def anchor_problems(body_html: str, link_ids: list[str]) -> list[str]:
    """Mismatches between the body's anchors and the declared links, as user sentences."""
    problems: list[str] = []
    anchors = anchors_in(body_html)
    declared = set(link_ids)
    counts = Counter(a.link_id for a in anchors if a.link_id is not None)
    for anchor in anchors:
        if anchor.link_id is None:
            problems.append(
                f"the anchor on line {anchor.line} of the body has no data-link naming its link"
            )
        elif anchor.link_id not in declared:
            problems.append(
                f"the anchor on line {anchor.line} of the body names link '{anchor.link_id}', "
                "which this email does not declare"
            )
    for link_id in link_ids:
        if counts[link_id] == 0:
            problems.append(f"link '{link_id}' is declared but no anchor in the body uses it")
        elif counts[link_id] > 1:
            problems.append(
                f"link '{link_id}' is used by {counts[link_id]} anchors; each link needs exactly one"
            )
    return problems


# -- the one reader and writer of ``data-link`` in HTML text ------------------------------------

#: The attribute by which an anchor names its link.
DATA_LINK = "data-link"

#: An anchor's opening tag, any attributes (the engine's renderer reads stored bodies as typed).
ANCHOR_TAG = re.compile(r"<a\b([^>]*)>", re.IGNORECASE)
_DATA_LINK_ATTR = re.compile(r"""\bdata-link\s*=\s*(["'])([A-Za-z0-9_-]+)\1""", re.IGNORECASE)
#: A sanitized anchor (``engine.sanitize`` puts ``data-link`` first; presentational
#: attributes, a style for instance, may follow).
_CLEAN_TAG = re.compile(r'<a data-link="([A-Za-z0-9_-]+)"((?: [a-z-]+="[^"]*")*)>')
_CLEAN_ANCHOR = re.compile(r'<a data-link="([A-Za-z0-9_-]+)"((?: [a-z-]+="[^"]*")*)>(.*?)</a>',
                           re.DOTALL)


def anchor_tag(link_id: str) -> str:
    """The opening tag of an anchor for ``link_id``, as bodies store it."""
    return f'<a data-link="{link_id}">'


def link_id_of(attributes: str) -> str | None:
    """The link an anchor's attribute text names, or None when it names none."""
    found = _DATA_LINK_ATTR.search(attributes)
    return None if found is None else found.group(2)


def replace_tags(clean_html: str, tag_for: Callable[[str], str]) -> str:
    """A sanitized body with each anchor's opening tag replaced by ``tag_for(link_id)``."""
    return _CLEAN_TAG.sub(lambda m: tag_for(m.group(1)), clean_html)


def replace_anchors(clean_html: str, anchor_for: Callable[[str, str], str]) -> str:
    """A sanitized body with each whole anchor replaced by ``anchor_for(link_id, inner_html)``."""
    return _CLEAN_ANCHOR.sub(lambda m: anchor_for(m.group(1), m.group(3)), clean_html)


def replace_styled_anchors(clean_html: str, anchor_for: Callable[[str, str, str], str]) -> str:
    """A sanitized body with each whole anchor replaced by
    ``anchor_for(link_id, other_attributes, inner_html)`` (``other_attributes`` as written,
    each with its leading space)."""
    return _CLEAN_ANCHOR.sub(lambda m: anchor_for(m.group(1), m.group(2), m.group(3)),
                             clean_html)


def rename_links(body_html: str, renamed: Mapping[str, str]) -> str:
    """The body with each anchor naming an old link id naming its new one instead."""
    def rename(match: re.Match[str]) -> str:
        quote, old = match.group(1), match.group(2)
        return f"data-link={quote}{renamed.get(old, old)}{quote}"
    return _DATA_LINK_ATTR.sub(rename, body_html)

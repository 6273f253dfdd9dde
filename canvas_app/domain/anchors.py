"""The anchors of an email body: each names a declared link through ``data-link``."""

from __future__ import annotations

from collections import Counter
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

"""Whether an email body is made only of what the email editor writes (paragraphs, lists,
bold, italic, underline, line breaks and declared links), so editing it there loses nothing.
An imported email with its own layout (tables, styles, images, headings) is not."""

from __future__ import annotations

from html.parser import HTMLParser

#: The tags the editor writes back (and the two other names of bold and italic it reads).
SIMPLE_TAGS = frozenset({"p", "br", "ul", "ol", "li", "b", "strong", "i", "em", "u", "a"})


class _Check(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.simple = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        allowed = {"data-link"} if tag == "a" else set()
        if tag not in SIMPLE_TAGS or any(name not in allowed for name, _ in attrs):
            self.simple = False

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        self.simple = False

    def handle_decl(self, decl: str) -> None:
        self.simple = False

    def handle_pi(self, data: str) -> None:
        self.simple = False


def written_here(body_html: str) -> bool:
    """True when the email editor can change this body without losing any of it."""
    check = _Check()
    check.feed(body_html)
    check.close()
    return check.simple

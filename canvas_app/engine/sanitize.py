"""The one sanitising policy for showing an email anywhere (the editor's preview, the inbox,
the written page, an imported email): nh3 keeps harmless markup only, so no scripts, frames,
event handlers, images' sources or other URLs. The email keeps its look as far as it is
harmless (``engine.presentation``: inline styles and presentational attributes from
allow-lists, the ``<style>`` rules of simple selectors, never a URL), and what it hides
(``display:none``, preheaders, ``<title>``) is dropped. The written page may keep the ``href``
of its tracked links (``keep_href``), so a click there still reaches the tracking server."""

from __future__ import annotations

import re
from collections.abc import Callable

import nh3

from canvas_app.domain.anchors import DATA_LINK
from canvas_app.engine import presentation

TAGS = frozenset({"p", "br", "b", "strong", "i", "em", "u", "s", "a", "ul", "ol", "li", "h1",
                  "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "span", "table", "thead",
                  "tbody", "tfoot", "tr", "td", "th", "hr", "img", "small", "sub", "sup", "pre",
                  "code", "center", "font", "caption", "big"})
ATTRIBUTES = {"a": frozenset({DATA_LINK}), "img": frozenset({"alt"}),
              "*": presentation.PRESENTATIONAL}
#: An image as the policy leaves it: its alt text and size at most, never a source.
IMAGE = re.compile(r"<img\b([^>]*?)\s*/?>")
_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')
_TITLE = re.compile(r"<title\b[^>]*>.*?</title\s*>", re.IGNORECASE | re.DOTALL)
_ANCHOR_OPEN = re.compile(r"<a\b([^>]*)>")
_BODY = re.compile(r"<body\b([^>]*)>", re.IGNORECASE)
_QUOTED = re.compile(r"""\b(bgcolor|style)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def _background(source: str) -> str | None:
    """The colour an email gives its ``<body>`` (which no preview keeps as such), if any."""
    found = _BODY.search(source)
    if found is None:
        return None
    colour = None
    for name, double, single in _QUOTED.findall(found.group(1)):
        value = double or single
        if name.lower() == "bgcolor":
            colour = presentation.clean_attribute("bgcolor", value) or colour
        else:
            colour = next((v for k, v in presentation.declarations(value)
                           if k in ("background-color", "background")), colour)
    return colour


def image_attributes(tag_attributes: str) -> dict[str, str]:
    """The attributes of a sanitized ``<img>`` (group 1 of ``IMAGE``), still escaped."""
    return dict(_ATTRIBUTE.findall(" " + tag_attributes))


def _links_first(match: re.Match[str]) -> str:
    """An anchor's opening tag with ``data-link`` and ``href`` before its other attributes,
    as ``domain.anchors`` reads them."""
    attributes = _ATTRIBUTE.findall(match.group(1))
    first = [a for a in attributes if a[0] in (DATA_LINK, "href")]
    rest = [a for a in attributes if a[0] not in (DATA_LINK, "href")]
    return "<a" + "".join(f' {k}="{v}"' for k, v in first + rest) + ">"


def sanitize(body_html: str, keep_href: Callable[[str], bool] | None = None,
             schemes: frozenset[str] = frozenset({"http"}), css_scope: str | None = None,
             keep_hidden: bool = False) -> str:
    """Only harmless markup survives. With ``keep_href``, a link's ``href`` survives when
    ``keep_href`` accepts it and its scheme is one of ``schemes``; every other URL is dropped.
    The kept ``<style>`` rules come first, under ``css_scope`` when one is given. What the
    email hides is dropped, unless ``keep_hidden`` (a web page, whose browser hides it: the
    honeypot link stays there for the bots that follow it)."""
    sheet = presentation.style_sheet(body_html, css_scope)
    body = _TITLE.sub("", presentation.without_style_blocks(body_html))

    def kept(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "href":
            return value if tag == "a" and keep_href is not None and keep_href(value) else None
        if attribute in presentation.PRESENTATIONAL:
            return presentation.clean_attribute(attribute, value)
        return value

    attributes = {k: set(v) for k, v in ATTRIBUTES.items()}
    if keep_href is not None:
        attributes["a"].add("href")
    clean = nh3.clean(body, tags=set(TAGS), attributes=attributes, attribute_filter=kept,
                      link_rel=None, url_schemes=set(schemes) if keep_href else set(),
                      strip_comments=True, clean_content_tags={"script", "style", "title"})
    if not keep_hidden:
        clean = presentation.drop_hidden(clean)
    clean = _ANCHOR_OPEN.sub(_links_first, clean)
    background = _background(body_html)
    if background:
        clean = (f'<table width="100%" cellpadding="0" cellspacing="0" bgcolor="{background}">'
                 f"<tr><td>{clean}</td></tr></table>")
    return (f"<style>{sheet}</style>" if sheet else "") + clean


_PIXELS = re.compile(r"(\d{1,4})(?:\.\d+)?(?:px)?")
_STYLE_SIZE = re.compile(r"(?:^|;)\s*(width|height)\s*:\s*(\d{1,4})(?:\.\d+)?px", re.IGNORECASE)
#: The size of an image placeholder when the email gives none (a line of alt text).
DEFAULT_IMAGE = (120, 24)


def image_box(tag_attributes: str) -> tuple[int, int, str]:
    """(width, height, alt text, still escaped) of the placeholder for a sanitized ``<img>``:
    its width and height attributes, else its style's pixel sizes, else a line of text."""
    attributes = image_attributes(tag_attributes)
    sizes = {k.lower(): int(v) for k, v in _STYLE_SIZE.findall(attributes.get("style", ""))}
    box = []
    for name, default in zip(("width", "height"), DEFAULT_IMAGE, strict=True):
        found = _PIXELS.fullmatch(attributes.get(name, ""))
        box.append(min(int(found.group(1)), 2000) if found else
                   min(sizes.get(name, default), 2000))
    return box[0], box[1], attributes.get("alt", "").strip()


def _web_placeholder(match: re.Match[str]) -> str:
    width, height, alt = image_box(match.group(1))
    return (f'<span class="image" style="display:inline-block;width:{width}px;'
            f'height:{height}px;overflow:hidden;vertical-align:middle">'
            f"[Image{': ' + alt if alt else ''}]</span>")


def web_body(body_html: str, keep_href: Callable[[str], bool], scope: str) -> str:
    """An email body for a web page (the workshop's inbox, a written page): the same policy
    as the preview, its kept ``<style>`` rules under ``scope`` (the page's element holding
    the email, e.g. ``.mail-body``), each image a placeholder box of its size."""
    body = sanitize(body_html, keep_href=keep_href, css_scope=scope, keep_hidden=True)
    return IMAGE.sub(_web_placeholder, body)  # the page's own CSS hides .cc-hidden

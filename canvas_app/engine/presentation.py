"""What an email may keep of its look when it is shown: inline CSS properties from an
allow-list (never a ``url()``, an expression, an ``@import`` or any function but a colour's),
presentational attributes (``bgcolor width height align valign border cellpadding
cellspacing``) with plain values only, and the ``<style>`` rules a renderer can use (simple
selectors, the same properties). Blocks an email hides (``display:none``, preheaders) are
dropped, so nothing hidden shows up at the top of a preview."""

from __future__ import annotations

import re

#: Inline CSS properties kept (their values are checked by ``_VALUE``).
PROPERTIES = frozenset({
    "color", "background-color", "background", "font", "font-family", "font-size",
    "font-weight", "font-style", "line-height", "letter-spacing", "text-align",
    "text-decoration", "text-transform", "text-indent", "vertical-align", "white-space",
    "width", "height", "max-width", "min-width", "min-height", "display",
    "margin", "margin-top", "margin-right", "margin-bottom", "margin-left",
    "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
    "border", "border-top", "border-right", "border-bottom", "border-left", "border-color",
    "border-style", "border-width", "border-top-color", "border-top-style", "border-top-width",
    "border-bottom-color", "border-bottom-style", "border-bottom-width", "border-radius",
    "border-collapse", "border-spacing", "list-style-type", "float", "direction",
    "table-layout", "word-break"})
#: A declaration's value: words, numbers, colours, quotes, commas, ``!important``; functions
#: only those that make a colour (anything else, ``url(`` and ``expression(`` above all, fails).
_VALUE = re.compile(r"""[\w\s#%.,'"!/+-]*(?:(?:rgba?|hsla?)\([\d\s.,%]*\)[\w\s#%.,'"!/+-]*)*""",
                    re.ASCII)
#: A block every client hides (``mso-hide`` hides in Outlook only: not one of them).
_HIDDEN = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.IGNORECASE)
_NO_HEIGHT = re.compile(r"(?:^|;)\s*max-height\s*:\s*0(?:px)?\s*(?:;|$|!)", re.IGNORECASE)
_CLIPPED = re.compile(r"(?:^|;)\s*overflow\s*:\s*hidden", re.IGNORECASE)
_NUMBER = re.compile(r"\d{1,5}(?:\.\d+)?(?:%|px)?")
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}")
ATTRIBUTE_VALUES = {
    "width": _NUMBER, "height": _NUMBER, "border": re.compile(r"\d{1,3}"),
    "cellpadding": re.compile(r"\d{1,3}"), "cellspacing": re.compile(r"\d{1,3}"),
    "bgcolor": _COLOUR, "color": _COLOUR,
    "align": re.compile(r"left|right|center|justify|middle", re.IGNORECASE),
    "valign": re.compile(r"top|middle|bottom|baseline", re.IGNORECASE),
    "class": re.compile(r"[\w\s-]{0,200}", re.ASCII),
}
#: Presentational attributes, kept on any tag when their value passes ``ATTRIBUTE_VALUES``.
PRESENTATIONAL = frozenset(ATTRIBUTE_VALUES) | {"style"}
HIDDEN_STYLE = "display:none"


def declarations(style: str) -> list[tuple[str, str]]:
    """The allowed (property, value) pairs of a style attribute or rule body."""
    kept: list[tuple[str, str]] = []
    for declaration in style.split(";"):
        name, colon, value = declaration.partition(":")
        name, value = name.strip().lower(), " ".join(value.split())
        if not colon or name not in PROPERTIES or not value:
            continue
        lowered = value.lower()
        if "url" in lowered or "expression" in lowered or _VALUE.fullmatch(value) is None:
            continue
        kept.append((name, value))
    return kept


def clean_style(style: str) -> str | None:
    """A style attribute as the policy keeps it; ``display:none`` for a hidden block."""
    if _HIDDEN.search(style) or (_NO_HEIGHT.search(style) and _CLIPPED.search(style)):
        return HIDDEN_STYLE  # a preheader, for one
    kept = ";".join(f"{name}:{value}" for name, value in declarations(style))
    return kept or None


def clean_attribute(attribute: str, value: str) -> str | None:
    """A presentational attribute's value, or None when it is not plainly one."""
    if attribute == "style":
        return clean_style(value)
    pattern = ATTRIBUTE_VALUES.get(attribute)
    value = value.strip()
    if pattern is None or pattern.fullmatch(value) is None:
        return None
    return value


# -- <style> rules ------------------------------------------------------------------------------

_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_SELECTOR = re.compile(r"[A-Za-z0-9_.#\s>*-]{1,120}", re.ASCII)
_SIMPLE_PART = re.compile(r"(?:[A-Za-z][A-Za-z0-9]*|\*)?(?:[.#][A-Za-z_][\w-]*)*", re.ASCII)


def _top_level_rules(css: str) -> list[tuple[str, str]]:
    """(selector list, body) of each rule outside any @-block (those are skipped whole)."""
    rules: list[tuple[str, str]] = []
    i, n = 0, len(css)
    while i < n:
        brace = css.find("{", i)
        semicolon = css.find(";", i)
        if brace < 0:
            break
        head = css[i:brace].strip()
        if head.startswith("@") and 0 <= semicolon < brace:  # @import url(...); @charset
            i = semicolon + 1
            continue
        depth, j = 1, brace + 1
        while j < n and depth:
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
        if not head.startswith("@"):
            rules.append((head, css[brace + 1:j - 1 if depth == 0 else j]))
        i = j
    return rules


_LINK_STATE = re.compile(r":(?:link|visited)\b", re.IGNORECASE)


def _selector(selector: str, scope: str | None) -> str | None:
    # a:link and a:visited style every link (nothing is ever visited in a preview)
    selector = " ".join(_LINK_STATE.sub("", selector).split())
    if _SELECTOR.fullmatch(selector) is None:
        return None
    parts = selector.replace(">", " > ").split()
    if not all(p == ">" or _SIMPLE_PART.fullmatch(p) for p in parts):
        return None
    if parts[0].lower() in ("html", "body"):
        parts = parts[1:]
        if scope is None:
            return "body " + " ".join(parts) if parts else "body"
    if scope is not None:
        return f"{scope} {' '.join(parts)}".strip()
    return " ".join(parts) or None


def style_sheet(source: str, scope: str | None = None) -> str:
    """The rules of every ``<style>`` in ``source`` that the policy keeps, as CSS text built
    from checked pieces only (no ``<``, no URL, no @-rule). With ``scope``, every selector is
    put under it (``body``/``html`` become the scope itself) so the rules style the email
    only, not the page around it."""
    out: list[str] = []
    for block in _STYLE_BLOCK.findall(source):
        for head, body in _top_level_rules(_COMMENT.sub(" ", block)):
            # no display in rules: what an email hides, it hides inline (dropped in the
            # preview, hidden in a page), never its whole self from a rule
            kept = [(k, v) for k, v in declarations(body) if k != "display"]
            selectors = [s for s in (_selector(p, scope) for p in head.split(",")) if s]
            if kept and selectors:
                out.append(f"{', '.join(selectors)} {{ "
                           + "; ".join(f"{k}: {v}" for k, v in kept) + " }")
    return "\n".join(out)


def without_style_blocks(source: str) -> str:
    return _STYLE_BLOCK.sub("", source)


# -- hidden blocks ------------------------------------------------------------------------------

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
_VOID = frozenset({"br", "hr", "img", "col", "wbr"})
#: An element the email hides: by its style, or as its preheader (the line an inbox shows
#: after the subject, hidden in the message itself).
_HIDING = re.compile(r'\s(?:style="display:none"|class="[^"]*\b(?:preheader|preview-text)\b)',
                     re.IGNORECASE)


def drop_hidden(clean_html: str) -> str:
    """Sanitized HTML (well formed: every tag closed, attributes quoted) without the elements
    the email hides, their content included."""
    out: list[str] = []
    last = 0
    skipping: list[str] = []  # the open tags of a hidden element, outermost first
    for match in _TAG.finditer(clean_html):
        closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if not skipping:
            out.append(clean_html[last:match.start()])
            if not closing and name not in _VOID and _HIDING.search(attributes):
                skipping.append(name)
            elif not (not closing and name in _VOID and _HIDING.search(attributes)):
                out.append(match.group(0))
        elif closing:
            if skipping and skipping[-1] == name:
                skipping.pop()
        elif name not in _VOID and not attributes.rstrip().endswith("/"):
            skipping.append(name)
        last = match.end()
    if not skipping:
        out.append(clean_html[last:])
    return "".join(out)


# -- side-by-side blocks for renderers without inline-block -------------------------------------

_INLINE_BLOCK = re.compile(r'\sstyle="[^"]*display:\s*inline-block', re.IGNORECASE)
_MAX_WIDTH = re.compile(r"max-width:\s*(\d{1,4})px", re.IGNORECASE)


def _columns(tokens: list[str]) -> list[tuple[int, int]]:
    """(first, last) token of each top-most ``<div>`` styled ``display:inline-block``."""
    found: list[tuple[int, int]] = []
    stack: list[tuple[str, int, bool]] = []  # tag, where it opened, whether it is a column
    for i, token in enumerate(tokens):
        tag = _TAG.fullmatch(token)
        if tag is None or tag.group(2).lower() in _VOID:
            continue
        name = tag.group(2).lower()
        if not tag.group(1):
            column = name == "div" and _INLINE_BLOCK.search(tag.group(3)) is not None
            stack.append((name, i, column and not any(c for _, _, c in stack)))
        elif stack and stack[-1][0] == name:
            _, start, column = stack.pop()
            if column:
                found.append((start, i))
    return found


def inline_blocks_as_cells(clean_html: str) -> str:
    """Sanitized HTML with each run of side-by-side ``display:inline-block`` blocks (the
    columns of a "hybrid" email) as the cells of one table row, for a renderer that stacks
    such blocks (QTextBrowser); each cell as wide as the block's ``max-width``."""
    tokens = [t for t in re.split(r"(<[^>]+>)", clean_html) if t]
    columns = _columns(tokens)
    if len(columns) < 2:
        return clean_html
    runs: list[list[tuple[int, int]]] = []
    for first, last in columns:
        if runs and all(not t.strip() for t in tokens[runs[-1][-1][1] + 1:first]):
            runs[-1].append((first, last))
        else:
            runs.append([(first, last)])
    for run in reversed([r for r in runs if len(r) > 1]):
        cells = []
        for first, last in run:
            width = _MAX_WIDTH.search(tokens[first])
            size = f' width="{width.group(1)}"' if width else ""
            cells.append(f'<td valign="top"{size}>{"".join(tokens[first + 1:last])}</td>')
        tokens[run[0][0]:run[-1][1] + 1] = [
            '<table cellpadding="0" cellspacing="0" align="center"><tr>' + "".join(cells)
            + "</tr></table>"]
    return "".join(tokens)


_AUTO_MARGIN = re.compile(r"margin(?:-left|-right)?\s*:[^;\"}]*\bauto\b[^;\"}]*", re.IGNORECASE)


#: A cell holding one link (or span) and nothing else: an email's button.
_BUTTON = re.compile(r"<td\b([^>]*)>(\s*)<(a|span)\b([^>]*)>((?:[^<]|<(?!/?(?:a|span|td|tr|table)"
                     r"\b))*)</\3>(\s*)</td>", re.IGNORECASE)
_STYLE = re.compile(r'\sstyle="([^"]*)"')
_BOX = frozenset({"padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
                  "background-color", "background"})


def _button(match: re.Match[str]) -> str:
    """A button's padding and colour moved from its link (QTextBrowser pads no inline
    element) to the cell around it."""
    found = _STYLE.search(match.group(4))
    box = [(k, v) for k, v in declarations(found.group(1) if found else "") if k in _BOX]
    if not any(k.startswith("padding") for k, _ in box):
        return match.group(0)
    cell = match.group(1)
    own = _STYLE.search(cell)
    style = ";".join(f"{k}:{v}" for k, v in box)
    cell = (_STYLE.sub(lambda m: f' style="{m.group(1)};{style}"', cell, count=1) if own
            else f'{cell} style="{style}"')
    return (f"<td{cell}>{match.group(2)}<{match.group(3)}{match.group(4)}>{match.group(5)}"
            f"</{match.group(3)}>{match.group(6)}</td>")


def for_text_browser(clean_html: str) -> str:
    """Sanitized HTML adapted to what QTextBrowser lays out like a browser: columns of
    inline blocks as table cells, no ``auto`` margins (which it reads as a huge width
    instead of centring: 0 instead, the other sides kept), and a button's padding on its
    cell."""
    adapted = _AUTO_MARGIN.sub(lambda m: re.sub(r"\bauto\b", "0", m.group(0)),
                               inline_blocks_as_cells(clean_html))
    return _BUTTON.sub(_button, adapted)

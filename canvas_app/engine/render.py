"""Rendering an email for one contact: merge fields with safe fallbacks, every web link
rewritten to its tracked URL, one invisible honeypot link added.

A template is compiled once per email and, for a batch, into one renderer per email that
joins its parts per contact, so a batch of thousands of sends costs little more than the
string joins and the links' tokens.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from canvas_app.domain.anchors import ANCHOR_TAG, link_id_of
from canvas_app.domain.links import is_web_target
from canvas_app.domain.model import Email

#: A merge field: {{name}} or {{name|fallback}}.
MERGE_FIELD = re.compile(r"\{\{\s*([A-Za-z_]+)\s*(?:\|\s*([^}]*?)\s*)?\}\}")
_HREF = re.compile(r"""\s\bhref\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)

HONEYPOT_HTML = ('<a href="{href}" style="display:none;font-size:0;color:transparent" '
                 'aria-hidden="true" tabindex="-1"></a>')


@dataclass(frozen=True)
class _Field:
    name: str
    fallback: str | None


@dataclass(frozen=True)
class _Href:
    link_id: str | None  # None: the honeypot


Part = str | _Field | _Href


def _split_merge(text: str) -> list[Part]:
    parts: list[Part] = []
    last = 0
    for match in MERGE_FIELD.finditer(text):
        parts.append(text[last:match.start()])
        parts.append(_Field(match.group(1), match.group(2)))
        last = match.end()
    parts.append(text[last:])
    return [p for p in parts if p != ""]


class Template:
    """One email compiled for rendering."""

    def __init__(self, email: Email) -> None:
        self.email = email
        self.subject_parts = _split_merge(email.subject)
        web_links = {k.id for k in email.links if is_web_target(k.target)}
        targets = {k.id: k.target for k in email.links}
        parts: list[Part] = []
        last = 0
        for match in ANCHOR_TAG.finditer(email.body_html):
            attrs = match.group(1)
            link_id = link_id_of(attrs)
            if link_id is None:
                continue
            parts.extend(_split_merge(email.body_html[last:match.start()]))
            rest = _HREF.sub("", attrs)
            if link_id in web_links:
                parts += ['<a href="', _Href(link_id), f'"{rest}>']
            else:
                escaped = html.escape(targets.get(link_id, ""), quote=True)
                parts.append(f'<a href="{escaped}"{rest}>')
            last = match.end()
        parts.extend(_split_merge(email.body_html[last:]))
        before, _, after = HONEYPOT_HTML.partition("{href}")
        parts += [before, _Href(None), after]
        # For rendering: the static text in place, and where each field and link goes
        self._body = [p if isinstance(p, str) else "" for p in parts]
        self._fields = [(i, p) for i, p in enumerate(parts) if isinstance(p, _Field)]
        self._hrefs = [(i, p.link_id) for i, p in enumerate(parts) if isinstance(p, _Href)]

    def subject_renderer(self, first_name_fallback: str) -> Callable[[str, str], str]:
        """(address, name) -> the subject this email shows that contact, merged as in
        ``renderer`` (what a batch of sends stores; the body is rendered when read)."""
        subject: list[tuple[str | None, str]] = [
            (None, p) if isinstance(p, str) else _slot(p, first_name_fallback)
            for p in self.subject_parts if not isinstance(p, _Href)]
        if all(key is None for key, _ in subject):
            constant = "".join(text for _, text in subject)
            return lambda address, name: constant

        def render(address: str, name: str) -> str:
            values = _values(address, name)
            return "".join([text if key is None else values.get(key, "") or text
                            for key, text in subject])

        return render

    def renderer(self, first_name_fallback: str, base: str,
                 token_makers: Callable[[str | None], TokenMaker]) -> Render:
        """This email compiled for a batch: (address, name, send id) -> (subject, html).

        A merge field shows the contact's value (``first_name``: the first word of the name;
        ``name``; ``email``), else its own fallback, else ``first_name_fallback`` for the
        name fields and nothing for any other; in the body it is HTML-escaped. Every web link
        goes to ``base + token``, ``token_makers(link_id)`` making that link's token from the
        send id (tokens are URL-safe: nothing to escape)."""
        subject: list[tuple[str | None, str]] = [
            (None, p) if isinstance(p, str) else _slot(p, first_name_fallback)
            for p in self.subject_parts if not isinstance(p, _Href)]
        fields = [(i, *_slot(f, first_name_fallback)) for i, f in self._fields]
        hrefs = [(i, token_makers(link_id)) for i, link_id in self._hrefs]
        body = self._body.copy()
        for i, _ in hrefs:  # a tracked URL always follows literal text ('href="'): the base
            body[i - 1] += base  # goes with it
        constant = None if any(key is not None for key, _ in subject) else \
            "".join(text for _, text in subject)

        def render(address: str, name: str, send_id: int, body: list[str] = body,
                   hrefs: list[tuple[int, TokenMaker]] = hrefs,
                   fields: list[tuple[int, str, str]] = fields,
                   subject: list[tuple[str | None, str]] = subject,
                   constant: str | None = constant, escape: Callable[[str], str] = html.escape
                   ) -> tuple[str, str]:
            # (its constants as defaults: local names are the fastest to read)
            out = body.copy()
            for i, token_for in hrefs:
                out[i] = token_for(send_id)
            if constant is not None and not fields:
                return constant, "".join(out)
            values = _values(address, name)
            for i, key, default in fields:
                out[i] = escape(values.get(key, "") or default)
            title = constant if constant is not None else "".join(
                [text if key is None else values.get(key, "") or text for key, text in subject])
            return title, "".join(out)

        return render


TokenMaker = Callable[[int], str]  # send id -> one link's token
Render = Callable[[str, str, int], tuple[str, str]]


def _values(address: str, name: str) -> dict[str, str]:
    """The merge fields' values for a contact."""
    stripped = name.strip()
    return {"first_name": stripped.split()[0] if stripped else "", "name": stripped,
            "email": address}


def _slot(field: _Field, first_name_fallback: str) -> tuple[str, str]:
    """(the contact's value a field shows, what it shows when that is empty)."""
    key = field.name.lower()
    if field.fallback is not None:
        return key, field.fallback
    return key, first_name_fallback if key in ("first_name", "name") else ""

"""Rendering an email for one contact: merge fields with safe fallbacks, every web link
rewritten to its tracked URL, one invisible honeypot link added.

A template is compiled once per email and rendered per contact by joining its parts, so a
batch of thousands of sends costs little more than the string joins.
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
class Contact:
    email: str
    name: str

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.strip() else ""


@dataclass(frozen=True)
class _Field:
    name: str
    fallback: str | None


@dataclass(frozen=True)
class _Href:
    link_id: str | None  # None: the honeypot


Part = str | _Field | _Href
TokenFor = Callable[[str | None], str]  # link id (None: honeypot) -> tracked URL


def _field_value(field: _Field, contact: Contact, first_name_fallback: str) -> str:
    values = {"first_name": contact.first_name, "name": contact.name.strip(),
              "email": contact.email}
    value = values.get(field.name.lower(), "")
    if value:
        return value
    if field.fallback is not None:
        return field.fallback
    return first_name_fallback if field.name.lower() in ("first_name", "name") else ""


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

    def render(self, contact: Contact, url_for: TokenFor, first_name_fallback: str
               ) -> tuple[str, str]:
        """(subject, html) for this contact."""
        subject = "".join(
            p if isinstance(p, str) else _field_value(p, contact, first_name_fallback)
            for p in self.subject_parts if not isinstance(p, _Href))
        out = self._body.copy()
        for i, field in self._fields:
            out[i] = html.escape(_field_value(field, contact, first_name_fallback))
        for i, link_id in self._hrefs:
            out[i] = url_for(link_id)  # tracked URLs are made of URL-safe characters only
        return subject, "".join(out)

    def renderer(self, first_name_fallback: str, url_makers: Callable[[str | None], UrlFor]
                 ) -> Render:
        """``render`` compiled for a batch: (address, name, send id) -> (subject, html), the
        same text as ``render`` gives, without a Contact, a dict per field or a closure per
        send. ``url_makers(link_id)`` gives the function making that link's tracked URL from
        a send id."""
        subject = [(None, p) if isinstance(p, str) else _slot(p, first_name_fallback)
                   for p in self.subject_parts if not isinstance(p, _Href)]
        fields = [(i, *_slot(f, first_name_fallback)) for i, f in self._fields]
        hrefs = [(i, url_makers(link_id)) for i, link_id in self._hrefs]
        body = self._body
        escape = html.escape

        def render(address: str, name: str, send_id: int) -> tuple[str, str]:
            stripped = name.strip()
            values = {"first_name": stripped.split()[0] if stripped else "", "name": stripped,
                      "email": address}
            title = "".join([text if key is None else values.get(key, "") or text
                             for key, text in subject])
            out = body.copy()
            for i, key, default in fields:
                out[i] = escape(values.get(key, "") or default)
            for i, url_for in hrefs:
                out[i] = url_for(send_id)
            return title, "".join(out)

        return render


UrlFor = Callable[[int], str]  # send id -> one link's tracked URL
Render = Callable[[str, str, int], tuple[str, str]]


def _slot(field: _Field, first_name_fallback: str) -> tuple[str, str]:
    """(the contact value a field shows, what it shows when that is empty): as
    ``_field_value``."""
    key = field.name.lower()
    if field.fallback is not None:
        return key, field.fallback
    return key, first_name_fallback if key in ("first_name", "name") else ""

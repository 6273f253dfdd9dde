"""Bringing an existing HTML email in (written in Keap, Mailchimp or another tool, or the HTML
part of an .eml file): it is cleaned as every email is, each link becomes a declared link with
its kind guessed from its address (tel: a phone number, mailto: an email address, anything
else a web address; the user can change kinds in the editor) and its anchor rewritten to
``data-link``; the merge tags of common tools become ours where they mean the same, and the
ones that do not are listed (and left visible, never silently blank)."""

from __future__ import annotations

import email
import email.policy
import html
import re
from dataclasses import dataclass, field

from canvas_app.domain.anchors import anchor_tag
from canvas_app.domain.ids import new_id
from canvas_app.domain.links import KIND_LABELS, LinkKind, target_problem
from canvas_app.domain.model import Email, Link, Sequence
from canvas_app.domain.words import count
from canvas_app.engine.errors import Refused
from canvas_app.engine.sanitize import sanitize
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace

#: Merge tags of other tools that mean one of ours (matched without regard to case).
KNOWN = {
    "~contact.firstname~": "first_name", "~contact.email~": "email",
    "*|fname|*": "first_name", "*|email|*": "email",
}
#: Our own fields, and the spellings of them other tools use inside {{ }}.
OURS = {"first_name": "first_name", "firstname": "first_name", "contact.first_name": "first_name",
        "contact.firstname": "first_name", "name": "name", "full_name": "name",
        "email": "email", "contact.email": "email"}
_KEAP = re.compile(r"~[A-Za-z]+\.[A-Za-z_]+~")
_MAILCHIMP = re.compile(r"\*\|[A-Za-z0-9_:]+\|\*")
_CURLY = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_ANCHOR = re.compile(r'<a(?: href="([^"]*)")?((?: [a-z-]+="[^"]*")*)>(.*?)</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_IMAGE_ALT = re.compile(r'<img\b[^>]*? alt="([^"]*)"')
SCHEMES = frozenset({"http", "https", "mailto", "tel"})
MAX_BYTES = 2_000_000


@dataclass
class Imported:
    subject: str
    body_html: str
    links: list[Link]
    not_understood: list[str] = field(default_factory=list)  # merge tags left as they were

    def email(self, delay_minutes: int = 0) -> Email:
        return Email(new_id(), delay_minutes, self.subject, self.body_html, self.links)


def html_of(data: bytes, name: str) -> str:
    """The HTML in a file's bytes: the file itself, or an .eml's HTML part."""
    if len(data) > MAX_BYTES:
        raise Refused(f"{name} is {len(data) // 1000} KB; an email to import can be at most "
                      f"{MAX_BYTES // 1000} KB")
    if name.lower().endswith(".eml"):
        message = email.message_from_bytes(data, policy=email.policy.default)
        part = message.get_body(preferencelist=("html",))
        if part is None:
            raise Refused(f"{name} has no HTML part to import")
        subject = str(message.get("subject", "") or "")
        body = str(part.get_content())
        return f"<title>{html.escape(subject)}</title>{body}" if subject else body
    text = data.decode("utf-8", "replace")
    if "\x00" in text or text.count("\ufffd") > max(8, len(text) // 100):
        raise Refused(f"{name} is not a text file: import an email saved as .html or .eml")
    return text


def _merge_tags(text: str, not_understood: list[str]) -> str:
    def keap_or_mailchimp(match: re.Match[str]) -> str:
        ours = KNOWN.get(match.group(0).lower())
        if ours:
            return "{{" + ours + "}}"
        not_understood.append(match.group(0))
        return match.group(0)

    def curly(match: re.Match[str]) -> str:
        inner = match.group(1).split("|")[0].strip()
        ours = OURS.get(inner.lower())
        if ours:
            return "{{" + ours + "}}"
        not_understood.append(match.group(0))
        return "[" + inner + "]"  # visible, never rendered blank

    text = _KEAP.sub(keap_or_mailchimp, text)
    text = _MAILCHIMP.sub(keap_or_mailchimp, text)
    return _CURLY.sub(curly, text)


def _kind(target: str) -> LinkKind:
    scheme = target.split(":", 1)[0].lower()
    return {"tel": LinkKind.PHONE, "mailto": LinkKind.EMAIL_ADDRESS}.get(scheme, LinkKind.URL)


def _link_text(inner: str) -> str:
    text = " ".join(html.unescape(_TAG.sub(" ", inner)).split())
    if text:
        return text[:200]
    alt = _IMAGE_ALT.search(inner)
    return (alt.group(1).strip() if alt and alt.group(1).strip() else "image")[:200]


def import_html(source: str, subject: str | None = None) -> Imported:
    """The email in ``source`` (HTML), ready to add to a sequence."""
    not_understood: list[str] = []
    title = _TITLE.search(source)
    found_subject = html.unescape(_TAG.sub("", title.group(1))).strip() if title else ""
    body = _TITLE.sub("", source)
    # hidden blocks (a preheader) stay: an inbox shows them as the line after the subject
    clean = sanitize(body, keep_href=lambda _url: True, schemes=SCHEMES, keep_hidden=True)
    # merge tags in the text become ours; inside tags (a link's address) they stay as written
    clean = "".join(part if part.startswith("<") else _merge_tags(part, not_understood)
                    for part in re.split(r"(<[^>]+>)", clean))
    links: list[Link] = []

    def declare(match: re.Match[str]) -> str:
        target = html.unescape(match.group(1) or "").strip()
        rest, inner = match.group(2), match.group(3)
        if not target or target_problem(target) is not None:
            # an anchor with no usable address keeps its words and its look only
            return f"<span{rest}>{inner}</span>" if rest else inner
        link = Link(new_id(), _kind(target), _link_text(inner), target)
        links.append(link)
        return f"{anchor_tag(link.id)[:-1]}{rest}>{inner}</a>"

    clean = _ANCHOR.sub(declare, clean).strip()
    chosen = (subject if subject is not None else
              _merge_tags(found_subject, not_understood)).strip()
    if not clean:
        raise Refused("there is no email text in this file to import")
    return Imported(chosen or "Imported email", clean, links,
                    list(dict.fromkeys(not_understood)))


def add_to_sequence(workspace: Workspace, campaign_id: str, sequence_id: str,
                    imported: Imported, delay_minutes: int = 0) -> Email:
    """The imported email appended to the sequence in the campaign's draft."""
    store = CampaignStore(workspace)
    draft = store.load(campaign_id)
    if draft.find_node(sequence_id) is None or not isinstance(draft.node(sequence_id), Sequence):
        names = ", ".join(f"{s.id} ({s.name})" for s in draft.sequences) or "none yet"
        raise Refused(f"campaign '{campaign_id}' has no sequence '{sequence_id}'; its "
                      f"sequences: {names}")
    made = imported.email(delay_minutes)
    sequence = draft.sequence(sequence_id)
    draft.set_sequence_emails(sequence_id, [*sequence.emails, made])
    store.replace_draft(campaign_id, draft)
    return made


def describe(imported: Imported) -> str:
    """What an import brought in, in words."""
    kinds: dict[str, int] = {}
    for link in imported.links:
        label = KIND_LABELS[link.kind].lower()
        kinds[label] = kinds.get(label, 0) + 1
    parts = ", ".join(count(n, kind) for kind, n in kinds.items())
    said = f"'{imported.subject}' with {count(len(imported.links), 'link')}" + \
        (f" ({parts})" if parts else "")
    if imported.not_understood:
        said += ("; merge tags left as they were (not ours): "
                 + ", ".join(imported.not_understood[:10]))
    return said

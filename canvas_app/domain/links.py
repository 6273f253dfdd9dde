"""Link kinds, which of them can satisfy an Email Link Clicked goal, and target checks."""

from __future__ import annotations

import re
from enum import StrEnum
from urllib.parse import urlsplit


class LinkKind(StrEnum):
    URL = "url"
    FILE_DOWNLOAD = "file_download"
    WEB_FORM = "web_form"
    ORDER_FORM = "order_form"
    PHONE = "phone"
    EMAIL_ADDRESS = "email_address"
    LANDING_PAGE = "landing_page"


KIND_LABELS: dict[LinkKind, str] = {
    LinkKind.URL: "Web address",
    LinkKind.FILE_DOWNLOAD: "File download",
    LinkKind.WEB_FORM: "Web form",
    LinkKind.ORDER_FORM: "Order form",
    LinkKind.PHONE: "Phone number",
    LinkKind.EMAIL_ADDRESS: "Email address",
    LinkKind.LANDING_PAGE: "Landing page",
}

#: The kinds whose clicks can achieve an Email Link Clicked goal.
QUALIFYING_KINDS: frozenset[LinkKind] = frozenset(
    {LinkKind.URL, LinkKind.FILE_DOWNLOAD, LinkKind.WEB_FORM, LinkKind.ORDER_FORM}
)

_WHY_NOT: dict[LinkKind, str] = {
    LinkKind.PHONE: "a phone link opens the reader's dialler, so no click reaches the campaign",
    LinkKind.EMAIL_ADDRESS: "an email-address link opens the reader's mail program, "
    "so no click reaches the campaign",
    LinkKind.LANDING_PAGE: "a landing page has goals of its own; "
    "use a goal on the landing page instead",
}

WEB_SCHEMES = ("http", "https")


def is_web_target(target: str) -> bool:
    """An http(s) address: tracked and redirected (tel: and mailto: links are left alone)."""
    return target.split(":", 1)[0].strip().lower() in WEB_SCHEMES


def effective_kind(declared: LinkKind, target: str) -> LinkKind:
    """``tel:`` and ``mailto:`` targets are phone / email address whatever the declared kind."""
    scheme = target.strip().split(":", 1)[0].lower() if ":" in target else ""
    if scheme == "tel":
        return LinkKind.PHONE
    if scheme == "mailto":
        return LinkKind.EMAIL_ADDRESS
    return declared


def can_qualify(kind: LinkKind) -> bool:
    return kind in QUALIFYING_KINDS


def qualifying_kinds_text() -> str:
    labels = [KIND_LABELS[k] for k in LinkKind if k in QUALIFYING_KINDS]
    return ", ".join(labels[:-1]) + " or " + labels[-1]


def why_cannot_qualify(kind: LinkKind) -> str:
    """A sentence for a non-programmer; empty when the kind can qualify."""
    if kind in QUALIFYING_KINDS:
        return ""
    return (
        f"{KIND_LABELS[kind]} links cannot satisfy a link goal: {_WHY_NOT[kind]}. "
        f"Only {qualifying_kinds_text()} links can."
    )


#: A merge tag of ours or of a common tool, standing for an address or a number.
MERGE_TAG = re.compile(r"\{\{\s*[A-Za-z_.]+\s*\}\}|\*\|[A-Za-z0-9_]+\|\*|~[A-Za-z]+\.[A-Za-z_]+~")


def target_problem(target: str) -> str | None:
    """Why ``target`` cannot be a link target, or None when it is acceptable."""
    value = target.strip()
    if not value:
        return "the link has no target address"
    if value != target:
        return "the link target starts or ends with spaces"
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme in WEB_SCHEMES:
        if not parts.hostname:
            return f"'{value}' has no site name after {scheme}://"
        if any(ch.isspace() for ch in value):
            return f"'{value}' contains spaces"
        return None
    if scheme in ("tel", "mailto") and MERGE_TAG.fullmatch(value.split(":", 1)[1].split("?")[0]):
        return None  # filled in per contact by the tool that sends it (an imported email)
    if scheme == "tel":
        number = value[4:].replace(" ", "").replace("-", "").replace("(", "").replace(")", "")
        if not number.lstrip("+").isdigit():
            return f"'{value}' is not a phone number (use tel: followed by digits)"
        return None
    if scheme == "mailto":
        address = value[7:].split("?", 1)[0]
        if "@" not in address or address.startswith("@") or address.endswith("@"):
            return f"'{value}' is not an email address (use mailto:name@example.com)"
        return None
    if not scheme:
        return f"'{value}' is not a full address; start it with https://"
    return (
        f"'{scheme}:' links are not allowed; use an https:// web address, "
        "a tel: phone number or a mailto: email address"
    )

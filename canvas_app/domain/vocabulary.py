"""The words the product stores and compares, one enum each.

Each is a ``StrEnum``: a member is the very string stored in the workspace and written in
campaign files and ``--json`` output, so stored values never change."""

from __future__ import annotations

from enum import StrEnum


class CampaignState(StrEnum):
    """draft -> published -> active <-> paused."""

    DRAFT = "draft"
    PUBLISHED = "published"
    ACTIVE = "active"
    PAUSED = "paused"


class MembershipStatus(StrEnum):
    """A contact's place in a sequence: receiving its emails, through them, or taken out."""

    ACTIVE = "active"
    FINISHED = "finished"
    STOPPED = "stopped"


#: Memberships that count as having been in a sequence (not stopped).
LIVE_MEMBERSHIPS = (MembershipStatus.ACTIVE, MembershipStatus.FINISHED)


class ConnectionState(StrEnum):
    """How a node is marked while the user draws a connection, or on a highlighted path."""

    ALLOWED = "allowed"
    REFUSED = "refused"
    PATH = "path"


class BotReason(StrEnum):
    """Why a click was ignored as a bot's, or why a request was not a click at all."""

    CRAWLER_USER_AGENT = "crawler_user_agent"
    MISSING_USER_AGENT = "missing_user_agent"
    HONEYPOT = "honeypot"
    BURST = "burst"
    TOO_SOON = "too_soon"
    HEAD_REQUEST = "head_request"
    PREFETCH = "prefetch"

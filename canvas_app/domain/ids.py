"""Stable identifiers for new nodes, emails and links (ids from files are kept as they are;
the campaign file's JSON Schema says what an id may contain)."""

from __future__ import annotations

import uuid


def new_id() -> str:
    return uuid.uuid4().hex

"""Stable identifiers: 1-64 letters, digits, '-' and '_'."""

from __future__ import annotations

import re
import uuid

ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
_ID_RE = re.compile(ID_PATTERN)


def is_valid_id(value: object) -> bool:
    return isinstance(value, str) and _ID_RE.match(value) is not None


def new_id() -> str:
    return uuid.uuid4().hex

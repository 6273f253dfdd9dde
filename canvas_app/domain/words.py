"""Words for counts, one rule everywhere: "1 email", "2 emails", "0 emails"."""

from __future__ import annotations


def count(n: int, one: str, many: str | None = None) -> str:
    """``n`` with the singular or the plural (``one + "s"`` unless given)."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def unused(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted 2``, ``wanted 3``… whichever is not taken yet."""
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted} {number}" in taken:
        number += 1
    return f"{wanted} {number}"

"""Words for counts, one rule everywhere: "1 email", "2 emails", "0 emails"."""

from __future__ import annotations


def count(n: int, one: str, many: str | None = None) -> str:
    """``n`` with the singular or the plural (``one + "s"`` unless given)."""
    return f"{n} {one if n == 1 else (many or one + 's')}"

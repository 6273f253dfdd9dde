"""Words for counts, one rule everywhere: "1 email", "2 emails", "0 emails"."""

from __future__ import annotations

from collections.abc import Callable, Set


def plural(n: int, one: str, many: str | None = None) -> str:
    """The word for ``n`` of a thing: ``one``, or the plural (``one + "s"`` unless given).
    The one plural rule: a verb agrees the same way (``plural(n, "has", "have")``)."""
    return one if n == 1 else (many or one + "s")


def count(n: int, one: str, many: str | None = None) -> str:
    """``n`` with the singular or the plural: "1 email", "2 emails"."""
    return f"{n} {plural(n, one, many)}"


def free_number(taken: Set[str], numbered: Callable[[int], str]) -> int:
    """The first number from 2 whose ``numbered(number)`` is not taken yet."""
    number = 2
    while numbered(number) in taken:
        number += 1
    return number


def unused(wanted: str, taken: Set[str]) -> str:
    """``wanted``, or ``wanted 2``, ``wanted 3``… whichever is not taken yet."""
    if wanted not in taken:
        return wanted
    return f"{wanted} {free_number(taken, lambda number: f'{wanted} {number}')}"

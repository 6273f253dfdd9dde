"""Contacts and the log a page at a time: pages cover everything once, in order; a search
narrows by name or address (its wildcards are plain characters)."""

from __future__ import annotations

from pathlib import Path

from canvas_app.engine.contact_pages import (
    contact_by_email,
    contact_page,
    contact_total,
    log_page,
)
from canvas_app.engine.contacts import import_csv
from canvas_app.engine.simulation import contacts, log
from tests.engine.conftest import Sim


def _many(live: Sim, tmp_path: Path, n: int) -> None:
    rows = ["email,name"] + [f"user{i:04d}@example.com,Person {i}" for i in range(n)]
    rows.append("under_score@example.com,100% real")
    path = tmp_path / "people.csv"
    path.write_text("\n".join(rows) + "\n", "utf-8")
    import_csv(live.ws, path)


def test_pages_cover_every_contact_once_in_order(live: Sim, tmp_path: Path) -> None:
    _many(live, tmp_path, 450)
    seen: list[str] = []
    after = None
    while True:
        page = contact_page(live.ws, after=after, limit=200)
        if not page:
            break
        seen += [p.email for p in page]
        after = page[-1].email
    assert seen == [c.email for c in contacts(live.ws)] and len(seen) == 451
    assert contact_total(live.ws) == 451


def test_search_matches_name_or_address_and_wildcards_are_plain(live: Sim, tmp_path: Path) -> None:
    _many(live, tmp_path, 300)
    assert [p.email for p in contact_page(live.ws, "user0299")] == ["user0299@example.com"]
    def expected(*words: str) -> int:  # every word in the address or the name, any case
        return sum(1 for i in range(300)
                   if all(any(w in text for text in (f"user{i:04d}@example.com", f"person {i}"))
                          for w in words))
    assert contact_total(live.ws, "person 12") == expected("person", "12") == 13
    assert [p.email for p in contact_page(live.ws, "_")] == ["under_score@example.com"]
    assert [p.name for p in contact_page(live.ws, "100%")] == ["100% real"]
    assert contact_total(live.ws, "PERSON 2 user02") == expected("person", "2", "user02")
    assert contact_by_email(live.ws, "user0007@example.com") is not None
    assert contact_by_email(live.ws, "nobody@example.com") is None


def test_log_pages_join_up_to_the_whole_log(live: Sim) -> None:
    live.enrol("welcome", *[f"p{i}@example.com" for i in range(30)])
    live.advance(3 * 86400)
    whole = log(live.ws, "ebook", limit=100_000)
    joined = []
    cursor = None
    for _ in range(100):
        page, cursor = log_page(live.ws, "ebook", before=cursor, limit=17)
        joined += page
        if cursor is None:
            break
    assert joined == whole and len(whole) > 17 * 3
    one = contacts(live.ws)[3]
    page, cursor = log_page(live.ws, "ebook", one.id, limit=1000)
    assert cursor is None and page == log(live.ws, "ebook", one.id)

"""Contacts: keyed by a validated email address, with a name. CSV import is all or nothing."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from canvas_app.engine.bulk import chunks, insert_rows
from canvas_app.engine.errors import Refused
from canvas_app.store.orm_runtime import ContactRow
from canvas_app.store.workspace import Workspace

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")


def email_problem(address: str) -> str | None:
    value = address.strip()
    if not value:
        return "the email address is empty"
    if len(value) > 254:
        return f"'{value[:40]}...' is not a valid email address (over 254 characters)"
    if not _EMAIL.fullmatch(value) or ".." in value:
        return f"'{value}' is not a valid email address"
    return None


def normalise(address: str) -> str:
    local, _, domain = address.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def add_contact(workspace: Workspace, address: str, name: str = "") -> tuple[int, bool]:
    """(contact id, created). An existing contact keeps its id; a given name updates it."""
    problem = email_problem(address)
    if problem:
        raise Refused(problem)
    key = normalise(address)
    with workspace.transaction() as session:
        row = find(session, key)
        if row is not None:
            if name.strip():
                row.name = name.strip()
            return row.id, False
        row = ContactRow(email=key, name=name.strip())
        session.add(row)
        session.flush()
        return row.id, True


def find(session: Session, address: str) -> ContactRow | None:
    return session.scalar(select(ContactRow).where(func.lower(ContactRow.email)
                                                   == normalise(address).lower()))


class Person(NamedTuple):
    id: int
    email: str


def require(session: Session, addresses: list[str]) -> list[Person]:
    """The contacts with these addresses, in order; refuses naming every unknown address."""
    keys = {a: normalise(a).lower() for a in addresses if not email_problem(a)}
    known: dict[str, Person] = {}
    for chunk in chunks(keys.values()):
        for contact_id, email in session.execute(select(ContactRow.id, ContactRow.email).where(
                func.lower(ContactRow.email).in_(chunk))):
            known[email.lower()] = Person(contact_id, email)
    found: list[Person] = []
    missing: list[str] = []
    for address in addresses:
        match = known.get(keys.get(address, ""))
        if match is None:
            missing.append(address)
        else:
            found.append(match)
    if missing:
        raise Refused("no contact with the address " + ", ".join(f"'{m}'" for m in missing)
                      + "; add it first with: contact add EMAIL")
    return found


#: How many problems a refusal lists before it says how many more there are.
SHOWN_PROBLEMS = 20


@dataclass
class CsvImport:
    added: int = 0
    already_there: int = 0
    problems: list[str] = field(default_factory=list)


def preview_csv(path: Path) -> tuple[list[dict[str, str]], CsvImport]:
    """The rows a CSV file would add, and its problems, without importing anything."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise Refused(f"{path} does not exist") from None
    except OSError as exc:
        raise Refused(f"{path} cannot be read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise Refused(f"line {line} of {path.name} has a character that is not UTF-8 text "
                      "(the file was probably saved in an older encoding); save it again as "
                      "'CSV UTF-8' and import it again. Nothing was added.") from None
    return _parse_csv(text, path.name)


def import_csv(workspace: Workspace, path: Path) -> CsvImport:
    """Adds every row or none: any problem refuses the whole file, listing each bad row."""
    rows, result = preview_csv(path)
    if result.problems:
        raise Refused(f"{path.name} was not imported (nothing was added):\n  "
                      + "\n  ".join(shown_problems(result.problems)))
    with workspace.transaction() as session:
        existing = {e.lower() for e in session.scalars(select(ContactRow.email))}
        new = [r for r in rows if r["email"].lower() not in existing]
        result.already_there = len(rows) - len(new)
        insert_rows(session, ContactRow, new)  # executemany: no ORM bookkeeping per row
        result.added = len(new)
    return result


def shown_problems(problems: list[str], limit: int = SHOWN_PROBLEMS) -> list[str]:
    """The first ``limit`` problems, then one line saying how many more there are."""
    more = len(problems) - limit
    return problems[:limit] + ([f"... and {more} more problem{'s' * (more != 1)}"]
                               if more > 0 else [])


def _records(text: str) -> Iterator[tuple[int, list[str] | str]]:
    """(line, values) for each record, or (line, problem) for one that cannot be read. The
    line is where the record starts, counted as an editor counts lines: blank lines and
    line breaks inside quoted values count."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    end = 0
    while True:
        start = end + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            end = max(reader.line_num, start)
            limit = csv.field_size_limit()
            yield start, (f"a value is longer than {limit:,} characters" if "field limit"
                          in str(exc) else f"cannot be read as CSV ({exc})")
            continue
        end = reader.line_num
        if values:  # a blank line is no record, but it is a line
            yield start, values


def _column(header: str) -> str:
    """'First Name', 'first-name' and 'E-mail' name the columns 'first_name' and 'email'."""
    key = "_".join(header.strip().lower().replace("-", " ").split())
    return "email" if key in ("e_mail", "email_address") else key


def _parse_csv(text: str, name: str) -> tuple[list[dict[str, str]], CsvImport]:
    result = CsvImport()
    records = _records(text)
    first = next(records, (1, []))
    headers = ([_column(h) for h in first[1]] if isinstance(first[1], list) else [])
    if "email" not in headers:
        result.problems.append(f"{name}: the first line must name the columns and include "
                               "'email' (and optionally 'name' or 'first_name','last_name')")
        return [], result
    rows: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    for line, values in records:
        if isinstance(values, str):
            result.problems.append(f"line {line}: {values}")
            continue
        if len(values) > len(headers):
            result.problems.append(f"line {line}: more values than columns")
            continue
        record = dict(zip(headers, values, strict=False))
        address = (record.get("email") or "").strip()
        problem = email_problem(address)
        if problem:
            result.problems.append(f"line {line}: {problem}")
            continue
        key = normalise(address)
        if key.lower() in seen:
            result.problems.append(f"line {line}: '{address}' is already on line "
                                   f"{seen[key.lower()]}")
            continue
        seen[key.lower()] = line
        full = (record.get("name") or "").strip() or " ".join(
            part for part in ((record.get("first_name") or "").strip(),
                              (record.get("last_name") or "").strip()) if part)
        rows.append({"email": key, "name": full})
    if not rows and not result.problems:
        result.problems.append(f"{name}: there are no contacts in the file")
    return rows, result

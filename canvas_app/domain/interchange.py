"""Campaign files (format v1, and v2 which adds canvas notes): read through a validating
layer into the model, and written back.

``parse_document(text)`` refuses anything that is not a well-formed campaign file with a
list of problems, each naming its JSON path. A goal whose link choice is invalid still loads:
validation reports it. ``to_document(from_document(d)) == d`` for every accepted document,
except that a version 2 document without notes is written back as version 1 (the format
says a file without notes may stay version 1).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from canvas_app.domain.anchors import anchor_problems
from canvas_app.domain.errors import UserError
from canvas_app.domain.links import LinkKind, target_problem
from canvas_app.domain.model import (
    BotPolicy,
    Campaign,
    Edge,
    Email,
    Goal,
    Link,
    Sequence,
    Settings,
)
from canvas_app.domain.notes import Note, NoteColor
from canvas_app.resources import resource_path

if TYPE_CHECKING:  # jsonschema loads on the first import of a file: it costs start-up time
    from jsonschema.exceptions import ValidationError

FORMAT_NAME = "campaign-canvas"
FORMAT_VERSION = 1
#: The version a campaign with notes is written as (a file without notes stays version 1).
NOTES_VERSION = 2
MAX_REPORTED = 20
#: The longest delay before an email: 100 years, in minutes (the schema says the same).
MAX_DELAY_MINUTES = 52_596_000
#: How far from the origin a node may be placed, in either direction (the schema agrees).
MAX_POSITION = 1_000_000


@dataclass(frozen=True)
class FileProblem:
    path: str  # JSON path such as $.campaign.sequences[0].id
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class CampaignFileError(UserError, ValueError):
    """The document is not an acceptable campaign file; ``problems`` say where and why."""

    def __init__(self, problems: list[FileProblem], source: str = "the campaign file") -> None:
        self.problems = problems
        self.source = source
        shown = "\n".join(f"  {p}" for p in problems[:MAX_REPORTED])
        more = len(problems) - MAX_REPORTED
        extra = f"\n  ... and {more} more" if more > 0 else ""
        super().__init__(f"{source} cannot be imported:\n{shown}{extra}")


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(resource_path("campaign.schema.json").read_text("utf-8"))
    return loaded


# -- reading -----------------------------------------------------------------------------------
def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def load_json(text: str, source: str = "the campaign file") -> Any:
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        problem = FileProblem("$", f"not valid JSON: {exc.msg} at line {exc.lineno}, "
                                   f"column {exc.colno}")
        raise CampaignFileError([problem], source) from None
    except (ValueError, RecursionError) as exc:
        raise CampaignFileError([FileProblem("$", f"not valid JSON: {exc}")], source) from None


def read_campaign_file(path: Path) -> Campaign:
    source = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CampaignFileError([FileProblem("$", "the file does not exist")], source) from None
    except IsADirectoryError:
        raise CampaignFileError([FileProblem("$", "this is a folder, not a file")], source) from None
    except OSError as exc:
        raise CampaignFileError([FileProblem("$", f"cannot be read: {exc.strerror}")], source) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = FileProblem("$", f"not UTF-8 text (byte {exc.start} cannot be decoded)")
        raise CampaignFileError([problem], source) from None
    return parse_document(text, source)


def parse_document(text: str, source: str = "the campaign file") -> Campaign:
    return from_document(load_json(text, source), source)


def from_document(document: Any, source: str = "the campaign file") -> Campaign:
    problems = list(_non_finite(document, "$"))
    problems += [p for p in dict.fromkeys(_schema_problems(document))  # each problem once
                 if p.path not in {q.path for q in problems}]
    if not problems:
        problems = list(_semantic_problems(document["campaign"]))
    if problems:
        raise CampaignFileError(problems, source)
    return _build(document["campaign"])


def from_trusted_document(document: dict[str, Any]) -> Campaign:
    """Builds a campaign from a document this program wrote and checked before (a published
    version), without checking it again."""
    return _build(document["campaign"])


def _is_text(value: str) -> bool:
    """Whether ``value`` can be stored and written as UTF-8 (no lone surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _non_finite(value: Any, path: str) -> Iterator[FileProblem]:
    """NaN and infinities anywhere (a number too large for a float, such as 1e400, is read as
    infinity): JSON has no such numbers, and the schema's ranges cannot catch NaN."""
    if isinstance(value, float) and not math.isfinite(value):
        yield FileProblem(path, "must be a finite number (this one is too large, or not a "
                                "number at all)")
    elif isinstance(value, str) and not _is_text(value):
        yield FileProblem(path, "holds a broken character (a lone \\uD800-\\uDFFF escape); "
                                "text must be valid Unicode")
    elif isinstance(value, dict):
        for key, item in value.items():
            if not _is_text(str(key)):
                yield FileProblem(path, "has a key with a broken character (a lone "
                                        "\\uD800-\\uDFFF escape)")
            yield from _non_finite(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _non_finite(item, f"{path}[{index}]")


def _schema_problems(document: Any) -> Iterator[FileProblem]:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema())
    found = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    for error in found:
        yield from _describe(error)


_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number",
               "array": "a list", "object": "an object {...}", "boolean": "true or false"}


def _describe(error: ValidationError) -> Iterator[FileProblem]:
    path = error.json_path
    value = error.validator_value
    instance = error.instance
    kind = error.validator
    if kind == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        for key in sorted(k for k in instance if k not in allowed):
            yield FileProblem(f"{path}.{key}", f"unknown key '{key}' (allowed: "
                                               f"{', '.join(sorted(allowed))})")
    elif kind == "required":
        for key in value:
            if key not in instance:
                yield FileProblem(path, f"the required key '{key}' is missing")
    else:
        says = _SAYS.get(str(kind))
        yield FileProblem(path, says(value, instance) if says else error.message)


#: What a broken schema rule says, from the rule's value and the value found.
_SAYS: dict[str, Callable[[Any, Any], str]] = {
    "type": lambda value, _: f"must be {_TYPE_WORDS.get(str(value), value)}",
    "const": lambda value, _: f"must be {json.dumps(value)}",
    "enum": lambda value, _: "must be one of " + ", ".join(json.dumps(v) for v in value),
    "pattern": lambda _, instance: (f"{json.dumps(instance)} is not a valid id: use 1 to 64 "
                                    "letters, digits, '-' or '_'"),
    "minimum": lambda value, _: f"must be {value} or more",
    "maximum": lambda value, _: f"must be {value} or less",
    "minLength": lambda _, __: "must not be empty",
    "minItems": lambda _, __: "must be a pair of numbers",
    "maxItems": lambda value, instance: ("must be a pair of numbers" if value == 2
                                         else f"holds {len(instance):,} items; at most "
                                              f"{value:,} are allowed"),
    "maxLength": lambda value, _: f"must be at most {value:,} characters",
    # the one "not" rule: a version 1 file has no notes
    "not": lambda _, __: 'has notes, which need "version": 2 (version 1 files have none)',
}


def _semantic_problems(campaign: dict[str, Any]) -> Iterator[FileProblem]:
    node_kinds: dict[str, str] = {}
    for group in ("sequences", "goals"):
        for i, node in enumerate(campaign[group]):
            here = f"$.campaign.{group}[{i}].id"
            if node["id"] in node_kinds:
                yield FileProblem(here, f"the node id '{node['id']}' is used twice")
            node_kinds.setdefault(node["id"], group)
    yield from _email_problems(campaign["sequences"])
    for g, goal in enumerate(campaign["goals"]):
        listed: set[str] = set()
        for k, link_id in enumerate(goal["links"]):
            if link_id in listed:
                yield FileProblem(f"$.campaign.goals[{g}].links[{k}]",
                                  f"the link '{link_id}' is listed twice")
            listed.add(link_id)
    yield from _edge_problems(campaign["edges"], node_kinds)
    seen_notes: set[str] = set()
    for n, note in enumerate(campaign.get("notes", [])):
        if note["id"] in node_kinds or note["id"] in seen_notes:
            yield FileProblem(f"$.campaign.notes[{n}].id",
                              f"the id '{note['id']}' is used twice (by a node or another note)")
        seen_notes.add(note["id"])


def _email_problems(sequences: list[dict[str, Any]]) -> Iterator[FileProblem]:
    """Email and link ids used twice, link targets that cannot work, anchors that do not match."""
    seen_emails: dict[str, str] = {}
    seen_links: dict[str, str] = {}
    for s, sequence in enumerate(sequences):
        for e, email in enumerate(sequence["emails"]):
            at = f"$.campaign.sequences[{s}].emails[{e}]"
            if email["id"] in seen_emails:
                yield FileProblem(f"{at}.id", f"the email id '{email['id']}' is used twice "
                                              f"(first at {seen_emails[email['id']]})")
            seen_emails.setdefault(email["id"], f"{at}.id")
            for k, link in enumerate(email["links"]):
                lat = f"{at}.links[{k}]"
                if link["id"] in seen_links:
                    yield FileProblem(f"{lat}.id", f"the link id '{link['id']}' is used twice "
                                                   f"(first at {seen_links[link['id']]})")
                seen_links.setdefault(link["id"], f"{lat}.id")
                problem = target_problem(link["target"])
                if problem:
                    yield FileProblem(f"{lat}.target", problem)
            for mismatch in anchor_problems(email["body_html"], [x["id"] for x in email["links"]]):
                yield FileProblem(f"{at}.body_html", mismatch)


def _edge_problems(edges: list[dict[str, str]], node_kinds: dict[str, str]) -> Iterator[FileProblem]:
    seen: set[tuple[str, str]] = set()
    for i, edge in enumerate(edges):
        at = f"$.campaign.edges[{i}]"
        source, target = edge["from"], edge["to"]
        missing = [(end, key) for end, key in ((source, "from"), (target, "to"))
                   if end not in node_kinds]
        for end, key in missing:
            yield FileProblem(f"{at}.{key}", f"there is no sequence or goal with id '{end}'")
        if missing:
            continue
        if source == target:
            yield FileProblem(at, f"'{source}' is connected to itself")
        elif node_kinds[source] == node_kinds[target]:
            kind = "sequence" if node_kinds[source] == "sequences" else "goal"
            other = "goal" if kind == "sequence" else "sequence"
            yield FileProblem(at, f"a {kind} can only lead to a {other} "
                                  f"('{source}' -> '{target}')")
        elif (source, target) in seen:
            yield FileProblem(at, f"the edge '{source}' -> '{target}' is listed twice")
        seen.add((source, target))


def _position(value: list[float] | None) -> tuple[float, float] | None:
    return None if value is None else (float(value[0]), float(value[1]))


def _build(data: dict[str, Any]) -> Campaign:
    settings_data = data.get("settings")
    settings = Settings()
    if settings_data is not None:
        settings = Settings(BotPolicy(settings_data.get("bot_policy", BotPolicy.IGNORE_BOTS)),
                            explicit=frozenset(settings_data))
    sequences = [
        Sequence(
            id=s["id"], name=s["name"], position=_position(s.get("position")),
            emails=[
                Email(id=e["id"], delay_minutes=int(e["delay_minutes"]), subject=e["subject"],
                      body_html=e["body_html"],
                      links=[Link(k["id"], LinkKind(k["kind"]), k["text"], k["target"])
                             for k in e["links"]])
                for e in s["emails"]
            ],
        )
        for s in data["sequences"]
    ]
    goals = [Goal(id=g["id"], name=g["name"], position=_position(g.get("position")),
                  links=list(g["links"])) for g in data["goals"]]
    edges = [Edge(e["from"], e["to"]) for e in data["edges"]]
    notes = [Note(n["id"], n["text"], NoteColor(n["color"]),
                  (float(n["position"][0]), float(n["position"][1])),
                  (float(n["size"][0]), float(n["size"][1]))) for n in data.get("notes", [])]
    return Campaign(data["id"], data["name"], settings, sequences, goals, edges, notes)


# -- writing -----------------------------------------------------------------------------------
def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _coordinate(value: float) -> float:
    """A coordinate an import accepts: NaN becomes 0, anything else is kept within range."""
    return 0.0 if math.isnan(value) else max(-MAX_POSITION, min(MAX_POSITION, value))


def _place(position: tuple[float, float]) -> list[int | float]:
    return [_number(_coordinate(position[0])), _number(_coordinate(position[1]))]


def _with_position(item: dict[str, Any], position: tuple[float, float] | None) -> dict[str, Any]:
    if position is not None:
        item["position"] = _place(position)
    return item


def to_document(campaign: Campaign) -> dict[str, Any]:
    body: dict[str, Any] = {"id": campaign.id, "name": campaign.name}
    if campaign.settings.explicit:
        body["settings"] = {key: str(getattr(campaign.settings, key))
                            for key in sorted(campaign.settings.explicit)}
    body["sequences"] = [
        {**_with_position({"id": s.id, "name": s.name}, s.position),
         "emails": [{"id": e.id, "delay_minutes": e.delay_minutes, "subject": e.subject,
                     "body_html": e.body_html,
                     "links": [{"id": k.id, "kind": k.kind.value, "text": k.text,
                                "target": k.target} for k in e.links]}
                    for e in s.emails]}
        for s in campaign.sequences
    ]
    body["goals"] = [
        {**_with_position({"id": g.id, "type": g.goal_type, "name": g.name}, g.position),
         "links": list(g.links)}
        for g in campaign.goals
    ]
    body["edges"] = [{"from": e.source, "to": e.target} for e in campaign.edges]
    if not campaign.notes:
        return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "campaign": body}
    body["notes"] = [{"id": n.id, "text": n.text, "color": n.color.value,
                      "position": _place(n.position),
                      "size": [_number(n.size[0]), _number(n.size[1])]} for n in campaign.notes]
    return {"format": FORMAT_NAME, "version": NOTES_VERSION, "campaign": body}


def dumps(campaign: Campaign) -> str:
    return json.dumps(to_document(campaign), indent=2, ensure_ascii=False, allow_nan=False) + "\n"

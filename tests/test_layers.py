"""The house rules, read from the source: imports point down (ui -> engine -> store -> domain),
the editor never touches the database itself, and ui/ is in rooms that depend one way."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "canvas_app"
LAYERS = ["domain", "store", "engine", "cli", "ui"]  # each may import only those before it
#: ui's rooms, in the order they may import each other (a room imports only earlier ones).
ROOMS = ["style", "email", "editor", "canvas", "panels", "simulation", "window"]
#: The store's modules the editor may use: opening a workspace, its errors, the draft store.
STORE_FOR_UI = {"workspace", "errors", "defaults", "campaigns"}


def modules() -> dict[str, ast.Module]:
    return {".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts): ast.parse(
        p.read_text("utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


def imports(tree: ast.Module) -> set[str]:
    """Every module imported anywhere in the file, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_imports_point_down_and_qt_stays_in_the_ui() -> None:
    wrong = []
    for name, tree in modules().items():
        parts = name.split(".")
        layer = parts[1] if len(parts) > 2 else None
        if layer not in LAYERS:
            continue
        allowed = set(LAYERS[:LAYERS.index(layer) + 1])
        for imported in imports(tree):
            bits = imported.split(".")
            if bits[0] == "canvas_app" and len(bits) > 1 and bits[1] in LAYERS \
                    and bits[1] not in allowed:
                wrong.append(f"{name} imports {imported}")
            if bits[0] == "PySide6" and layer != "ui":
                wrong.append(f"{name} imports Qt")
    assert wrong == []


def test_the_ui_opens_no_database_session() -> None:
    """It reads engine state through engine functions (clock, settings, counts, the log)."""
    wrong = []
    for name, tree in modules().items():
        if not name.startswith("canvas_app.ui"):
            continue
        for imported in imports(tree):
            bits = imported.split(".")
            if bits[0] == "sqlalchemy" or (bits[:2] == ["canvas_app", "store"] and len(bits) > 2
                                            and bits[2] not in STORE_FOR_UI):
                wrong.append(f"{name} imports {imported}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("reading", "transaction",
                                                                 "session_scope"):
                wrong.append(f"{name} uses .{node.attr}() of the workspace")
            if isinstance(node, ast.Name) and node.id == "Session":
                wrong.append(f"{name} names a Session")
    assert wrong == []


def test_ui_rooms_depend_one_way_and_never_on_the_window() -> None:
    wrong = []
    for name, tree in modules().items():
        parts = name.split(".")
        if parts[:2] != ["canvas_app", "ui"] or len(parts) < 4:
            continue
        room = parts[2]
        for imported in imports(tree):
            bits = imported.split(".")
            if bits[:2] == ["canvas_app", "ui"] and len(bits) > 3 and bits[2] != room \
                    and ROOMS.index(bits[2]) > ROOMS.index(room):
                wrong.append(f"{name} imports {imported}")
    assert wrong == []


def test_a_newcomer_sees_the_rooms() -> None:
    """ui/ holds rooms (at most two small files beside them) and no module is over 400 lines."""
    ui = PACKAGE / "ui"
    top = sorted(p.name for p in ui.glob("*.py") if p.name != "__init__.py")
    assert len(top) <= 2
    assert {p.name for p in ui.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(ROOMS)
    long = [f"{p.relative_to(PACKAGE)}: {n}" for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text("utf-8").splitlines())) > 400]
    assert long == []

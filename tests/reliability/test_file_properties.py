"""Generated and mutated campaign files either import or are refused with a message naming a
JSON path, never a traceback; a refused import leaves the workspace as it was."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canvas_app.domain.interchange import (
    CampaignFileError,
    from_document,
    parse_document,
    to_document,
)
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.errors import WorkspaceError
from canvas_app.store.workspace import Workspace
from tests.factories import sample_document

SAMPLE = sample_document("yoga-trial")
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=8)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


ALL_PATHS = _paths(SAMPLE)[1:]


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """The sample with a few places replaced, removed, duplicated or given unknown keys."""
    document = copy.deepcopy(SAMPLE)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent: Any = document
        try:
            for key in path[:-1]:
                parent = parent[key]
            last = path[-1]
            action = draw(st.sampled_from(["replace", "delete", "unknown", "duplicate"]))
            if action == "replace":
                parent[last] = draw(JSON_VALUES)
            elif action == "delete":
                del parent[last]
            elif action == "unknown" and isinstance(parent, dict):
                parent[draw(st.text(min_size=1, max_size=8))] = draw(JSON_VALUES)
            elif action == "duplicate" and isinstance(parent, list):
                parent.append(copy.deepcopy(parent[last]))
        except (KeyError, IndexError, TypeError):
            continue
    return document


@settings(max_examples=300, deadline=None)
@given(mutated())
def test_mutated_documents_import_or_are_refused_with_a_path(document: Any) -> None:
    try:
        campaign = from_document(document)
    except CampaignFileError as exc:
        assert exc.problems and all(p.path.startswith("$") and p.message for p in exc.problems)
        return
    assert from_document(to_document(campaign)) == campaign


@settings(max_examples=150, deadline=None)
@given(st.one_of(JSON_VALUES, st.text(max_size=60), st.binary(max_size=60).map(
    lambda b: b.decode("latin-1"))))
def test_any_text_at_all_is_refused_cleanly(text: Any) -> None:
    source = text if isinstance(text, str) else json.dumps(text)
    try:
        parse_document(source)
    except CampaignFileError as exc:
        assert str(exc).startswith("the campaign file cannot be imported")


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated())
def test_a_refused_import_leaves_the_workspace_as_it_was(document: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "w.canvas-workspace"
        with Workspace.open(path, create=True) as ws:
            store = CampaignStore(ws)
            store.add(from_document(sample_document("sourdough-ebook")))
            before = [(c.id, c.revision) for c in store.list()]
            snapshot = to_document(store.load("sourdough-ebook"))
            try:
                store.add(from_document(document))
            except (CampaignFileError, WorkspaceError):
                assert [(c.id, c.revision) for c in store.list()] == before
                assert to_document(store.load("sourdough-ebook")) == snapshot

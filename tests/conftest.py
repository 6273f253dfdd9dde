"""Suite-wide set-up: Qt renders offscreen; the user's data directory is a temporary one."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg import Cluster, missing_binaries

#: The backends the store, engine, command-line and server tests run on.
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's default workspace from a test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))


@pytest.fixture(autouse=True)
def _empty_clipboard_after_each_test() -> Iterator[None]:
    """What a test copied does not reach the next one; and Qt's offscreen platform (the
    tests', never a user's) crashes at exit when mime data is left on its clipboard."""
    yield
    import sys

    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is not None and widgets.QApplication.instance() is not None:
        board = widgets.QApplication.clipboard()
        if board is not None and board.mimeData() is not None and board.mimeData().formats():
            board.clear()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One throwaway PostgreSQL cluster for the whole run (skipped only without PostgreSQL)."""
    reason = missing_binaries()
    if reason:
        pytest.skip(reason)
    cluster = Cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """The URL of a fresh, empty database of the test cluster (dropped afterwards)."""
    name = pg_cluster.new_database()
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    marker = request.node.get_closest_marker("files_only")
    if request.param == "postgresql" and marker is not None:
        pytest.skip(f"SQLite only: {marker.args[0] if marker.args else 'about the file'}")
    return str(request.param)


@pytest.fixture
def workspace_location(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """Where a test's workspace lives: a new file, or a fresh database on the test cluster."""
    if backend == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return tmp_path / "test.canvas-workspace"

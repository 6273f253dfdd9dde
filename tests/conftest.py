"""Suite-wide set-up: Qt renders offscreen; the user's data directory is a temporary one."""

from __future__ import annotations

import os
from collections.abc import Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


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

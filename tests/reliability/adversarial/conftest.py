"""Fixtures of the adversarial suite: one prepared workspace per session, and the tally printed at
the end of the run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.adversarial import tally
from tests.reliability.adversarial.support import Template, build_template


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    home = tmp_path_factory.mktemp("template-home")
    with pytest.MonkeyPatch.context() as mp:  # never the user's real data folder
        mp.setenv("HOME", str(home))
        mp.setenv("XDG_DATA_HOME", str(home / "share"))
        return build_template(tmp_path_factory.mktemp("template"))


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's folder, also the working directory (write-email's default output lands here)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    rows = tally.lines()
    if not rows:
        return
    terminalreporter.section("adversarial suite: figures per category")
    for row in rows:
        terminalreporter.write_line(row)
    tally.write()

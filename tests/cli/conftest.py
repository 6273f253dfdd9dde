from pathlib import Path

import pytest

from tests.cli.helpers import Cli


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], workspace_location: Path | str) -> Cli:
    return Cli(capsys, workspace_location)


@pytest.fixture
def default_cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys, None)

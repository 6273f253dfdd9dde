from pathlib import Path

import pytest

from tests.cli.helpers import Cli


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Cli:
    return Cli(capsys, tmp_path / "test.canvas-workspace")


@pytest.fixture
def default_cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys, None)

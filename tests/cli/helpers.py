"""Running the command line in-process, as a user would type it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from canvas_app.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str], workspace: Path | str | None) -> None:
        self.capsys = capsys
        self.workspace = workspace

    def __call__(self, *args: str) -> Result:
        argv = (["--workspace", str(self.workspace)] if self.workspace else []) + list(args)
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)

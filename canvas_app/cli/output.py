"""Small helpers for command output: JSON on stdout, messages on stderr, safe file writes."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

PROG = "campaign-canvas"


def fail(message: str) -> int:
    """Prints a refusal on stderr; returns exit status 1."""
    sys.stderr.write(f"{PROG}: {message}\n")
    return 1


class CommandError(Exception):
    """A refusal or bad input: printed on stderr, exit status 1."""


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def write_text_atomically(path: Path, text: str) -> None:
    """Writes next to ``path`` then renames, so a failure never leaves half a file."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise CommandError(f"cannot write {path}: the folder {directory} does not exist")
    fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise CommandError(f"cannot write {path}: {exc.strerror}") from None

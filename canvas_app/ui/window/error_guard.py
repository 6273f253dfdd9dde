"""The last line of defence: an error nobody expected never ends in a traceback on a terminal
the user may not even see. It is written to a log file and the user gets one sentence."""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

from platformdirs import user_log_path
from PySide6.QtWidgets import QApplication, QMessageBox

from canvas_app.domain.errors import UserError


def log_file() -> Path:
    return user_log_path("campaign-canvas", appauthor=False) / "errors.log"


def _write_log(kind: type[BaseException], error: BaseException,
               trace: TracebackType | None) -> Path | None:
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as out:
            out.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
            out.writelines(traceback.format_exception(kind, error, trace))
    except OSError:
        return None
    return path


def message_for(error: BaseException, log: Path | None) -> str:
    """What the user reads: the store's and engine's own sentences as they are; anything else
    as an apology that says the work is safe and where the details are."""
    if isinstance(error, UserError):
        return error.in_words()
    where = f" The details were written to {log}." if log else ""
    return ("Something went wrong that Campaign Canvas did not expect, so the last action may "
            "not have finished. Every change you made before it is saved in the workspace."
            + where)


def handle(kind: type[BaseException], error: BaseException,
           trace: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    log = _write_log(kind, error, trace)
    app = QApplication.instance()
    if app is None:
        sys.stderr.write(message_for(error, log) + "\n")
        return
    QMessageBox.warning(QApplication.activeWindow(), "Campaign Canvas", message_for(error, log))


def install() -> None:
    sys.excepthook = handle

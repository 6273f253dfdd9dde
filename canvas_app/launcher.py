"""Entry point: no command or ``gui`` opens the editor; any other command runs headless.

The only module that imports both the command line and the GUI.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # a reader that went away is noticed here, not at exit
    except BrokenPipeError:
        # The reader stopped reading (`... | head -1`): say nothing more, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 1
    return code


def _main(argv: Sequence[str] | None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    editor = _editor_arguments(given)
    if editor is not None:  # the editor: the command line's modules are not loaded first
        from canvas_app.ui.window.app import run_gui

        return run_gui(*editor)
    from canvas_app.cli.main import build_parser, refused_arguments, run

    if refused_arguments(given):
        return 1
    args = build_parser().parse_args(given)
    if args.command in (None, "gui"):
        from canvas_app.ui.window.app import run_gui

        path = getattr(args, "path", None) or args.workspace
        return run_gui(path, getattr(args, "campaign", None), getattr(args, "screenshot", None))
    return run(args)


def _editor_arguments(given: list[str]) -> tuple[Path | None, str | None] | None:
    """(workspace, campaign) when the arguments plainly open the editor: nothing, ``gui [PATH]
    [--campaign ID]`` or ``--workspace PATH`` before either. Anything else (help, a picture,
    a command, something odd) goes through the full command line."""
    rest = list(given)
    workspace: Path | None = None
    if rest[:1] == ["--workspace"] and len(rest) >= 2 and not rest[1].startswith("-"):
        workspace, rest = Path(rest[1]), rest[2:]
    if rest[:1] == ["gui"]:
        rest = rest[1:]
    elif rest:
        return None
    campaign: str | None = None
    if len(rest) >= 2 and rest[-2] == "--campaign" and not rest[-1].startswith("-"):
        campaign, rest = rest[-1], rest[:-2]
    if len(rest) == 1 and not rest[0].startswith("-"):
        workspace, rest = Path(rest[0]), []
    if rest or any(not _plain(a) or "://" in a for a in given):  # a URL: a server workspace
        return None
    return workspace, campaign


def _plain(arg: str) -> bool:
    """Text a path or an id can be (the full command line explains anything else)."""
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return bool(arg) and "\x00" not in arg


if __name__ == "__main__":
    sys.exit(main())

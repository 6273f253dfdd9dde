"""Entry point: no command or ``gui`` opens the editor; any other command runs headless.

The only module that imports both the command line and the GUI.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from canvas_app.cli.main import build_parser, refused_arguments, run


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
    if refused_arguments(given):
        return 1
    args = build_parser().parse_args(given)
    if args.command in (None, "gui"):
        from canvas_app.ui.window.app import run_gui

        path = getattr(args, "path", None) or args.workspace
        return run_gui(path, getattr(args, "campaign", None), getattr(args, "screenshot", None))
    return run(args)


if __name__ == "__main__":
    sys.exit(main())

"""Entry point of the command line. Exit status: 0 success, 1 refused or bad input, 2 usage."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from canvas_app import __version__
from canvas_app.cli import (
    campaign_commands,
    copy_commands,
    email_commands,
    explain_commands,
    history_commands,
    lifecycle_commands,
    manage_commands,
    report_commands,
    server_commands,
    simulation_commands,
)
from canvas_app.cli.output import PROG, fail, workspace_argument
from canvas_app.domain.errors import UserError
from canvas_app.store.defaults import open_workspace
from canvas_app.store.errors import WorkspaceError, database_error, is_database_error


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Campaign Canvas: design, publish and simulate Email Link Clicked campaigns.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--workspace", type=workspace_argument, metavar="PATH|URL",
                        help="workspace file (default: the one in your user data folder), or "
                             "a database URL: postgresql+psycopg://user@host:port/database")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="open the editor (the default without a command); with "
                                     "--screenshot, render it offscreen to a PNG and exit")
    gui.add_argument("path", nargs="?", type=workspace_argument, metavar="PATH|URL",
                     help="workspace to open")
    gui.add_argument("--campaign", metavar="ID", help="campaign to show")
    gui.add_argument("--screenshot", type=Path, metavar="OUT.png",
                     help="render the window to this PNG file and exit")
    campaign_commands.register(sub)
    manage_commands.register(sub)
    lifecycle_commands.register(sub)
    simulation_commands.register(sub)
    report_commands.register(sub)
    report_commands.register_demo(sub)
    explain_commands.register(sub)
    history_commands.register(sub)
    email_commands.register(sub)
    server_commands.register(sub)
    copy_commands.register(sub)
    return parser


def refused_arguments(argv: Sequence[str]) -> bool:
    """True (and says which) when an argument holds bytes that are not text: the terminal's
    encoding could not decode them, and nothing could store or print them."""
    for number, arg in enumerate(argv, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "replace").decode("utf-8")
            sys.stderr.write(f"{PROG}: argument {number} ('{shown}') is not valid text; type "
                             "it again in UTF-8\n")
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Headless commands only (the launcher handles ``gui``)."""
    parser = build_parser()
    given = list(sys.argv[1:] if argv is None else argv)
    if refused_arguments(given):
        return 1
    args = parser.parse_args(given)
    if args.command in (None, "gui"):
        parser.print_help()
        return 2
    return run(args)


def run(args: argparse.Namespace) -> int:
    if not getattr(args, "needs_workspace", True):
        try:
            return int(args.handler(args, None))
        except UserError as exc:
            return fail(str(exc))
    try:
        workspace = open_workspace(args.workspace,
                                   create=getattr(args, "creates_workspace", False))
    except WorkspaceError as exc:
        return fail(str(exc))
    try:
        return int(args.handler(args, workspace))
    except UserError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("interrupted")
    except Exception as exc:
        # A SQLite error that escaped the store's own translation: still one sentence.
        if is_database_error(exc):
            return fail(str(database_error(exc, workspace.where)))
        raise
    finally:
        workspace.close()


if __name__ == "__main__":
    sys.exit(main())

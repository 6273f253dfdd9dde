"""``copy-workspace SOURCE DEST``: a whole workspace between a file and a database server."""

from __future__ import annotations

import argparse
from typing import Any

from canvas_app.cli.output import say, workspace_argument
from canvas_app.engine.workspace_copy import copy_workspace


def register(sub: Any) -> None:
    p = sub.add_parser(
        "copy-workspace",
        help="copy a whole workspace between a file and a PostgreSQL URL, either way "
             "(the destination must be new or empty)")
    p.add_argument("source", type=workspace_argument, metavar="SOURCE",
                   help="workspace file or postgresql+psycopg://user@host:port/database")
    p.add_argument("destination", type=workspace_argument, metavar="DEST",
                   help="a new file, or an empty database (postgresql+psycopg://...)")
    p.set_defaults(handler=cmd_copy_workspace, needs_workspace=False)


def cmd_copy_workspace(args: argparse.Namespace, _workspace: None) -> int:
    copied = copy_workspace(args.source, args.destination)
    rows = sum(copied.counts.values())
    say(f"Copied {copied.source} to {copied.destination}: {rows} rows in "
        f"{len(copied.counts)} tables, the same number in each as in the source.")
    return 0

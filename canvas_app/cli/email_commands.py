"""`email import`: an existing HTML email (or an .eml's HTML part) added to a sequence's draft."""

from __future__ import annotations

import argparse
from pathlib import Path

from canvas_app.cli.output import CommandError, say
from canvas_app.engine import clock
from canvas_app.engine.html_import import add_to_sequence, describe, html_of, import_html
from canvas_app.store.workspace import Workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("email", help="bring an existing HTML email into a sequence")
    email = p.add_subparsers(dest="email_command", metavar="ACTION", required=True)
    i = email.add_parser("import", help="add an HTML file (or the HTML part of an .eml) to a "
                                        "sequence's draft: links declared, merge tags mapped")
    i.add_argument("campaign", metavar="ID")
    i.add_argument("sequence", metavar="SEQUENCE_ID")
    i.add_argument("file", type=Path, metavar="FILE")
    i.add_argument("--subject", metavar="S", help="the subject (default: the file's title)")
    i.add_argument("--delay", metavar="D", default="0s",
                   help="wait before it is sent, e.g. 90m, 2h or 3d (default: at once)")
    i.set_defaults(handler=cmd_email_import)


def cmd_email_import(args: argparse.Namespace, workspace: Workspace) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {args.file}: {exc.strerror or exc}") from exc
    seconds = clock.parse_duration(args.delay) if args.delay.strip() not in ("0", "0s") else 0
    imported = import_html(html_of(data, args.file.name), args.subject)
    add_to_sequence(workspace, args.campaign, args.sequence, imported, int(seconds // 60))
    say(f"Added {describe(imported)} to '{args.sequence}'. Check the link kinds in the editor "
        "and publish to send it.")
    return 0

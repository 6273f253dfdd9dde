"""Managing campaigns: rename, duplicate, delete."""

from __future__ import annotations

import argparse

from canvas_app.cli.output import CommandError, say
from canvas_app.engine import campaign_admin
from canvas_app.store.workspace import Workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("rename", help="give a campaign another name")
    p.add_argument("campaign", metavar="ID")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=cmd_rename)

    p = sub.add_parser("duplicate", help="copy a campaign's draft into a new campaign without "
                                         "contacts (prints the new id)")
    p.add_argument("campaign", metavar="ID")
    p.add_argument("--name", metavar="NAME", help="name of the copy (default: NAME (copy))")
    p.set_defaults(handler=cmd_duplicate)

    p = sub.add_parser("delete", help="delete a campaign with its versions and simulation; "
                                      "the workspace is backed up first")
    p.add_argument("campaign", metavar="ID")
    p.add_argument("--yes", action="store_true", help="confirm: delete it")
    p.set_defaults(handler=cmd_delete)


def cmd_rename(args: argparse.Namespace, workspace: Workspace) -> int:
    name = campaign_admin.rename(workspace, args.campaign, args.name)
    say(f"Renamed to '{name}'.")
    return 0


def cmd_duplicate(args: argparse.Namespace, workspace: Workspace) -> int:
    say(campaign_admin.duplicate(workspace, args.campaign, args.name))
    return 0


def cmd_delete(args: argparse.Namespace, workspace: Workspace) -> int:
    if not args.yes:
        raise CommandError(f"deleting removes the campaign, its published versions and its "
                           f"simulation; add --yes to confirm (delete {args.campaign} --yes)")
    deleted = campaign_admin.delete(workspace, args.campaign)
    say(f"Deleted '{deleted.name}'. {deleted.told()}")
    return 0

"""A campaign's history: its published versions, the differences between two of them (or one
and the draft), and restoring a version into the draft."""

from __future__ import annotations

import argparse

from canvas_app.cli.output import CommandError, print_json, say
from canvas_app.domain.diff import Diff
from canvas_app.domain.words import count
from canvas_app.engine import clock, history
from canvas_app.store.workspace import Workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("versions", help="a campaign's published versions, oldest first, with "
                                        "what each changed")
    p.add_argument("campaign", metavar="ID")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_versions)

    p = sub.add_parser("diff", help="what differs between two versions of a campaign (by "
                                    "default the newest version and the draft)")
    p.add_argument("campaign", metavar="ID")
    p.add_argument("--from", dest="old", metavar="V", help="a version number (default: newest)")
    p.add_argument("--to", dest="new", metavar="V|draft", help="a version number or 'draft' "
                                                               "(default: draft)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_diff)

    p = sub.add_parser("restore", help="put a published version into the campaign's draft "
                                       "(publish it afterwards to run it)")
    p.add_argument("campaign", metavar="ID")
    p.add_argument("version", metavar="VERSION")
    p.set_defaults(handler=cmd_restore)


def cmd_versions(args: argparse.Namespace, workspace: Workspace) -> int:
    found = history.versions(workspace, args.campaign)
    if args.json:
        print_json([v.to_json() for v in found])
        return 0
    if not found:
        say(f"'{args.campaign}' has not been published yet.")
        return 0
    for version in found:
        now = f" ({count(version.contacts_now, 'contact')} in it now)" \
            if version.contacts_now else ""
        say(f"version {version.number}  {clock.short_time(version.published_at)}  "
            f"{version.summary}{now}")
    return 0


def _name(ref: int | str) -> str:
    return "the draft" if ref == history.DRAFT else f"version {ref}"


def cmd_diff(args: argparse.Namespace, workspace: Workspace) -> int:
    old = None if args.old is None else history.parse_ref(args.old)
    new = None if args.new is None else history.parse_ref(args.new)
    old, new, found = history.compare_refs(workspace, args.campaign, old, new)
    if args.json:
        print_json(found.to_json())
        return 0
    say(_describe(found, _name(old), _name(new)))
    return 0


def _describe(found: Diff, old: str, new: str) -> str:
    if found.empty:
        return f"No differences between {old} and {new}."
    lines = [f"From {old} to {new}:"]
    lines += [f"  + {d.detail}" for d in found.added]
    lines += [f"  - {d.detail}" for d in found.removed]
    lines += [f"  ~ {d.detail}" for d in found.changed]
    return "\n".join(lines)


def cmd_restore(args: argparse.Namespace, workspace: Workspace) -> int:
    ref = history.parse_ref(args.version)
    if ref == history.DRAFT:
        raise CommandError("restore puts a published version into the draft: give a version "
                           f"number ('versions {args.campaign}' lists them)")
    restored = history.restore(workspace, args.campaign, int(ref))
    say(f"Version {ref} is now the draft of '{restored.name}'. Publish it to run it "
        f"(publish {args.campaign}); contacts already in the campaign follow the usual rules.")
    return 0

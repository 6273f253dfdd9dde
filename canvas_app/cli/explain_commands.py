"""explain: a contact's path through the campaigns, in sentences."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from canvas_app.cli.output import print_json, say
from canvas_app.engine.explain import explain
from canvas_app.store.workspace import Workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("explain", help="a contact's path in sentences: every enrolment, send, "
                                       "click, ignored bot click, goal, stop and entry, with why")
    p.add_argument("email", metavar="EMAIL")
    p.add_argument("--campaign", metavar="ID", help="only this campaign")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_explain)


def cmd_explain(args: argparse.Namespace, workspace: Workspace) -> int:
    paths = explain(workspace, args.email, args.campaign)
    if args.json:
        print_json({"contact": args.email.strip(), "campaigns": [p.to_json() for p in paths]})
        return 0
    if not paths:
        say(f"{args.email.strip()} has not taken part in "
            + (f"campaign '{args.campaign}'" if args.campaign else "any campaign") + " yet.")
        return 0
    for number, path in enumerate(paths):
        if number:
            say("")
        say(f"{path.name} ({path.campaign})")
        for step in path.steps:
            when = datetime.fromtimestamp(step.at, UTC).strftime("%d %b %H:%M:%S")
            say(f"  {when}  {step.why}")
    return 0

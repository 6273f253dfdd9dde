"""Commands on campaign drafts: import, export, list, validate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from canvas_app.cli.output import (
    print_json,
    refuse_workspace_files,
    say,
    write_text_atomically,
)
from canvas_app.domain.interchange import dumps, read_campaign_file
from canvas_app.domain.validation import errors, validate, warnings
from canvas_app.domain.words import count
from canvas_app.engine.versions import published_numbers
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import", help="add a campaign from a campaign file (prints its id)")
    p.add_argument("file", type=Path, help="a *.campaign.json file")
    p.add_argument("--into", metavar="ID", help="replace the draft of this existing campaign")
    p.set_defaults(handler=cmd_import, creates_workspace=True)

    p = sub.add_parser("export", help="write a campaign's draft as a campaign file")
    p.add_argument("campaign", metavar="ID")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="file to write (default: stdout)")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("list", help="list the campaigns with their state")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("validate", help="list a campaign's problems; exit 1 when any is an error")
    p.add_argument("campaign", metavar="ID")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_validate)


def cmd_import(args: argparse.Namespace, workspace: Workspace) -> int:
    campaign = read_campaign_file(args.file)
    store = CampaignStore(workspace)
    if args.into:
        campaign = store.replace_draft(args.into, campaign)
    else:
        store.add(campaign)
    say(campaign.id)
    return 0


def cmd_export(args: argparse.Namespace, workspace: Workspace) -> int:
    text = dumps(CampaignStore(workspace).load(args.campaign))
    if args.output is None:
        sys.stdout.write(text)
    else:
        refuse_workspace_files(args.output, workspace.path)
        write_text_atomically(args.output, text)
    return 0


def cmd_list(args: argparse.Namespace, workspace: Workspace) -> int:
    campaigns = CampaignStore(workspace).list()
    if args.json:
        numbers = published_numbers(workspace)
        print_json([{"id": c.id, "name": c.name, "state": c.state,
                     "published_version": numbers.get(c.id)} for c in campaigns])
        return 0
    if not campaigns:
        say("No campaigns yet. Add one with: import FILE")
        return 0
    width = max(len(c.id) for c in campaigns)
    for c in campaigns:
        say(f"{c.id:<{width}}  {c.state:<9}  {c.name}")
    return 0


def format_problem(severity: str, message: str, node: str | None) -> str:
    where = f" [{node}]" if node else ""
    return f"{severity}{where}: {message}"


def cmd_validate(args: argparse.Namespace, workspace: Workspace) -> int:
    problems = validate(CampaignStore(workspace).load(args.campaign))
    errs, warns = errors(problems), warnings(problems)
    if args.json:
        print_json({"errors": [p.to_json() for p in errs],
                    "warnings": [p.to_json() for p in warns]})
    else:
        for p in problems:
            say(format_problem(p.severity.value, p.message, p.node))
        say(f"{count(len(errs), 'error')}, {count(len(warns), 'warning')}"
            + ("; fix the errors before publishing" if errs else ""))
    return 1 if errs else 0

"""Commands that publish and run campaigns: publish, activate, pause, status."""

from __future__ import annotations

import argparse
import sys

from canvas_app.cli.campaign_commands import format_problem
from canvas_app.cli.output import fail, print_json, say
from canvas_app.engine import clock, lifecycle
from canvas_app.engine.publishing import publish
from canvas_app.engine.reports import status
from canvas_app.store.workspace import Workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("publish", help="validate and store a new published version")
    p.add_argument("campaign", metavar="ID")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--dry-run", action="store_true",
                   help="publish nothing; say what publishing would change for contacts")
    p.set_defaults(handler=cmd_publish)
    for name, handler, text in (("activate", cmd_activate, "start running the published version"),
                                ("pause", cmd_pause, "hold all sending and goals")):
        p = sub.add_parser(name, help=text)
        p.add_argument("campaign", metavar="ID")
        p.set_defaults(handler=handler)
    p = sub.add_parser("status", help="state, versions, unpublished changes, counts per node")
    p.add_argument("campaign", metavar="ID")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_status)


def cmd_publish(args: argparse.Namespace, workspace: Workspace) -> int:
    outcome = publish(workspace, args.campaign, dry_run=args.dry_run)
    if args.json:
        print_json(outcome.to_json())
        return 1 if outcome.blocked else 0
    if outcome.blocked:  # a refusal: why goes to stderr like every other refusal
        for p in outcome.problems:
            sys.stderr.write(format_problem(p.severity.value, p.message, p.node) + "\n")
        return fail("not published: fix the errors above first")
    for p in outcome.problems:
        say(format_problem(p.severity.value, p.message, p.node))
    if outcome.unchanged:
        say(f"Nothing to publish: the draft is the same as version {outcome.previous}.")
        return 0
    verb = "Would publish" if outcome.dry_run else "Published"
    since = f" (changes since version {outcome.previous}: {outcome.changes.summary()})" \
        if outcome.previous and outcome.changes else ""
    say(f"{verb} version {outcome.version}{since}.")
    if outcome.previous is not None:
        say("For contacts already in the campaign:")
        for line in outcome.contacts:
            say(f"  - {line}")
    return 0


def cmd_activate(args: argparse.Namespace, workspace: Workspace) -> int:
    say(lifecycle.activate(workspace, args.campaign))
    return 0


def cmd_pause(args: argparse.Namespace, workspace: Workspace) -> int:
    say(lifecycle.pause(workspace, args.campaign))
    return 0


def cmd_status(args: argparse.Namespace, workspace: Workspace) -> int:
    st = status(workspace, args.campaign)
    if args.json:
        print_json(st.to_json())
        return 0
    version = f"version {st.published_version}" if st.published_version else "never published"
    say(f"{st.name} ({st.campaign}): {st.state}, {version}")
    say(f"Unpublished changes: {st.changes_summary if st.unpublished_changes else 'none'}")
    say(f"Clock: {clock.format_time(st.clock) if st.clock else 'not started yet'}")
    for node_id, counts in st.nodes.items():
        figures = ", ".join(f"{n} {k}" for k, n in counts.items())
        say(f"  {st.node_names.get(node_id, node_id)} [{node_id}]: {figures}")
    return 0

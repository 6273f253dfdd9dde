"""The report command."""

from __future__ import annotations

import argparse
import sys

from canvas_app.cli.output import fail, print_json, say
from canvas_app.domain.words import count
from canvas_app.engine.bots import REASON_TEXT
from canvas_app.engine.demo import run_demo
from canvas_app.engine.reports import Report, report, report_csv
from canvas_app.store.workspace import Workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("report", help="sends, clicks per link (human/bot), goal completions")
    p.add_argument("campaign", metavar="ID")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--csv", action="store_true", help="print CSV")
    p.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace, workspace: Workspace) -> int:
    data = report(workspace, args.campaign)
    if args.json:
        print_json(data.to_json())
    elif args.csv:
        sys.stdout.write(report_csv(data))
    else:
        print_text(data)
    return 0


def print_text(data: Report) -> None:
    say(f"Report for {data.name} ({data.campaign})")
    say(f"  Emails sent: {data.sends}")
    say("  Clicks per link (human / bot):")
    width = max((len(data.link_label(k)) for k in data.links), default=10)
    for link_id, counts in data.links.items():
        name = data.link_label(link_id)
        say(f"    {name:<{width}}  {counts['human']:>6} / {counts['bot']:<6}")
    say(f"  Invisible honeypot link opened: {count(data.honeypot_hits, 'time')}, "
        f"in {count(data.scanned_sends, 'email')}")
    if data.bot_reasons:
        say("  Why clicks were judged bots:")
        for reason, n in sorted(data.bot_reasons.items(), key=lambda kv: -kv[1]):
            say(f"    {n:>6}  {REASON_TEXT.get(reason, reason)}")
    say("  Goals achieved:")
    for goal_id, counts in data.goals.items():
        rate = data.rate_text(goal_id)
        said = f" ({rate} who entered the sequences before it)" if rate != "—" else ""
        say(f"    {data.goal_names.get(goal_id, goal_id)}: {counts['achieved']}{said}")


def register_demo(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="headless end-to-end run of the demo campaign, printing its "
                                    "report")
    p.add_argument("--contacts", type=int, default=300, help="how many contacts (default 300)")
    p.set_defaults(handler=cmd_demo, needs_workspace=False)


def cmd_demo(args: argparse.Namespace, workspace: Workspace | None) -> int:
    if args.contacts < 1 or args.contacts > 20000:
        return fail("--contacts must be between 1 and 20000")
    say(f"Running the demo campaign with {args.contacts} contacts over 10 simulated days "
        "(in a scratch workspace; yours is not touched)...")
    result = run_demo(contacts=args.contacts)
    say(f"{result.scanned_contacts} of the contacts work at a company whose mail gateway opens "
        "every link of every email.\n")
    print_text(result.filtered)
    say("\nWhat the bot filter prevented (the same clicks, counted without it):")
    false_total = sum(result.unfiltered.achieved_by_bots.values())
    for goal_id, counts in result.filtered.goals.items():
        without = result.unfiltered.goals.get(goal_id, {"achieved": 0})["achieved"]
        by_bots = result.unfiltered.achieved_by_bots.get(goal_id, 0)
        name = result.filtered.goal_names.get(goal_id, goal_id)
        line = (f"  {name}: {counts['achieved']} with the filter; {without} without it, "
                f"{by_bots} of them triggered by a scanner's click")
        if counts["achieved"] > without:
            # First response wins: without the filter a scanner's click on another goal's
            # link got there first and stopped the sequence these people would have clicked in.
            line += (f". More with the filter: without it, a scanner's click reached another "
                     f"goal first and stopped the sequence before {counts['achieved'] - without} "
                     f"of these people clicked")
        say(line)
    say(f"Without the filter, {count(false_total, 'contact')} would have been moved on by a click "
        "their mail scanner made, and received emails about something they never did.")
    return 0

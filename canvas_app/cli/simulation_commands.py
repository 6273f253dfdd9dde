"""Commands that simulate contacts: contact add/import, enroll, advance, click, inbox."""

from __future__ import annotations

import argparse
from pathlib import Path

from canvas_app.cli.output import fail, print_json, say
from canvas_app.domain.words import count
from canvas_app.engine import clock, contacts
from canvas_app.engine.bots import REASON_TEXT
from canvas_app.engine.clicks import record_click
from canvas_app.engine.enrolment import enroll
from canvas_app.engine.reports import inbox
from canvas_app.engine.runner import advance
from canvas_app.store.workspace import Workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("contact", help="add contacts (email is the key)")
    contact = p.add_subparsers(dest="contact_command", metavar="ACTION", required=True)
    a = contact.add_parser("add", help="add a contact")
    a.add_argument("email")
    a.add_argument("--name", default="", help="the contact's full name")
    a.set_defaults(handler=cmd_contact_add, creates_workspace=True)
    i = contact.add_parser("import", help="add contacts from a CSV file with an 'email' column")
    i.add_argument("file", type=Path)
    i.set_defaults(handler=cmd_contact_import, creates_workspace=True)

    p = sub.add_parser("enroll", help="put contacts into a sequence of an active campaign")
    p.add_argument("campaign", metavar="ID")
    p.add_argument("sequence", metavar="SEQUENCE_ID")
    p.add_argument("emails", metavar="EMAIL", nargs="+")
    p.set_defaults(handler=cmd_enroll)

    p = sub.add_parser("advance", help="move the workspace clock (90s, 10m, 2h, 3d) and process "
                                       "all that falls due")
    p.add_argument("duration")
    p.set_defaults(handler=cmd_advance)

    p = sub.add_parser("inbox", help="emails sent to a contact")
    p.add_argument("email")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_inbox)

    p = sub.add_parser("click", help="record a click on a tracked URL, as the tracking server would")
    p.add_argument("url")
    p.add_argument("--user-agent", default="", metavar="UA")
    p.add_argument("--method", default="GET", choices=["GET", "HEAD"])
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_click)


def cmd_contact_add(args: argparse.Namespace, workspace: Workspace) -> int:
    _, created = contacts.add_contact(workspace, args.email, args.name)
    say(f"{'Added' if created else 'Already there (updated)'}: {contacts.normalise(args.email)}")
    return 0


def cmd_contact_import(args: argparse.Namespace, workspace: Workspace) -> int:
    result = contacts.import_csv(workspace, args.file)
    say(f"Imported {count(result.added, 'contact')}; {result.already_there} already there.")
    return 0


def cmd_enroll(args: argparse.Namespace, workspace: Workspace) -> int:
    result = enroll(workspace, args.campaign, args.sequence, args.emails)
    for address in result.enrolled:
        say(f"Enrolled {address} in {args.sequence}")
    for address in result.already_in:
        say(f"{address} is already in {args.sequence}")
    return 0


def cmd_advance(args: argparse.Namespace, workspace: Workspace) -> int:
    result = advance(workspace, clock.parse_duration(args.duration))
    say(f"Clock: {clock.format_time(result.reached)}; {count(result.sent, 'email')} sent, "
        f"{count(result.goals_achieved, 'goal')} achieved.")
    return 0


def cmd_inbox(args: argparse.Namespace, workspace: Workspace) -> int:
    mails = inbox(workspace, args.email)
    if args.json:
        print_json(mails)
        return 0
    if not mails:
        say(f"No emails sent to {args.email} yet.")
    for mail in mails:
        say(f"{mail['sent_at']}  {mail['subject']}  ({mail['campaign']} / {mail['sequence']})")
        for link_id, url in mail["links"].items():
            say(f"    {link_id}: {url}")
    return 0


def cmd_click(args: argparse.Namespace, workspace: Workspace) -> int:
    outcome = record_click(workspace, args.url, user_agent=args.user_agent, method=args.method)
    if args.json:
        print_json(outcome.to_json())
    elif not outcome.verified:
        pass
    elif not outcome.recorded:
        say(f"Not a click: {REASON_TEXT[outcome.reasons[0]]}.")
    else:
        kind = "bot" if outcome.bot else "human"
        why = "; ".join(REASON_TEXT.get(r, r) for r in outcome.reasons)
        say(f"Recorded a {kind} click on '{outcome.link or 'the invisible honeypot link'}'"
            + (f" ({why})" if why else "") + ".")
    if not outcome.verified:
        return fail("that link is not a valid tracked link of this workspace; nothing was recorded")
    return 0

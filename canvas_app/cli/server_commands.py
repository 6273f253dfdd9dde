"""Commands for live clicks: serve, write-email, settings."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path

from platformdirs import user_cache_path

from canvas_app.cli.output import (
    CommandError,
    fail,
    refuse_workspace_files,
    say,
    write_text_atomically,
)
from canvas_app.engine import settings as engine_settings
from canvas_app.engine.email_file import email_page
from canvas_app.engine.real_time import RealTimeClock
from canvas_app.engine.server import (
    LOOPBACK,
    TrackingServer,
    keep_start_up_objects,
    serve_until_stopped,
)
from canvas_app.engine.workshop import DEFAULT_MAX_PARTICIPANTS, Workshop
from canvas_app.engine.workshop_app import WorkshopServer, lan_address
from canvas_app.store.workspace import Workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="loopback click-tracking server (127.0.0.1 only), or a "
                       "workshop that participants join from their own browsers")
    p.add_argument("--port", type=int, help="port (default: the tracking_port setting)")
    p.add_argument("--real-time", action="store_true",
                   help="the workspace clock follows the wall clock while the server runs")
    p.add_argument("--workshop", metavar="CAMPAIGN_ID:SEQUENCE_ID",
                   help="workshop mode: prints 'join: URL' first; participants join that "
                        "sequence, read their inbox and click from their own browsers")
    p.add_argument("--lan", metavar="ADDRESS",
                   help="with --workshop: let devices on this network join, listening on this "
                        "one address of the computer (default: 127.0.0.1 only)")
    p.add_argument("--max-participants", type=int, metavar="N",
                   help=f"with --workshop: at most N participants (default "
                        f"{DEFAULT_MAX_PARTICIPANTS})")
    p.set_defaults(handler=cmd_serve)

    p = sub.add_parser("write-email", help="write a sent email as an HTML file for a browser")
    p.add_argument("email", help="the contact's address")
    p.add_argument("--send", type=int, metavar="ID", help="which email (default: the latest)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="file to write (default: email-<id>.html in your user cache folder, "
                        "not the current folder)")
    p.add_argument("--port", type=int, help="port of the running tracking server")
    p.set_defaults(handler=cmd_write_email)

    p = sub.add_parser("settings", help="show the engine's thresholds, or change one")
    p.add_argument("--set", metavar="KEY=VALUE", action="append", default=[],
                   help="change a setting (may be repeated)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_settings, creates_workspace=True)


def cmd_serve(args: argparse.Namespace, workspace: Workspace) -> int:
    port = args.port if args.port is not None else engine_settings.read(workspace).tracking_port
    if not 0 <= port <= 65535:
        return fail(f"--port {port} is not a port number (0-65535)")
    if args.workshop is not None:
        return _serve_workshop(args, workspace, port)
    if args.lan is not None or args.max_participants is not None:
        return _usage("--lan and --max-participants are for --workshop only")
    server = TrackingServer(workspace, port)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    real_time = None
    if args.real_time:
        real_time = RealTimeClock(workspace, on_error=lambda exc: server.log(f"clock: {exc}"))
    say(f"Tracking clicks on http://127.0.0.1:{server.port}/ for {workspace.name}"
        + (" (the clock follows real time)" if real_time else "")
        + ". Press Ctrl+C to stop.")
    sys.stdout.flush()
    keep_start_up_objects()
    serve_until_stopped(server, real_time, stop)
    say("Stopped. Every click received was saved.")
    return 0


def _usage(message: str) -> int:
    fail(message)
    return 2


def _serve_workshop(args: argparse.Namespace, workspace: Workspace, port: int) -> int:
    campaign_id, colon, sequence_id = str(args.workshop).partition(":")
    if not colon or not campaign_id.strip() or not sequence_id.strip():
        return _usage(f"--workshop {args.workshop!r} must be CAMPAIGN_ID:SEQUENCE_ID "
                      "(see the status command for the ids)")
    maximum = (args.max_participants if args.max_participants is not None
               else DEFAULT_MAX_PARTICIPANTS)
    if not 1 <= maximum <= 10_000:
        return fail(f"--max-participants {maximum} must be from 1 to 10000")
    host = lan_address(args.lan) if args.lan is not None else LOOPBACK
    workshop = Workshop(workspace, campaign_id.strip(), sequence_id.strip(), maximum)
    served = WorkshopServer(workshop, port, host, log=sys.stdout)
    say(f"join: {served.join_url}")
    sys.stdout.flush()
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    real_time = None
    if args.real_time:
        real_time = RealTimeClock(workspace,
                                  on_error=lambda exc: served.server.log(f"clock: {exc}"))
    served.server.log(f"workshop for '{workshop.campaign_name}', sequence "
                      f"'{workshop.sequence_name}', at most {maximum} participants"
                      + (" (the clock follows real time)" if real_time else "")
                      + "; press Ctrl+C to end it")
    keep_start_up_objects()
    served.start()
    if real_time is not None:
        real_time.start()
    try:
        stop.wait()
    finally:
        served.stop()
        if real_time is not None:
            real_time.stop()
    say("Workshop ended: its join code no longer works. Every click received was saved.")
    return 0


def _emails_folder() -> Path:
    """Where written emails go unless -o says otherwise: never the current folder."""
    folder = user_cache_path("campaign-canvas", appauthor=False) / "emails"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(f"cannot make the folder {folder} for written emails "
                           f"({exc.strerror}); choose a file with -o") from None
    return folder


def cmd_write_email(args: argparse.Namespace, workspace: Workspace) -> int:
    if args.port is not None and not 1 <= args.port <= 65535:
        return fail(f"--port {args.port} is not a port number (1-65535)")
    page, mail = email_page(workspace, args.email, args.send, args.port)
    path = args.output or _emails_folder() / f"email-{mail['send_id']}.html"
    refuse_workspace_files(path, workspace.path)
    write_text_atomically(path, page)
    say(str(path.resolve()))
    return 0


def cmd_settings(args: argparse.Namespace, workspace: Workspace) -> int:
    current = engine_settings.change(workspace, args.set)
    if args.json:
        say(json.dumps(current.to_json(), indent=2, ensure_ascii=False, allow_nan=False))
        return 0
    for name, value in current.to_json().items():
        say(f"{name:<26} {value!s:<8} {engine_settings.DESCRIPTIONS[name]}")
    return 0

"""A sent email as a standalone HTML page, for opening in a real browser: its tracked links
point at the running tracking server, so a click there lands in the workspace. The body goes
through the same sanitising policy as the editor's preview (no scripts, event handlers, remote
images or other URLs); only the tracked links keep their ``href``, and a Content-Security-Policy
forbids the page to load or run anything even so."""

from __future__ import annotations

import html
import re

from canvas_app.engine.errors import Refused
from canvas_app.engine.reports import inbox
from canvas_app.engine.sanitize import web_body
from canvas_app.engine.tokens import tracking_base
from canvas_app.store.workspace import Workspace

_TRACKED = re.compile(r"http://127\.0\.0\.1:\d+/t/")
_TRACKED_URL = re.compile(r"http://127\.0\.0\.1:\d+/t/[A-Za-z0-9._~-]+")
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; style-src 'unsafe-inline'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>{subject}</title>
<style>
 body {{ font: 16px/1.5 system-ui, sans-serif; background: #f3f4f6; margin: 0; padding: 2rem; }}
 .mail {{ max-width: 42rem; margin: auto; background: #fff; border-radius: 12px;
          box-shadow: 0 1px 4px rgba(0,0,0,.12); overflow: hidden; }}
 header {{ padding: 1rem 1.5rem; border-bottom: 1px solid #e5e7eb; color: #374151; }}
 header b {{ display: block; font-size: 1.2rem; color: #111827; }}
 main {{ padding: 1rem 1.5rem 1.5rem; }}
 a {{ color: #2563eb; }}
 main .preheader {{ display: none; }}
 .image {{ color: #5b6577; background: #eef2f7; border: 1px solid #cfd6e0; padding: 0 .3em; }}
</style></head>
<body><div class="mail"><header><b>{subject}</b>To: {to} &middot; sent {sent_at}</header>
<main>{body}</main></div></body></html>
"""


def email_page(workspace: Workspace, address: str, send_id: int | None = None,
               port: int | None = None) -> tuple[str, dict[str, object]]:
    """(page, the inbox entry) for the contact's latest email, or the send named."""
    mails = inbox(workspace, address)
    if not mails:
        raise Refused(f"no email has been sent to '{address}' yet")
    if send_id is None:
        mail = mails[-1]
    else:
        found = [m for m in mails if m["send_id"] == send_id]
        if not found:
            raise Refused(f"email {send_id} was not sent to '{address}'; "
                          "see the inbox command for the ids")
        mail = found[0]
    body = str(mail["html"])
    if port is not None:  # emails sent under another tracking_port point at the server too
        body = _TRACKED.sub(tracking_base(port), body)
    body = web_body(body, lambda url: _TRACKED_URL.fullmatch(url) is not None, "main")
    page = _PAGE.format(subject=html.escape(str(mail["subject"])), to=html.escape(address),
                        sent_at=html.escape(str(mail["sent_at"])), body=body)
    return page, mail

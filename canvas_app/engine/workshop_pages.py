"""The workshop's pages for participants' phones: plain HTML with one stylesheet, no script.
Everything echoed is escaped; email bodies go through the editor preview's sanitising policy
(images become placeholders) and keep only their tracked links."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from canvas_app.engine.sanitize import web_body

#: Seconds between the inbox page's refreshes.
REFRESH_SECONDS = 3
CSS_PATH = "/static/workshop.css"
CSS = """
*{box-sizing:border-box}
body{margin:0;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
 background:#eef1f6;color:#1f2937}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
.card{background:#fff;border-radius:14px;box-shadow:0 1px 4px rgba(0,0,0,.12);
 padding:1rem 1.1rem;margin:0 0 1rem}
label{display:block;font-weight:600;margin:.8rem 0 .3rem}
input[type=text],input[type=email]{width:100%;font-size:1.1rem;padding:.7rem;
 border:1px solid #9aa5b5;border-radius:10px}
button{width:100%;margin-top:1.2rem;font-size:1.15rem;padding:.8rem;border:0;border-radius:10px;
 background:#2563eb;color:#fff;font-weight:600}
.error{background:#fde8e8;color:#8a1c1c;border-radius:10px;padding:.7rem .9rem}
.note{color:#5b6577;font-size:.95rem}
.mail header{border-bottom:1px solid #e5e7eb;margin:-.2rem 0 .6rem;padding-bottom:.5rem}
.mail header b{display:block;font-size:1.1rem}
.mail a{color:inherit}
.mail a[href]{color:#2563eb;font-weight:600;word-break:break-word}
.image{color:#5b6577;background:#eef2f7;border:1px solid #cfd6e0;padding:0 .3em}
.new{border-left:6px solid #2563eb}
.mail-body .preheader{display:none}
"""
#: Inline styles are the email's own look, as the sanitiser keeps it (no URL in any of them).
CONTENT_SECURITY_POLICY = ("default-src 'none'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self'; "
                           "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
_TRACKED = re.compile(r"http://127\.0\.0\.1:\d+/t/")


def _page(title: str, body: str, refresh: bool = False) -> str:
    meta = (f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">' if refresh else "")
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<meta name=\"referrer\" content=\"no-referrer\">{meta}"
            f"<link rel=\"stylesheet\" href=\"{CSS_PATH}\"><title>{html.escape(title)}</title>"
            f"</head><body><main>{body}</main></body></html>")


def join_page(campaign: str, action: str, token: str, name: str = "", email: str = "",
              error: str = "") -> str:
    problem = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
    return _page(f"Join: {campaign}", (
        f"<h1>Join the workshop<br><small>{html.escape(campaign)}</small></h1>"
        f'<form class="card" method="post" action="{html.escape(action)}">{problem}'
        f'<input type="hidden" name="token" value="{html.escape(token)}">'
        '<label for="name">Your name</label>'
        f'<input id="name" name="name" type="text" maxlength="80" autocomplete="name" '
        f'value="{html.escape(name)}">'
        '<label for="email">An email address</label>'
        f'<input id="email" name="email" type="email" required maxlength="254" '
        f'autocomplete="email" value="{html.escape(email)}">'
        '<p class="note">Nothing is sent to this address: the emails appear on the next '
        "page, in this browser.</p>"
        '<button type="submit">Join</button></form>'))


def message_page(title: str, text: str) -> str:
    return _page(title, f'<h1>{html.escape(title)}</h1><p class="card">{html.escape(text)}</p>')


def email_html(body: str, base: str) -> str:
    """An email's body for the inbox: sanitised, its tracked links pointing at ``base``
    (this server's ``/t/``), every other URL dropped, images as placeholders."""
    body = _TRACKED.sub(base, body)
    return '<div class="mail-body">' + web_body(
        body, lambda url: url.startswith(base)
        and re.fullmatch(r"[A-Za-z0-9._~-]+", url[len(base):]) is not None, ".mail-body") + "</div>"


def _when(iso: str) -> str:
    """``2026-11-27T18:59:00Z`` as ``Fri 27 Nov, 18:59`` (the workspace clock's time)."""
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).strftime("%a %d %b, %H:%M")
    except ValueError:
        return iso


def inbox_page(name: str, campaign: str, mails: Sequence[dict[str, Any]], base: str) -> str:
    who = html.escape(name) if name else "you"
    if not mails:
        items = ('<p class="card">No email yet. This page refreshes itself: the first email '
                 "appears here when the campaign sends it.</p>")
    else:
        items = "".join(
            f'<article class="card mail{" new" if i == 0 else ""}"><header>'
            f'<b>{html.escape(str(m["subject"]))}</b>'
            f'<span class="note">sent {html.escape(_when(str(m["sent_at"])))}</span></header>'
            f'{email_html(str(m["html"]), base)}</article>' for i, m in enumerate(mails))
    return _page(f"Inbox: {campaign}",
                 f"<h1>Inbox of {who}<br><small>{html.escape(campaign)}</small></h1>{items}",
                 refresh=True)


def clicked_page(target: str) -> str:
    return _page("You clicked", (
        "<h1>You clicked the link</h1>"
        f'<p class="card">It leads to <b>{html.escape(target)}</b>, a page that does not '
        "exist in this workshop. Your click was recorded: watch the trainer's screen.</p>"))

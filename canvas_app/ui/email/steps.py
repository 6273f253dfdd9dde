"""How the sequence editor says each email's place in time: "Wait 2 days, then send 'Last
chance'"."""

from __future__ import annotations

from canvas_app.domain.model import Email
from canvas_app.domain.words import count
from canvas_app.ui.email.preview_html import fill_sample

UNITS = [("minutes", 1), ("hours", 60), ("days", 1440)]


def wait_words(minutes: int) -> str:
    if minutes == 0:
        return ""
    for unit, size in reversed(UNITS):
        if minutes % size == 0:
            n = minutes // size
            return count(n, unit[:-1], unit)
    return f"{minutes} minutes"


def step_text(index: int, email: Email) -> str:
    subject = fill_sample(email.subject) or "(no subject)"
    wait = wait_words(email.delay_minutes)
    if not wait:
        return f"Send right away: '{subject}'" if index == 0 else \
            f"Then at once, send '{subject}'"
    return f"Wait {wait}, then send '{subject}'"

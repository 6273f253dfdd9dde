"""A live workshop: people in the room join a campaign's sequence from their own browsers.

The workshop has a random join code (in the join URL and its QR code), a cap on participants,
and for each participant an unguessable key that opens their inbox and nobody else's. Joining
creates (or reuses) the contact and enrols it in the chosen sequence of the running campaign.
The trainer may turn on a simulated link scanner for the emails sent from then on, forget the
participants (their contacts, with everything recorded about them, in one transaction) and end
the workshop, after which its code opens nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from canvas_app.domain.vocabulary import CampaignState
from canvas_app.engine import contacts
from canvas_app.engine.enrolment import enroll
from canvas_app.engine.errors import Refused
from canvas_app.engine.reports import inbox
from canvas_app.engine.simulation import scanner_visit
from canvas_app.engine.versions import VersionCache
from canvas_app.store.campaigns import campaign_row
from canvas_app.store.orm_runtime import (
    AchievementRow,
    ClickRow,
    ContactRow,
    EventRow,
    MembershipRow,
    SendRow,
)
from canvas_app.store.workspace import Workspace
from canvas_app.store.workspace_file import FileWatch

DEFAULT_MAX_PARTICIPANTS = 60
#: Longest name a participant may give.
MAX_NAME = 80
NOT_STARTED = "The workshop has not started yet. Wait for the trainer, then try again."
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


#: Letters and digits nobody mistakes for one another when typing a code off a projector:
#: no o or 0, no i, l or 1, no u or v, and no 2, 5 or 8 beside z, s and b.
CODE_ALPHABET = "abcdefghjkmnpqrstwxyz34679"
CODE_LENGTH = 14  # 26 ** 14: about 66 bits, as many as the 12-character URL-safe code had


def join_code() -> str:
    """A workshop's random join code, in lower case, easy to read out and type."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@dataclass(frozen=True)
class Participant:
    key: str
    contact_id: int
    email: str
    name: str


class Workshop:
    """One workshop's state (kept in memory by the process that serves it)."""

    def __init__(self, workspace: Workspace, campaign_id: str, sequence_id: str,
                 max_participants: int = DEFAULT_MAX_PARTICIPANTS) -> None:
        if max_participants < 1:
            raise Refused(f"--max-participants {max_participants} must be at least 1")
        with workspace.reading() as session:
            row = campaign_row(session, campaign_id)
            latest = VersionCache(session).latest(campaign_id)
            if latest is None:
                raise Refused(f"'{row.name}' has never been published; publish and activate it "
                              "before the workshop", command=f"publish {campaign_id}",
                              menu="Campaign › Publish")
            number, version = latest
            sequence = next((s for s in version.sequences if s.id == sequence_id), None)
            if sequence is None:
                names = ", ".join(f"{s.id} ({s.name})" for s in version.sequences)
                raise Refused(f"version {number} of '{row.name}' has no sequence "
                              f"'{sequence_id}'; its sequences are: {names}")
            self.campaign_name = row.name
            self.sequence_name = sequence.name
        self.workspace = workspace
        self.campaign_id = campaign_id
        self.sequence_id = sequence_id
        self.max_participants = max_participants
        self.code = join_code()
        self.open = True
        self.scanner = False
        self._secret = secrets.token_bytes(32)
        self._lock = threading.Lock()
        self._by_key: dict[str, Participant] = {}
        self._created: set[int] = set()  # contacts the workshop made (forgotten with it)
        self._seen_send = self._last_send_id()
        self._file = FileWatch(workspace.path)  # the workspace file served

    # -- the public side -------------------------------------------------------------------

    def code_matches(self, code: str) -> bool:
        """Typed codes are forgiven their case (a phone capitalises the first letter)."""
        return self.open and hmac.compare_digest(code.strip().lower().encode(),
                                                 self.code.encode())

    def form_token(self, browser: str) -> str:
        """The anti-forgery token of the join form for a browser's cookie value."""
        return hmac.new(self._secret, f"join:{self.code}:{browser}".encode(),
                        hashlib.sha256).hexdigest()

    def token_matches(self, browser: str, token: str) -> bool:
        return bool(browser) and hmac.compare_digest(self.form_token(browser).encode(),
                                                     token.encode())

    def join(self, name: str, address: str) -> Participant:
        """Adds a participant; Refused (with a sentence for the join page) otherwise."""
        name = _CONTROL.sub("", name).strip()
        if len(name) > MAX_NAME:
            raise Refused(f"The name is longer than {MAX_NAME} characters.")
        problem = contacts.email_problem(address)
        if problem:
            raise Refused(problem[0].upper() + problem[1:] + ".")
        if not self.open:
            raise Refused("This workshop has ended.")
        if self._file.gone():  # the participant would be written into the deleted file
            raise Refused("The workshop cannot take anyone just now: its workspace file was "
                          "moved or deleted. Please tell the trainer.")
        with self.workspace.reading() as session:
            if campaign_row(session, self.campaign_id).state != CampaignState.ACTIVE:
                raise Refused(NOT_STARTED)
        with self._lock:
            key_address = contacts.normalise(address).lower()
            known = {p.contact_id for p in self._by_key.values()}
            again = any(p.email.lower() == key_address for p in self._by_key.values())
            if not again and len(known) >= self.max_participants:
                raise Refused(f"The workshop is full ({self.max_participants} participants).")
            contact_id, created = contacts.add_contact(self.workspace, address, name)
            try:
                enroll(self.workspace, self.campaign_id, self.sequence_id, [address])
            except Refused:
                raise Refused(NOT_STARTED) from None
            if created:
                self._created.add(contact_id)
            participant = Participant(secrets.token_urlsafe(24), contact_id,
                                      contacts.normalise(address), name)
            self._by_key[participant.key] = participant
            return participant

    def participant(self, key: str) -> Participant | None:
        if not self.open:
            return None
        with self._lock:
            return self._by_key.get(key)

    def inbox(self, participant: Participant) -> list[dict[str, Any]]:
        """The participant's emails of this campaign, newest first."""
        mails = inbox(self.workspace, participant.email)
        return [m for m in reversed(mails) if m["campaign"] == self.campaign_id]

    # -- the trainer's side ----------------------------------------------------------------

    @property
    def participant_count(self) -> int:
        with self._lock:
            return len({p.contact_id for p in self._by_key.values()})

    def forget(self) -> int:
        """Removes the participants: the contacts the workshop created, with their sends,
        clicks, goals, memberships and log lines, in one transaction; contacts that existed
        before only leave the workshop. Returns how many participants there were."""
        with self._lock:
            count = len({p.contact_id for p in self._by_key.values()})
            ids = sorted(self._created)
            with self.workspace.transaction() as session:
                sends = select(SendRow.id).where(SendRow.contact_id.in_(ids))
                session.execute(delete(ClickRow).where(ClickRow.send_id.in_(sends)))
                for table in (AchievementRow, SendRow, MembershipRow):
                    session.execute(delete(table).where(table.contact_id.in_(ids)))
                session.execute(delete(EventRow).where(EventRow.contact_id.in_(ids)))
                session.execute(delete(ContactRow).where(ContactRow.id.in_(ids)))
            self._by_key.clear()
            self._created.clear()
            return count

    def end(self) -> None:
        """The code stops working; nobody can join or open an inbox any more."""
        self.open = False

    def scan_new_sends(self) -> int:
        """With the scanner on, every email sent to a participant since the last call is
        opened by a simulated mail scanner (its clicks are recorded and judged as bots).
        Returns how many emails were scanned."""
        newest = self._last_send_id()
        with self._lock:
            people = {p.contact_id: p.email for p in self._by_key.values()}
        if not self.scanner or not people:
            self._seen_send = newest
            return 0
        with self.workspace.reading() as session:
            sends = list(session.execute(
                select(SendRow.id, SendRow.contact_id)
                .where(SendRow.id > self._seen_send, SendRow.id <= newest,
                       SendRow.campaign_id == self.campaign_id,
                       SendRow.contact_id.in_(list(people)))))
        self._seen_send = newest
        for send_id, contact_id in sends:
            scanner_visit(self.workspace, people[contact_id], send_id)
        return len(sends)

    def _last_send_id(self) -> int:
        with self.workspace.reading() as session:
            return session.scalar(select(SendRow.id).order_by(SendRow.id.desc()).limit(1)) or 0

"""What changed between two campaign versions, in words a user understands.

Positions on the canvas are not changes: they mean nothing to contacts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from canvas_app.domain.model import Campaign, Email, Sequence
from canvas_app.domain.words import count


@dataclass(frozen=True)
class EmailRef:
    sequence_id: str
    email_id: str
    subject: str
    index: int  # position in its sequence, in the version it is described from


@dataclass
class Changes:
    sequences_added: list[str] = field(default_factory=list)
    sequences_removed: list[str] = field(default_factory=list)
    sequences_renamed: list[str] = field(default_factory=list)
    emails_added: list[EmailRef] = field(default_factory=list)  # refs into the new version
    emails_edited: list[EmailRef] = field(default_factory=list)  # refs into the old version
    emails_removed: list[EmailRef] = field(default_factory=list)  # refs into the old version
    emails_moved: list[str] = field(default_factory=list)  # sequences whose emails were reordered
    goals_added: list[str] = field(default_factory=list)
    goals_removed: list[str] = field(default_factory=list)
    goals_renamed: list[str] = field(default_factory=list)
    goal_links_changed: list[str] = field(default_factory=list)
    edges_added: int = 0
    edges_removed: int = 0
    settings_changed: bool = False
    name_changed: bool = False

    @property
    def any(self) -> bool:
        return bool(self.summary_parts())

    def summary_parts(self) -> list[str]:
        goals_changed = len(set(self.goals_renamed) | set(self.goal_links_changed))
        sequences_changed = len(set(self.sequences_renamed) | set(self.emails_moved))
        counts = [
            (len(self.sequences_added), "sequence added", "sequences added"),
            (len(self.sequences_removed), "sequence removed", "sequences removed"),
            (sequences_changed, "sequence changed", "sequences changed"),
            (len(self.emails_added), "email added", "emails added"),
            (len(self.emails_edited), "email edited", "emails edited"),
            (len(self.emails_removed), "email removed", "emails removed"),
            (len(self.goals_added), "goal added", "goals added"),
            (len(self.goals_removed), "goal removed", "goals removed"),
            (goals_changed, "goal changed", "goals changed"),
            (self.edges_added + self.edges_removed, "connection changed", "connections changed"),
            (int(self.settings_changed), "setting changed", "settings changed"),
            (int(self.name_changed), "campaign renamed", "campaign renamed"),
        ]
        return [count(n, one, many) for n, one, many in counts if n]

    def summary(self) -> str:
        return ", ".join(self.summary_parts()) or "no changes"


def _email_content(email: Email) -> tuple[object, ...]:
    return (email.delay_minutes, email.subject, email.body_html,
            [(k.id, k.kind, k.text, k.target) for k in email.links])


def _refs(sequence: Sequence) -> dict[str, EmailRef]:
    return {e.id: EmailRef(sequence.id, e.id, e.subject, i) for i, e in enumerate(sequence.emails)}


def compare(old: Campaign, new: Campaign) -> Changes:
    changes = Changes()
    _compare_sequences(changes, old, new)
    _compare_goals(changes, old, new)
    old_edges, new_edges = set(old.edges), set(new.edges)
    changes.edges_added = len(new_edges - old_edges)
    changes.edges_removed = len(old_edges - new_edges)
    changes.settings_changed = old.settings.bot_policy != new.settings.bot_policy
    changes.name_changed = old.name != new.name
    return changes


def _compare_sequences(changes: Changes, old: Campaign, new: Campaign) -> None:
    old_seqs = {s.id: s for s in old.sequences}
    new_seqs = {s.id: s for s in new.sequences}
    changes.sequences_added = [s for s in new_seqs if s not in old_seqs]
    changes.sequences_removed = [s for s in old_seqs if s not in new_seqs]
    old_emails = {e.id: (s, e) for s, e in old.all_emails()}
    new_emails = {e.id: (s, e) for s, e in new.all_emails()}
    for seq_id, seq in old_seqs.items():
        refs = _refs(seq)
        for email in seq.emails:
            now = new_emails.get(email.id)
            if now is None or now[0].id != seq_id:
                if seq_id in new_seqs:
                    changes.emails_removed.append(refs[email.id])
            elif _email_content(now[1]) != _email_content(email):
                changes.emails_edited.append(refs[email.id])
        if seq_id in new_seqs:
            if new_seqs[seq_id].name != seq.name:
                changes.sequences_renamed.append(seq_id)
            kept_old = [e.id for e in seq.emails if e.id in {x.id for x in new_seqs[seq_id].emails}]
            kept_new = [e.id for e in new_seqs[seq_id].emails if e.id in set(kept_old)]
            if kept_old != kept_new:
                changes.emails_moved.append(seq_id)
    changes.emails_added = _emails_added(old_seqs, new_seqs, old_emails)


def _emails_added(old_seqs: dict[str, Sequence], new_seqs: dict[str, Sequence],
                  old_emails: dict[str, tuple[Sequence, Email]]) -> list[EmailRef]:
    """Emails new to a sequence that was there before (a new sequence counts as one change)."""
    added: list[EmailRef] = []
    for seq_id, seq in new_seqs.items():
        if seq_id not in old_seqs:
            continue
        refs = _refs(seq)
        for email in seq.emails:
            before = old_emails.get(email.id)
            if before is None or before[0].id != seq_id:
                added.append(refs[email.id])
    return added


def _compare_goals(changes: Changes, old: Campaign, new: Campaign) -> None:
    old_goals = {g.id: g for g in old.goals}
    new_goals = {g.id: g for g in new.goals}
    changes.goals_added = [g for g in new_goals if g not in old_goals]
    changes.goals_removed = [g for g in old_goals if g not in new_goals]
    for goal_id, goal in new_goals.items():
        previous = old_goals.get(goal_id)
        if previous is None:
            continue
        if previous.name != goal.name:
            changes.goals_renamed.append(goal_id)
        if set(previous.links) != set(goal.links):
            changes.goal_links_changed.append(goal_id)

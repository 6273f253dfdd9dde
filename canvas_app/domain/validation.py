"""The checks publishing runs: errors block a publish, warnings do not.

Every problem has a stable code, a message a non-programmer understands and the node it
concerns (None for the campaign as a whole).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from canvas_app.domain.anchors import anchor_problems
from canvas_app.domain.links import KIND_LABELS, target_problem, why_cannot_qualify
from canvas_app.domain.model import Campaign, Goal, Sequence


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Code(StrEnum):
    # errors
    GOAL_NO_LINKS = "goal_no_links"
    GOAL_NO_UPSTREAM = "goal_no_upstream"
    GOAL_LINK_MISSING = "goal_link_missing"
    GOAL_LINK_NOT_UPSTREAM = "goal_link_not_upstream"
    GOAL_LINK_CANNOT_QUALIFY = "goal_link_cannot_qualify"
    EMAIL_NO_SUBJECT = "email_no_subject"
    EMAIL_NO_BODY = "email_no_body"
    EMAIL_ANCHORS = "email_anchor_mismatch"
    LINK_BAD_TARGET = "link_bad_target"
    # warnings
    SEQUENCE_NO_GOAL = "sequence_no_goal"
    EMAILS_NO_DELAY = "emails_no_delay"
    NODE_UNCONNECTED = "node_unconnected"


@dataclass(frozen=True)
class Problem:
    code: Code
    severity: Severity
    message: str
    node: str | None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self) -> dict[str, str | None]:
        return {"code": self.code.value, "message": self.message, "node": self.node}


def validate(campaign: Campaign) -> list[Problem]:
    """All problems of the campaign: errors first, each group in campaign order."""
    problems: list[Problem] = []
    for sequence in campaign.sequences:
        problems.extend(_sequence_problems(sequence))
    for goal in campaign.goals:
        problems.extend(_goal_problems(campaign, goal))
    problems.extend(_structure_warnings(campaign))
    return sorted(problems, key=lambda p: p.severity is not Severity.ERROR)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]


def _err(code: Code, message: str, node: str | None) -> Problem:
    return Problem(code, Severity.ERROR, message, node)


def _warn(code: Code, message: str, node: str | None) -> Problem:
    return Problem(code, Severity.WARNING, message, node)


def _email_label(position: int, subject: str) -> str:
    return f"email {position} ('{subject}')" if subject.strip() else f"email {position}"


def _sequence_problems(sequence: Sequence) -> list[Problem]:
    found: list[Problem] = []
    where = f"In sequence '{sequence.name}'"
    for number, email in enumerate(sequence.emails, start=1):
        label = _email_label(number, email.subject)
        if not email.subject.strip():
            found.append(_err(Code.EMAIL_NO_SUBJECT,
                              f"{where}, {label} has no subject. Give it one before publishing.",
                              sequence.id))
        if not email.body_html.strip():
            found.append(_err(Code.EMAIL_NO_BODY,
                              f"{where}, {label} has no text. Write its message before publishing.",
                              sequence.id))
        for link in email.links:
            problem = target_problem(link.target)
            if problem:
                found.append(_err(Code.LINK_BAD_TARGET,
                                  f"{where}, the link '{link.text}' in {label} cannot be sent: "
                                  f"{problem}.", sequence.id))
        for mismatch in anchor_problems(email.body_html, [link.id for link in email.links]):
            found.append(_err(Code.EMAIL_ANCHORS,
                              f"{where}, {label}: {mismatch}.", sequence.id))
        if number > 1 and email.delay_minutes == 0:
            found.append(_warn(Code.EMAILS_NO_DELAY,
                               f"{where}, {label} is sent at the same moment as the email before "
                               "it. Add a wait between them so they do not arrive together.",
                               sequence.id))
    return found


def _goal_problems(campaign: Campaign, goal: Goal) -> list[Problem]:
    found: list[Problem] = []
    name = f"Goal '{goal.name}'"
    upstream = campaign.upstream_sequences(goal.id)
    if not upstream:
        found.append(_err(Code.GOAL_NO_UPSTREAM,
                          f"{name} has no sequence connected before it. Connect a sequence whose "
                          "emails contain the links for this goal.", goal.id))
    if not goal.links:
        found.append(_err(Code.GOAL_NO_LINKS,
                          f"{name} has no links chosen, so nobody can ever achieve it. "
                          "Double-click it and choose the links that satisfy it.", goal.id))
    upstream_ids = {s.id for s in upstream}
    missing = sum(1 for link_id in goal.links if campaign.find_link(link_id) is None)
    if missing:  # one line however many: the same words twice read as a glitch
        what, them = (("a link that no longer exists", "it") if missing == 1 else
                      (f"{missing} links that no longer exist", "them"))
        found.append(_err(Code.GOAL_LINK_MISSING,
                          f"{name} uses {what} (an email or sequence may have been removed). "
                          f"Open the goal and remove {them} from the choice.", goal.id))
    for link_id in goal.links:
        located = campaign.find_link(link_id)
        if located is None:
            continue
        sequence, _email, link = located
        if sequence.id not in upstream_ids:
            found.append(_err(Code.GOAL_LINK_NOT_UPSTREAM,
                              f"{name} uses the link '{link.text}' from sequence "
                              f"'{sequence.name}', which is not connected before this goal. "
                              "Connect that sequence to the goal or remove the link from the "
                              "choice.", goal.id))
        elif not link.can_qualify:
            found.append(_err(Code.GOAL_LINK_CANNOT_QUALIFY,
                              f"{name} uses the link '{link.text}', a "
                              f"{KIND_LABELS[link.effective_kind].lower()} link. "
                              f"{why_cannot_qualify(link.effective_kind)}", goal.id))
    return found


def _structure_warnings(campaign: Campaign) -> list[Problem]:
    found: list[Problem] = []
    connected = {e.source for e in campaign.edges} | {e.target for e in campaign.edges}
    for node in campaign.nodes:
        kind = "Sequence" if isinstance(node, Sequence) else "Goal"
        if node.id not in connected:
            found.append(_warn(Code.NODE_UNCONNECTED,
                               f"{kind} '{node.name}' is not connected to anything.", node.id))
        elif isinstance(node, Sequence) and not campaign.goals_after(node.id):
            found.append(_warn(Code.SEQUENCE_NO_GOAL,
                               f"Sequence '{node.name}' has no goal after it, so contacts who "
                               "finish it stay there.", node.id))
    return found

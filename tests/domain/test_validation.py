"""Every validation code, each triggered on its own and naming its node."""

from pathlib import Path

from canvas_app.domain.links import LinkKind
from canvas_app.domain.model import Campaign, Edge, Goal, Sequence
from canvas_app.domain.validation import Code, Severity, errors, validate
from tests.factories import email, funnel, link


def codes(campaign: Campaign) -> dict[Code, set[str | None]]:
    found: dict[Code, set[str | None]] = {}
    for problem in validate(campaign):
        found.setdefault(problem.code, set()).add(problem.node)
    return found


def test_the_funnel_has_no_errors() -> None:
    assert errors(validate(funnel())) == []


def test_goal_without_links() -> None:
    c = funnel()
    c.set_goal_links("downloaded", [])
    assert codes(c)[Code.GOAL_NO_LINKS] == {"downloaded"}


def test_goal_without_upstream_sequence() -> None:
    c = funnel()
    c.disconnect("welcome", "downloaded")
    found = codes(c)
    assert found[Code.GOAL_NO_UPSTREAM] == {"downloaded"}
    assert found[Code.GOAL_LINK_NOT_UPSTREAM] == {"downloaded"}


def test_chosen_link_that_no_longer_exists() -> None:
    c = funnel()
    c.set_sequence_emails("welcome", [email("welcome-1", [link("other")])])
    assert codes(c)[Code.GOAL_LINK_MISSING] == {"downloaded"}


def test_chosen_link_that_cannot_qualify() -> None:
    c = funnel()
    c.set_goal_links("downloaded", ["call"])
    problem = next(p for p in validate(c) if p.code is Code.GOAL_LINK_CANNOT_QUALIFY)
    assert problem.node == "downloaded" and "Phone number" in problem.message


def test_declared_url_with_tel_target_cannot_qualify() -> None:
    c = funnel()
    c.set_sequence_emails("welcome", [email("welcome-1", [link("dl", LinkKind.URL, "tel:+1555")])])
    assert Code.GOAL_LINK_CANNOT_QUALIFY in codes(c)


def test_email_without_subject_or_body_and_bad_target() -> None:
    c = funnel()
    bad = email("welcome-1", [link("dl", LinkKind.FILE_DOWNLOAD, "javascript:alert(1)")])
    bad.subject = " "
    empty = email("welcome-2", [], delay=10)
    empty.body_html = ""
    c.set_sequence_emails("welcome", [bad, empty])
    found = codes(c)
    assert found[Code.EMAIL_NO_SUBJECT] == {"welcome"}
    assert found[Code.EMAIL_NO_BODY] == {"welcome"}
    assert found[Code.LINK_BAD_TARGET] == {"welcome"}


def test_anchor_mismatch_is_an_error() -> None:
    c = funnel()
    broken = email("welcome-1", [link("dl", LinkKind.FILE_DOWNLOAD)])
    broken.body_html = "<p>no anchors</p>"
    c.set_sequence_emails("welcome", [broken])
    assert codes(c)[Code.EMAIL_ANCHORS] == {"welcome"}


def test_warnings_do_not_block() -> None:
    c = funnel()
    c.set_sequence_emails("thanks", [email("t1", [link("a")], 60), email("t2", [link("b")], 0)])
    c.add_node(Goal("lonely", "Lonely goal", links=["a"]))
    problems = validate(c)
    found = codes(c)
    assert found[Code.EMAILS_NO_DELAY] == {"thanks"}
    assert found[Code.SEQUENCE_NO_GOAL] == {"thanks"}
    assert found[Code.NODE_UNCONNECTED] == {"lonely"}
    assert {p.severity for p in problems if p.code in (Code.EMAILS_NO_DELAY, Code.SEQUENCE_NO_GOAL,
                                                      Code.NODE_UNCONNECTED)} == {Severity.WARNING}
    assert errors(problems)[0].code is Code.GOAL_NO_UPSTREAM  # errors come first


def test_every_code_is_exercised_by_this_file() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    assert all(f"Code.{code.name}" in source for code in Code)


def test_messages_speak_to_people_not_programmers() -> None:
    c = Campaign("c", "C", sequences=[Sequence("s", "Newsletter", emails=[])],
                 goals=[Goal("g", "Clicked", links=[])], edges=[Edge("s", "g")])
    for problem in validate(c):
        assert problem.message[0].isupper() and problem.message.endswith(".")
        assert "None" not in problem.message and "_" not in problem.message.split("'")[0]


def test_several_vanished_links_are_one_problem_that_counts_them() -> None:
    c = funnel()
    c.set_goal_links("downloaded", ["dl", "gone-1", "gone-2"])
    missing = [p for p in validate(c) if p.code is Code.GOAL_LINK_MISSING]
    assert len(missing) == 1  # before: the same sentence twice in the Problems panel
    assert "2 links that no longer exist" in missing[0].message

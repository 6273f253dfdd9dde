import pytest

from canvas_app.domain.links import (
    QUALIFYING_KINDS,
    LinkKind,
    can_qualify,
    effective_kind,
    target_problem,
    why_cannot_qualify,
)


def test_exactly_four_kinds_can_satisfy_a_link_goal() -> None:
    assert {LinkKind.URL, LinkKind.FILE_DOWNLOAD, LinkKind.WEB_FORM,
                                LinkKind.ORDER_FORM} == QUALIFYING_KINDS
    for kind in (LinkKind.PHONE, LinkKind.EMAIL_ADDRESS, LinkKind.LANDING_PAGE):
        assert not can_qualify(kind)
        reason = why_cannot_qualify(kind)
        assert "File download" in reason and "Order form" in reason


def test_tel_and_mailto_override_the_declared_kind() -> None:
    assert effective_kind(LinkKind.URL, "tel:+1555") is LinkKind.PHONE
    assert effective_kind(LinkKind.FILE_DOWNLOAD, "MAILTO:a@b.example") is LinkKind.EMAIL_ADDRESS
    assert effective_kind(LinkKind.WEB_FORM, "https://x.example") is LinkKind.WEB_FORM


@pytest.mark.parametrize("target", [
    "https://example.com/a?b=c", "http://shop.example", "tel:+1 (555) 010-0", "mailto:hi@x.example",
])
def test_acceptable_targets(target: str) -> None:
    assert target_problem(target) is None


@pytest.mark.parametrize(("target", "says"), [
    ("javascript:alert(1)", "'javascript:' links are not allowed"),
    ("data:text/html,hi", "'data:' links are not allowed"),
    ("file:///etc/passwd", "'file:' links are not allowed"),
    ("example.com/page", "not a full address"),
    ("https://", "no site name"),
    ("", "no target"),
    ("tel:call-me", "not a phone number"),
    ("mailto:nobody", "not an email address"),
])
def test_rejected_targets_say_why(target: str, says: str) -> None:
    assert says in (target_problem(target) or "")

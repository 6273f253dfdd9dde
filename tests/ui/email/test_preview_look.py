"""The preview's HTML: merge tags it cannot fill stay visible, a link keeps the email's own
look under its goal-setup state, and each image is a sized placeholder the preview draws."""

from __future__ import annotations

from canvas_app.domain.links import LinkKind
from canvas_app.ui.email.preview_html import LinkState, placeholder_of, preview
from canvas_app.ui.email.safe_preview import SafePreview
from canvas_app.ui.style.theme import current_theme
from tests.factories import email, link
from tests.ui.email.test_real_templates import click_link


def test_unknown_merge_tags_show_as_tokens_never_blank() -> None:
    mail = email("m", [])
    mail.body_html = ("<p>Hi {{first_name}}, {{plan_name}} {{coupon|SAVE10}} *|MC:SUBJECT|* "
                      "~Contact.Company~</p>")
    shown = preview(mail, lambda _link: LinkState.PLAIN)
    assert "Hi Alex," in shown and "SAVE10" in shown
    for token in ("{{plan_name}}", "*|MC:SUBJECT|*", "~Contact.Company~"):
        assert f">{token}</span>" in shown, token


def test_a_button_link_keeps_its_look_and_shows_its_state() -> None:
    mail = email("m", [link("buy"), link("call", LinkKind.PHONE, "tel:+1555")])
    mail.body_html = ('<p><a data-link="buy" style="background-color:#22bc66;color:#ffffff">'
                      'Buy</a> <a data-link="call" style="color:#ffffff">Call</a></p>')
    shown = preview(mail, lambda k: LinkState.CAN_CHOOSE if k.id == "buy" else LinkState.CANNOT)
    assert 'style="background-color:#22bc66;color:#ffffff;text-decoration:underline"' in shown
    greyed = current_theme().link_cannot.name()
    assert f'style="color:#ffffff;color:{greyed};' in shown  # greyed over its own colour
    assert ">⊘\xa0Call</a>" in shown  # and marked, not greyed alone


def test_an_image_link_is_a_clickable_placeholder_of_the_image_size(qtbot) -> None:  # type: ignore[no-untyped-def]
    mail = email("m", [link("shop")])
    mail.body_html = ('<p><a data-link="shop"><img src="https://x.example/b.png" width="300" '
                      'height="90" title="Our shop"></a></p>')
    shown = preview(mail, lambda _link: LinkState.CAN_CHOOSE)
    assert '<a href="cc-link:shop"' in shown and "x.example" not in shown
    view = SafePreview()
    qtbot.addWidget(view)
    view.setHtml(shown)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # painted
    assert view.refused == [] and [placeholder_of(n) for n in view.placeholders] == [
        (300, 90, "image")]
    clicked: list[str] = []
    view.anchorClicked.connect(lambda url: clicked.append(url.toString()))
    click_link(view, "shop")  # on the picture itself
    assert clicked == ["cc-link:shop"]


def test_on_a_dark_palette_a_designed_email_keeps_its_white_paper() -> None:
    designed = email("m", [link("buy")])
    designed.body_html = '<table bgcolor="#ffffff"><tr><td><a data-link="buy">Buy</a></td></tr></table>'
    shown = preview(designed, lambda _link: LinkState.CAN_CHOOSE, dark=True)
    assert 'bgcolor="#ffffff"><tr><td style="color:#1f2328">' in shown
    assert "#84adff" not in shown  # the light theme's link colour, readable on white
    plain = email("p", [link("buy")])
    plain.body_html = '<p>Hi, <a data-link="buy">buy</a></p>'
    shown = preview(plain, lambda _link: LinkState.CAN_CHOOSE, dark=True)
    assert "#84adff" in shown and "#1f2328" not in shown  # a plain email follows the theme

"""Which bodies the email editor can change without losing anything of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from canvas_app.engine.html_import import import_html
from canvas_app.engine.simple_body import written_here

TEMPLATES = Path(__file__).resolve().parents[1] / "fixtures" / "templates"


@pytest.mark.parametrize("body", [
    "<p>Hi {{first_name}},</p>",
    '<p>Get the <a data-link="dl">guide</a><br>and <b>read</b> <i>it</i> <u>now</u></p>',
    "<ul><li>one</li></ul><ol><li>two</li></ol><p><strong>x</strong> <em>y</em></p>",
    "plain words",
])
def test_what_the_editor_writes_is_simple(body: str) -> None:
    assert written_here(body)


@pytest.mark.parametrize("body", [
    "<table><tr><td>cell</td></tr></table>",
    '<p style="color:red">red</p>',
    '<p class="lead">lead</p>',
    "<h1>Title</h1>",
    '<img alt="logo" src="logo.png">',
    '<a href="https://example.com">a link nobody declared</a>',
    "<p>x</p><!-- a note -->",
    "<div>block</div>",
])
def test_a_body_with_its_own_layout_is_not(body: str) -> None:
    assert not written_here(body)


def test_every_real_template_keeps_its_own_layout() -> None:
    files = sorted(TEMPLATES.glob("*/*.html"))
    assert files
    for path in files:
        assert not written_here(import_html(path.read_text('utf-8')).body_html), path.name

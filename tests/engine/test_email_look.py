"""The sanitising policy keeps an email's harmless look and nothing that could fetch or run:
inline styles and presentational attributes from allow-lists, ``<style>`` rules of simple
selectors, never a URL; what the email hides stays hidden; the web pages get the same."""

from __future__ import annotations

import re

import pytest

from canvas_app.engine.presentation import style_sheet
from canvas_app.engine.sanitize import image_box, sanitize, web_body
from canvas_app.engine.workshop_pages import email_html


def test_inline_styles_and_table_attributes_are_kept_without_any_url() -> None:
    clean = sanitize(
        '<table width="600" bgcolor="#F5F5F5" cellpadding="4" cellspacing="0" border="0" '
        'align="center" background="https://evil.example/bg.png"><tr>'
        '<td valign="top" height="40" style="color:#333;padding:10px 20px;'
        'background:url(https://evil.example/a.png);background-color:#fff;'
        'behavior:url(x.htc);width:expression(alert(1));position:fixed;'
        'font-family:\'Helvetica Neue\', Arial">x</td></tr></table>')
    assert ('<table width="600" bgcolor="#F5F5F5" cellpadding="4" cellspacing="0" border="0" '
            'align="center">') in clean
    assert 'valign="top"' in clean and 'height="40"' in clean
    assert ('style="color:#333;padding:10px 20px;background-color:#fff;'
            "font-family:'Helvetica Neue', Arial\"") in clean
    for bad in ("url", "evil", "expression", "behavior", "position", "background="):
        assert bad not in clean, bad


@pytest.mark.parametrize("value", ['javascript:alert(1)', '100" onload="x', "1e9", "50vw",
                                   "red;x"])
def test_a_presentational_attribute_keeps_plain_values_only(value: str) -> None:
    clean = sanitize(f"<td width='{value}' bgcolor='{value}' align='{value}'>x</td>")
    assert "width" not in clean and "bgcolor" not in clean and "align" not in clean


def test_style_rules_keep_simple_selectors_and_allowed_properties_only() -> None:
    sheet = style_sheet(
        "<style>@import url(https://evil.example/x.css); @charset 'x';"
        "/* c */ body { background-color: #eee; margin: 0 } .btn a, td.x > p { color: red; "
        "background-image: url(https://evil.example/b.png) } "
        "@media only screen and (max-width: 600px) { .col { width: 100% !important } } "
        "@font-face { font-family: X; src: url(https://evil.example/f.woff) } "
        "a:hover { color: blue } [href^=http] { color: red } .b a:link { color: white } "
        "p { color: red } </style><script>alert(1)</script><style>"
        "x { color: red</style><script>bad()</script>}</style>")
    assert sheet.splitlines() == ["body { background-color: #eee; margin: 0 }",
                                  ".btn a, td.x > p { color: red }", ".b a { color: white }",
                                  "p { color: red }",
                                  "x { color: red }"]
    assert style_sheet("<style>body { color: red } .a { color: blue }</style>", ".mail") \
        .splitlines() == [".mail { color: red }", ".mail .a { color: blue }"]


def test_what_the_email_hides_is_dropped_and_the_title_too() -> None:
    clean = sanitize(
        "<html><head><title>Secret title</title></head><body>"
        '<span class="preheader">Preheader words</span>'
        '<div style="display: none; max-height: 0">Hidden <b>block</b> <div>deep</div></div>'
        '<div style="max-height:0;overflow:hidden">Outlook preview</div>'
        '<p style="mso-hide:all">Shown everywhere but Outlook</p><p>Body</p></body></html>')
    assert re.sub(r"<[^>]+>", "", clean) == "Shown everywhere but OutlookBody"


def test_nested_anchors_become_two_links_each_with_its_own_words() -> None:
    clean = sanitize('<a data-link="outer">Read <a data-link="inner">this</a> now</a>')
    assert '<a data-link="outer">Read </a><a data-link="inner">this</a>' in clean


def test_an_image_keeps_its_size_and_alt_text_never_its_source() -> None:
    clean = sanitize('<img src="https://t.example/p.gif" srcset="a.png 2x" width="300" '
                     'height="80" alt="Logo" title="x"><img style="width:40px;height:20px">')
    assert "src" not in clean and "t.example" not in clean
    boxes = [image_box(m) for m in re.findall(r"<img\b([^>]*?)\s*/?>", clean)]
    assert boxes == [(300, 80, "Logo"), (40, 20, "")]


def test_the_web_inbox_uses_the_same_look_under_its_own_scope() -> None:
    body = ('<style>body { background-color: #eee } p { color: red }</style>'
            '<p style="color:#333">Hi <a href="https://x.example" data-link="l1" '
            'style="background-color:#22bc66">Go</a></p><img src="https://x/p.png" alt="Logo" '
            'width="200" height="50"><span class="preheader" style="display:none">pre</span>')
    page = email_html(body, "http://127.0.0.1:1/t/")
    assert ".mail-body { background-color: #eee }" in page and ".mail-body p { color: red }" in page
    assert 'style="color:#333"' in page and 'style="background-color:#22bc66"' in page
    assert "width:200px;height:50px" in page and "[Image: Logo]" in page
    assert "https://" not in page
    # hidden in the page (a browser hides it), dropped in the preview: the same policy
    assert 'style="display:none"' in web_body(body, lambda _u: False, ".m")
    assert "pre" not in re.sub(r"<[^>]+>", "", sanitize(body))


def test_for_qtextbrowser_side_by_side_blocks_become_cells_and_auto_margins_go() -> None:
    from canvas_app.engine.presentation import for_text_browser

    clean = sanitize(
        '<td><div style="display:inline-block;max-width:330px;vertical-align:top">'
        '<div style="display:inline-block">One</div></div>\n '
        '<div style="display:inline-block;max-width:330px">Two</div></td>'
        '<table style="margin:0 auto;color:red"><tr><td>x</td></tr></table>')
    adapted = for_text_browser(clean)
    assert ('<table cellpadding="0" cellspacing="0" align="center"><tr>'
            '<td valign="top" width="330"><div style="display:inline-block">One</div></td>'
            '<td valign="top" width="330">Two</td></tr></table>') in adapted
    assert 'style="margin:0 0;color:red"' in adapted and "auto" not in adapted
    assert for_text_browser("<p>plain</p>") == "<p>plain</p>"


def test_for_qtextbrowser_a_buttons_padding_and_colour_go_on_its_cell() -> None:
    from canvas_app.engine.presentation import for_text_browser

    clean = sanitize('<table><tr><td align="center" style="border-radius:4px"> <a data-link="go" '
                     'style="background-color:#0867ec;padding:12px 24px;color:#fff">Go</a> '
                     '</td><td><a data-link="x" style="color:red">plain</a></td></tr></table>')
    adapted = for_text_browser(clean)
    assert ('<td align="center" style="border-radius:4px;background-color:#0867ec;'
            'padding:12px 24px"> <a data-link="go" style="background-color:#0867ec;'
            'padding:12px 24px;color:#fff">Go</a> </td>') in adapted
    assert '<td><a data-link="x" style="color:red">plain</a></td>' in adapted  # no padding

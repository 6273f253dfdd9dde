"""`email import`: an HTML email from another tool becomes a draft email with declared links."""

from __future__ import annotations

import json
from pathlib import Path

from canvas_app.domain.interchange import from_document
from canvas_app.domain.validation import Code, validate
from tests.cli.helpers import Cli
from tests.cli.test_engine_commands import YOGA

HOSTILE = """<html><head><title>Spring sale, *|FNAME|*</title><style>p{color:red}</style>
<script>steal()</script></head><body onload="steal()">
<p>Hi *|FNAME|* ~Contact.LastName~,</p>
<p><a href="https://shop.example/sale?a=1&amp;b=2" style="color:red" onclick="x()">See the
<b>sale</b></a> or <a href="tel:+1 555 0100">call us</a> or
<a href="mailto:{{support_email}}">write</a>.
<a href="javascript:alert(1)">not a link</a>
<a href="https://shop.example/"><img src="https://tracker.example/p.gif" alt="Our shop"></a></p>
<iframe src="https://evil.example"></iframe></body></html>"""


def _draft(cli: Cli, tmp_path: Path):  # type: ignore[no-untyped-def]
    out = tmp_path / "draft.campaign.json"
    assert cli("export", "yoga-trial", "-o", str(out)).code == 0
    return from_document(json.loads(out.read_text("utf-8")))


def test_an_html_email_is_imported_cleaned_with_its_links_declared(cli: Cli,
                                                                   tmp_path: Path) -> None:
    assert cli("import", YOGA).code == 0
    source = tmp_path / "sale.html"
    source.write_text(HOSTILE, "utf-8")
    done = cli("email", "import", "yoga-trial", "nurture", str(source), "--delay", "2d")
    assert done.code == 0, done.err
    assert "4 links" in done.out and "~Contact.LastName~" in done.out  # not ours: listed
    campaign = _draft(cli, tmp_path)
    mail = campaign.sequence("nurture").emails[-1]
    assert mail.subject == "Spring sale, {{first_name}}" and mail.delay_minutes == 2880
    assert [(k.kind.value, k.text) for k in mail.links] == [
        ("url", "See the sale"), ("phone", "call us"), ("email_address", "write"),
        ("url", "Our shop")]
    assert mail.links[0].target == "https://shop.example/sale?a=1&b=2"
    assert mail.links[2].target == "mailto:{{support_email}}"  # a merge tag is accepted
    for hostile in ("<script", "onload", "onclick", "iframe", "tracker.example", "src=",
                    "javascript:"):
        assert hostile not in mail.body_html
    # the email's look is kept as far as it is harmless: its colours, its style rules
    assert 'style="color:red"' in mail.body_html and "p { color: red }" in mail.body_html
    assert "Hi {{first_name}}" in mail.body_html
    assert not [p for p in validate(campaign) if p.code is Code.EMAIL_ANCHORS]


def test_an_eml_file_gives_its_html_part_and_subject(cli: Cli, tmp_path: Path) -> None:
    assert cli("import", YOGA).code == 0
    eml = tmp_path / "news.eml"
    eml.write_text("From: shop@example.com\nSubject: Our June news\nMIME-Version: 1.0\n"
                   "Content-Type: multipart/alternative; boundary=XX\n\n--XX\n"
                   "Content-Type: text/plain\n\nplain words\n--XX\nContent-Type: text/html\n\n"
                   "<p>Hello {{ firstName }}, <a href='https://shop.example/june'>read it</a>"
                   "</p>\n--XX--\n", "utf-8")
    assert cli("email", "import", "yoga-trial", "trial-prep", str(eml)).code == 0
    mail = _draft(cli, tmp_path).sequence("trial-prep").emails[-1]
    assert mail.subject == "Our June news" and "Hello {{first_name}}" in mail.body_html
    assert [k.target for k in mail.links] == ["https://shop.example/june"]


def test_import_refusals_say_what_is_wrong(cli: Cli, tmp_path: Path) -> None:
    assert cli("import", YOGA).code == 0
    source = tmp_path / "a.html"
    source.write_text("<p>Hi</p>", "utf-8")
    wrong = cli("email", "import", "yoga-trial", "nope", str(source))
    assert wrong.code == 1 and "no sequence 'nope'" in wrong.err and "nurture" in wrong.err
    missing = cli("email", "import", "yoga-trial", "nurture", str(tmp_path / "gone.html"))
    assert missing.code == 1 and "cannot read" in missing.err
    empty = tmp_path / "empty.html"
    empty.write_text("<script>only()</script>", "utf-8")
    nothing = cli("email", "import", "yoga-trial", "nurture", str(empty))
    assert nothing.code == 1 and "no email text" in nothing.err
    binary = tmp_path / "photo.html"
    binary.write_bytes(bytes(range(256)) * 20)
    refused = cli("email", "import", "yoga-trial", "nurture", str(binary))
    assert refused.code == 1 and "not a text file" in refused.err

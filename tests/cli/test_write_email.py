"""`write-email` writes a page a browser can open safely: the preview's sanitising policy,
with only the tracked links still pointing at the server."""

from __future__ import annotations

import re
from pathlib import Path

from canvas_app.domain.model import Email
from canvas_app.engine import lifecycle
from canvas_app.engine.contacts import add_contact
from canvas_app.engine.enrolment import enroll
from canvas_app.engine.publishing import publish
from canvas_app.engine.runner import advance
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace
from tests.cli.helpers import Cli
from tests.factories import funnel, funnel_sent_to_ann, link

HOSTILE = ('<p onmouseover="steal()">Hi {{first_name}} <script>alert(document.cookie)</script>'
           '<img src="https://tracker.example/pixel.gif" onerror="steal()" alt="Logo">'
           '<a data-link="dl" onclick="steal()" style="color:red">Get the guide</a> '
           '<iframe src="https://evil.example"></iframe>'
           '<style>body{background:url(https://evil.example/bg.png)}</style>'
           '<object data="https://evil.example/x.swf"></object><!-- a comment --></p>')


def test_a_written_email_has_no_script_remote_image_or_handler(cli: Cli, tmp_path: Path
                                                             ) -> None:
    assert cli.workspace is not None
    campaign = funnel()
    campaign.sequences[0].emails[0] = Email("welcome-1", 0, "Hello", HOSTILE,
                                            [link("dl", target="https://example.com/guide")])
    with Workspace.open(cli.workspace, create=True) as ws:
        CampaignStore(ws).add(campaign)
        assert not publish(ws, "ebook").blocked
        lifecycle.activate(ws, "ebook")
        add_contact(ws, "ann@example.com", "Ann")
        enroll(ws, "ebook", "welcome", ["ann@example.com"])
        advance(ws, 600)
    out = tmp_path / "ann.html"
    result = cli("write-email", "ann@example.com", "--port", "9911", "-o", str(out))
    assert result.code == 0, result.err
    page = out.read_text("utf-8")
    body = page[page.index("<main>"):]
    for bad in ("<script", "alert(", "tracker.example", "evil.example", "onerror", "onclick",
                "onmouseover", "<iframe", "<object", "javascript:", "url(", "a comment"):
        assert bad not in body, bad
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert re.search(r'<a href="http://127\.0\.0\.1:9911/t/[A-Za-z0-9._~-]+" '
                     r'data-link="dl" style="color:red">Get the guide</a>', body)  # its look kept
    assert "[Image: Logo]" in body and "Hi Ann" in body
    hrefs = re.findall(r'href="([^"]*)"', body)
    assert len(hrefs) == 2 and all(h.startswith("http://127.0.0.1:9911/t/") for h in hrefs)


def test_without_o_the_page_goes_to_the_cache_folder_not_the_current_one(
        cli: Cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert cli.workspace is not None
    with Workspace.open(cli.workspace, create=True) as ws:
        funnel_sent_to_ann(ws, 600)
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    result = cli("write-email", "ann@example.com")
    assert result.code == 0, result.err
    written = Path(result.out.strip())
    assert written.exists() and written.is_relative_to(tmp_path / "cache")
    assert list(here.iterdir()) == []

"""`email import` brings in real open-source templates (tests/fixtures/templates/): every
link a reader of the original can follow becomes a declared link, the email is valid, and
nothing that could fetch or run survives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from canvas_app.domain.interchange import from_document
from canvas_app.domain.validation import Code, validate
from tests.cli.helpers import Cli
from tests.cli.test_engine_commands import YOGA
from tests.fixtures.real_templates import NAMES, link_targets, path_of


@pytest.mark.parametrize("name", NAMES)
def test_a_real_template_imports_with_every_link_declared(cli: Cli, tmp_path: Path,
                                                          name: str) -> None:
    assert cli("import", YOGA).code == 0
    done = cli("email", "import", "yoga-trial", "nurture", str(path_of(name)))
    assert done.code == 0, done.err
    out = tmp_path / "draft.campaign.json"
    assert cli("export", "yoga-trial", "-o", str(out)).code == 0
    campaign = from_document(json.loads(out.read_text("utf-8")))
    mail = campaign.sequence("nurture").emails[-1]
    assert [k.target for k in mail.links] == link_targets(name)
    assert not [p for p in validate(campaign) if p.code is Code.EMAIL_ANCHORS]
    for bad in ("<script", "src=", "url(", "@import", "<link", "<meta", "<!--", "expression("):
        assert bad not in mail.body_html.lower(), bad
    assert 'style="' in mail.body_html or "bgcolor=" in mail.body_html  # its look came along

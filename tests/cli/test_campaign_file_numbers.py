"""`import` refuses numbers out of range and ids with a trailing newline, naming the JSON path,
and keeps the workspace as it was (issue 12, item 8)."""

import json
from pathlib import Path

from tests.cli.helpers import Cli
from tests.factories import sample_document


def _write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "bad.campaign.json"
    path.write_text(text, "utf-8")
    return str(path)


def test_import_refuses_out_of_range_numbers_with_their_path(cli: Cli, tmp_path: Path) -> None:
    text = json.dumps(sample_document("sourdough-ebook"))
    cases = {
        '"delay_minutes": 1440': ('"delay_minutes": 9223372036854775808',
                                  "$.campaign.sequences[0].emails[1].delay_minutes"),
        '"position": [0, 0]': ('"position": [1e400, 0]', "$.campaign.sequences[0].position[0]"),
        '"id": "ebook-1"': ('"id": "ebook-1\\n"', "$.campaign.sequences[0].emails[0].id"),
    }
    for old, (new, path) in cases.items():
        assert old in text
        result = cli("import", _write(tmp_path, text.replace(old, new, 1)))
        assert result.code == 1 and path in result.err, (new, result.err)
        assert "Traceback" not in result.err
    assert cli("list", "--json").json() == []


def test_an_imported_campaign_exports_without_nan_or_infinity(cli: Cli, tmp_path: Path) -> None:
    doc = sample_document("sourdough-ebook")
    doc["campaign"]["sequences"][0]["position"] = [-1000000, 1000000]
    assert cli("import", _write(tmp_path, json.dumps(doc))).code == 0
    exported = cli("export", "sourdough-ebook")
    assert exported.code == 0 and json.loads(exported.out) == doc

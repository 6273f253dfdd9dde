import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from canvas_app.store.workspace import Workspace
from tests.cli.helpers import ROOT, Cli
from tests.factories import sample_document

YOGA = str(ROOT / "resources/samples/yoga-trial.campaign.json")
EBOOK = str(ROOT / "resources/samples/sourdough-ebook.campaign.json")


def write(path: Path, document: object) -> str:
    path.write_text(json.dumps(document), "utf-8")
    return str(path)


@pytest.mark.parametrize("which", ["cli", "default_cli"])
def test_import_then_validate_json(which: str, cli: Cli, default_cli: Cli) -> None:
    cli = cli if which == "cli" else default_cli
    result = cli("import", EBOOK)
    assert (result.code, result.out) == (0, "sourdough-ebook\n")
    report = cli("validate", "sourdough-ebook", "--json")
    assert report.code == 0
    data = report.json()
    assert data["errors"] == []
    assert data["warnings"] == [{"code": "sequence_no_goal", "node": "baking-class",
                                 "message": data["warnings"][0]["message"]}]


def test_export_writes_the_same_document(cli: Cli, tmp_path: Path) -> None:
    cli("import", YOGA)
    out = cli("export", "yoga-trial")
    assert out.code == 0 and json.loads(out.out) == json.loads(Path(YOGA).read_text("utf-8"))
    assert cli("export", "yoga-trial", "-o", str(tmp_path / "x.json")).code == 0
    assert json.loads((tmp_path / "x.json").read_text("utf-8")) == json.loads(out.out)


def test_list_shows_campaigns_with_state(cli: Cli) -> None:
    assert cli.workspace is not None
    Workspace.open(cli.workspace, create=True).close()
    assert "No campaigns yet" in cli("list").out
    cli("import", YOGA)
    cli("import", EBOOK)
    listing = cli("list", "--json").json()
    assert [(c["id"], c["state"]) for c in listing] == [("yoga-trial", "draft"),
                                                       ("sourdough-ebook", "draft")]
    assert "yoga-trial  " in cli("list").out


def test_import_into_replaces_the_draft(cli: Cli, tmp_path: Path) -> None:
    cli("import", YOGA)
    doc = sample_document()
    doc["campaign"]["name"] = "Lotus Yoga (autumn)"
    result = cli("import", write(tmp_path / "new.json", doc), "--into", "yoga-trial")
    assert result.out == "yoga-trial\n"
    assert json.loads(cli("export", "yoga-trial").out)["campaign"]["name"] == "Lotus Yoga (autumn)"
    assert "no campaign 'ghost'" in cli("import", YOGA, "--into", "ghost").err


def test_validate_exits_1_on_errors_and_lists_them(cli: Cli, tmp_path: Path) -> None:
    doc = sample_document()
    doc["campaign"]["goals"][0]["links"] = []
    cli("import", write(tmp_path / "bad.json", doc))
    result = cli("validate", "yoga-trial", "--json")
    assert result.code == 1
    assert result.json()["errors"][0]["code"] == "goal_no_links"
    assert result.json()["errors"][0]["node"] == "booked-trial"
    assert "1 error," in cli("validate", "yoga-trial").out


@pytest.mark.parametrize(("mutate", "says"), [
    (lambda d: d["campaign"].update(colour="red"), "$.campaign.colour: unknown key"),
    (lambda d: d["campaign"]["sequences"][0]["emails"][0]["links"][0].update(
        target="javascript:alert(1)"), "'javascript:' links are not allowed"),
])
def test_bad_files_are_refused_and_the_workspace_is_unchanged(cli: Cli, tmp_path: Path,
                                                             mutate, says: str) -> None:  # type: ignore[no-untyped-def]
    cli("import", EBOOK)
    before = cli("export", "sourdough-ebook").out
    doc = sample_document()
    mutate(doc)
    result = cli("import", write(tmp_path / "bad.json", doc))
    assert result.code == 1 and says in result.err and result.out == ""
    assert [c["id"] for c in cli("list", "--json").json()] == ["sourdough-ebook"]
    assert cli("export", "sourdough-ebook").out == before


def test_usage_errors_exit_2(cli: Cli) -> None:
    assert cli("frobnicate").code == 2
    assert cli("validate").code == 2
    assert cli().code == 2


def test_missing_workspace_for_reading_is_an_error_not_a_new_file(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    cli = Cli(capsys, tmp_path / "typo.ws")
    result = cli("list")
    assert result.code == 1 and "there is no workspace" in result.err
    assert not (tmp_path / "typo.ws").exists()


def test_user_mistakes_never_show_a_traceback(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.ws"
    garbage.write_bytes(b"\x00\x01 not a database at all")
    before = hashlib.sha256(garbage.read_bytes()).hexdigest()
    broken = tmp_path / "broken.json"
    broken.write_text("{ nope", "utf-8")
    runs = [
        ["--workspace", str(garbage), "list"],
        ["--workspace", str(tmp_path / "w.ws"), "import", str(broken)],
        ["--workspace", str(tmp_path / "w.ws"), "import", str(tmp_path / "missing.json")],
        ["--workspace", str(tmp_path / "w.ws"), "export", "nope"],
    ]
    for argv in runs:
        proc = subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], capture_output=True,
                              text=True, cwd=tmp_path, timeout=60)
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stderr and proc.stderr.startswith("campaign-canvas: ")
    assert hashlib.sha256(garbage.read_bytes()).hexdigest() == before

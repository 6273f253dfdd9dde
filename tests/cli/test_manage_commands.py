"""rename, duplicate and delete on the command line, and list's published_version."""

from __future__ import annotations

import json
from pathlib import Path

from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace
from tests.cli.helpers import ROOT, Cli

EBOOK = str(ROOT / "resources/samples/sourdough-ebook.campaign.json")


def test_rename_changes_the_name_everywhere(cli: Cli) -> None:
    cli("import", EBOOK)
    result = cli("rename", "sourdough-ebook", "  Autumn   ebook ")
    assert (result.code, result.out) == (0, "Renamed to 'Autumn ebook'.\n")
    assert cli("list", "--json").json()[0]["name"] == "Autumn ebook"
    assert json.loads(cli("export", "sourdough-ebook").out)["campaign"]["name"] == "Autumn ebook"


def test_rename_refuses_bad_names_and_unknown_ids(cli: Cli) -> None:
    cli("import", EBOOK)
    for bad, says in (("   ", "cannot be empty"), ("x" * 201, "at most 200"),
                      ("a\x07b", "control characters")):
        result = cli("rename", "sourdough-ebook", bad)
        assert result.code == 1 and says in result.err and "Traceback" not in result.err
    missing = cli("rename", "nope", "Name")
    assert missing.code == 1 and "no campaign 'nope'" in missing.err
    assert cli("list", "--json").json()[0]["name"] == "Crumb & Co: free sourdough ebook"


def test_duplicate_is_a_draft_copy_without_contacts(cli: Cli) -> None:
    cli("import", EBOOK)
    cli("publish", "sourdough-ebook")
    cli("activate", "sourdough-ebook")
    cli("contact", "add", "ann@example.com")
    cli("enroll", "sourdough-ebook", "ebook-delivery", "ann@example.com")
    result = cli("duplicate", "sourdough-ebook")
    assert result.code == 0
    new_id = result.out.strip()
    listing = {c["id"]: c for c in cli("list", "--json").json()}
    assert listing[new_id] == {"id": new_id, "name": "Crumb & Co: free sourdough ebook (copy)",
                               "state": "draft", "published_version": None}
    assert listing["sourdough-ebook"]["published_version"] == 1
    original = json.loads(cli("export", "sourdough-ebook").out)["campaign"]
    copy = json.loads(cli("export", new_id).out)["campaign"]
    assert {k: v for k, v in copy.items() if k not in ("id", "name")} == \
        {k: v for k, v in original.items() if k not in ("id", "name")}
    status = cli("status", new_id, "--json").json()
    assert all(sum(counts.values()) == 0 for counts in status["nodes"].values())
    named = cli("duplicate", "sourdough-ebook", "--name", "Spring ebook")
    assert cli("list", "--json").json()[-1] == {"id": named.out.strip(), "name": "Spring ebook",
                                                "state": "draft", "published_version": None}


def test_delete_needs_yes_refuses_active_and_backs_up_first(cli: Cli) -> None:
    assert cli.workspace is not None
    cli("import", EBOOK)
    unconfirmed = cli("delete", "sourdough-ebook")
    assert unconfirmed.code == 1 and "--yes" in unconfirmed.err
    cli("publish", "sourdough-ebook")
    cli("activate", "sourdough-ebook")
    active = cli("delete", "sourdough-ebook", "--yes")
    assert active.code == 1 and "pause it first" in active.err
    cli("pause", "sourdough-ebook")
    result = cli("delete", "sourdough-ebook", "--yes")
    assert result.code == 0 and "Deleted 'Crumb & Co: free sourdough ebook'" in result.out
    if not isinstance(cli.workspace, Path):  # a server keeps its own backups: said so
        assert "restore it from the server's own backups" in result.out
        assert cli("list", "--json").json() == []
        return
    backup = Path(result.out.split(" is in ")[1].strip())
    assert backup.exists() and backup.parent == cli.workspace.parent
    assert cli("list", "--json").json() == []
    with Workspace.open(backup, read_only=True) as old:  # everything is in the backup
        assert [c.id for c in CampaignStore(old).list()] == ["sourdough-ebook"]

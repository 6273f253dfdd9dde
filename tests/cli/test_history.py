"""versions, diff and restore: a campaign's published history from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.helpers import Cli
from tests.cli.test_engine_commands import live


def _edit(cli: Cli, tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "draft.campaign.json"
    assert cli("export", "yoga-trial", "-o", str(out)).code == 0
    document = json.loads(out.read_text("utf-8"))
    change(document["campaign"])
    out.write_text(json.dumps(document), "utf-8")
    imported = cli("import", str(out), "--into", "yoga-trial")
    assert imported.code == 0, imported.err


def _second_version(campaign: dict) -> None:  # type: ignore[type-arg]
    nurture = campaign["sequences"][0]
    nurture["name"] = "Welcome, new lead"
    nurture["emails"][1]["subject"] = "Pick your class"
    nurture["emails"][0]["links"][0]["text"] = "Book a free class"
    body = nurture["emails"][0]["body_html"]
    nurture["emails"][0]["body_html"] = body.replace(">Book your free trial class<",
                                                     ">Book a free class<")
    campaign["goals"][1]["links"] = []  # 'Looked at memberships' loses its link...
    campaign["goals"][1]["links"] = ["see-prices"]  # ...and gets it back: no change
    campaign["goals"][0]["links"] = campaign["goals"][0]["links"][:2]


def test_versions_diff_and_restore_then_publish(cli: Cli, tmp_path: Path) -> None:
    live(cli)
    assert cli("enroll", "yoga-trial", "nurture", "ann@example.com").code == 0
    cli("advance", "1m")
    _edit(cli, tmp_path, _second_version)
    assert cli("publish", "yoga-trial").code == 0
    history = cli("versions", "yoga-trial", "--json").json()
    assert [v["version"] for v in history] == [1, 2]
    assert history[0]["summary"] == "first version" and history[0]["published_at"].endswith("Z")
    assert "2 emails edited" in history[1]["summary"]

    found = cli("diff", "yoga-trial", "--from", "1", "--to", "2", "--json").json()
    assert set(found) == {"added", "removed", "changed"}
    changed = {(d["kind"], d["id"]) for d in found["changed"]}
    assert {("sequence", "nurture"), ("email", "nurture-2"), ("email", "nurture-1"),
            ("link", "book-trial"), ("goal_links", "booked-trial")} <= changed
    assert ("goal_links", "viewed-prices") not in changed  # the same links in the end
    assert found["added"] == [] and found["removed"] == []
    assert all(d["detail"] for d in found["changed"])
    assert cli("diff", "yoga-trial").out.startswith("No differences between version 2 and")

    restored = cli("restore", "yoga-trial", "1")
    assert restored.code == 0 and "publish yoga-trial" in restored.out
    back = cli("diff", "yoga-trial", "--from", "1", "--json").json()
    assert back == {"added": [], "removed": [], "changed": []}  # the draft is version 1 again
    assert cli("status", "yoga-trial", "--json").json()["unpublished_changes"] is True
    assert cli("publish", "yoga-trial").code == 0
    # Ann stays where she is and gets the restored second email, not version 2's
    cli("advance", "2d")
    subjects = [m["subject"] for m in cli("inbox", "ann@example.com", "--json").json()]
    assert subjects[-1] == "Which class suits you?"
    assert "Pick your class" not in subjects
    assert [v["version"] for v in cli("versions", "yoga-trial", "--json").json()] == [1, 2, 3]


def test_history_refusals_name_what_is_wrong(cli: Cli) -> None:
    live(cli)
    missing = cli("restore", "yoga-trial", "7")
    assert missing.code == 1 and "no published version 7" in missing.err
    assert "versions yoga-trial" in missing.err
    word = cli("diff", "yoga-trial", "--from", "latest")
    assert word.code == 1 and "'latest' is not a version" in word.err
    draft = cli("restore", "yoga-trial", "draft")
    assert draft.code == 1 and "give a version number" in draft.err
    assert cli("versions", "nope").code == 1
    cli("import", str(Path(__file__).resolve().parents[2] / "resources/samples/"
                      "sourdough-ebook.campaign.json"))
    never = cli("diff", "sourdough-ebook")
    assert never.code == 1 and "has not been published yet" in never.err
    assert cli("versions", "sourdough-ebook").out.startswith("'sourdough-ebook' has not been")

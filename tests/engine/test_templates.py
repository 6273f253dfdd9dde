"""Templates: the built-in ones with a sentence each, a user's own saved and offered again, a
new campaign started from one."""

from __future__ import annotations

from pathlib import Path

import pytest

from canvas_app.engine import templates as tpl
from canvas_app.engine.errors import Refused
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace


def test_the_built_in_templates_say_what_they_are_for(tmp_path: Path) -> None:
    found = tpl.templates(tmp_path / "none")
    names = [t.name for t in found]
    assert len(found) >= 4 and all(t.built_in for t in found)
    assert any("webinar" in n.lower() for n in names)
    assert all(t.about.endswith(".") and len(t.about) > 30 for t in found)


def test_a_saved_template_is_offered_and_a_damaged_file_is_left_out(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    campaign = tpl.templates(folder)[0].campaign()
    first = tpl.save_as_template(campaign, "  Spring   launch ", folder)
    second = tpl.save_as_template(campaign, "Spring launch", folder)
    assert first.name == "spring-launch.campaign.json" and second != first  # never overwrites
    (folder / "broken.campaign.json").write_text("{not json", "utf-8")
    own = [t for t in tpl.templates(folder) if not t.built_in]
    assert [t.name for t in own] == ["Spring launch", "Spring launch"]
    assert "saved by you" in own[0].about
    with pytest.raises(Refused):
        tpl.save_as_template(campaign, "   ", folder)


def test_starting_from_a_template_twice_makes_two_campaigns(workspace: Workspace,
                                                            tmp_path: Path) -> None:
    webinar = next(t for t in tpl.templates(tmp_path) if "webinar" in t.name.lower())
    one = tpl.start_from(workspace, webinar)
    two = tpl.start_from(workspace, webinar)
    store = CampaignStore(workspace)
    names = {c.id: c.name for c in store.list()}
    assert one != two and names[one] != names[two]
    made = store.load(one)
    assert len(made.sequences) == len(webinar.campaign().sequences)
    assert tpl.start_from(workspace, webinar, "Autumn webinar") in {
        c.id for c in store.list() if c.name == "Autumn webinar"}

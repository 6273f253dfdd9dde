"""A workspace of the second schema (runs, sends, clicks and its event log already in it)
migrates to the indexes for the per-contact and per-node read-outs and the report, after a
backup, and reads exactly as before; the read-outs then use those indexes instead of scanning."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from canvas_app.engine import lifecycle, simulation
from canvas_app.engine.clicks import record_click
from canvas_app.engine.contacts import add_contact
from canvas_app.engine.enrolment import enroll
from canvas_app.engine.explain import explain
from canvas_app.engine.publishing import publish
from canvas_app.engine.reports import inbox, report, status
from canvas_app.engine.runner import advance
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.migrate import current_revision, head_revision
from canvas_app.store.workspace import Workspace
from tests.factories import funnel
from tests.store.old_schema import downgrade

PEOPLE = [f"p{i}@example.com" for i in range(6)]
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def _read_outs(ws: Workspace) -> dict[str, Any]:
    contact = next(c for c in simulation.contacts(ws) if c.email == PEOPLE[1])
    return {"status": status(ws, "ebook").to_json(), "report": report(ws, "ebook").to_json(),
            "explain": [[path.to_json() for path in explain(ws, p)] for p in PEOPLE],
            "inbox": [inbox(ws, p) for p in PEOPLE],
            "log": simulation.log(ws, "ebook"),
            "contact_log": simulation.log(ws, "ebook", contact.id),
            "members": simulation.member_addresses(ws, "ebook", "welcome")}


def _plan(path: Path, query: str) -> str:
    with sqlite3.connect(path) as conn:
        plan = " / ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + query))
    conn.close()
    return plan


def test_an_older_workspace_with_runs_migrates_and_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "runs.canvas-workspace"
    with Workspace.open(path, create=True) as old:
        CampaignStore(old).add(funnel())
        publish(old, "ebook")
        lifecycle.activate(old, "ebook")
        for person in PEOPLE:
            add_contact(old, person, person.split("@")[0].title())
        enroll(old, "ebook", "welcome", PEOPLE)
        advance(old, 3600)
        for person in PEOPLE[::2]:
            record_click(old, inbox(old, person)[0]["links"]["dl"], user_agent=BROWSER)
        advance(old, 86400)
        before = _read_outs(old)
    downgrade(path, "0002")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
    conn.close()

    with Workspace.open(path) as ws:
        assert current_revision(ws.engine) == head_revision()
        assert ws.migration_backup is not None and ws.migration_backup.exists()
        assert _read_outs(ws) == before
        assert before["status"]["nodes"]["downloaded"] == {"achieved": 3}

    plans = {
        "one contact's log": _plan(path, "SELECT * FROM events WHERE campaign_id = 'ebook' "
                                         "AND contact_id = 2 ORDER BY at DESC, id DESC"),
        "counts per sequence": _plan(path, "SELECT sequence_id, status, count(*) FROM "
                                           "memberships WHERE campaign_id = 'ebook' "
                                           "GROUP BY sequence_id, status"),
        "counts per goal": _plan(path, "SELECT goal_id, count(*) FROM achievements WHERE "
                                       "campaign_id = 'ebook' GROUP BY goal_id"),
        "a membership's goals": _plan(path, "SELECT goal_id FROM achievements "
                                            "WHERE membership_id IN (1, 2)"),
        "a version was sent": _plan(path, "SELECT 1 FROM sends WHERE campaign_id = 'ebook' "
                                          "AND version = 1 LIMIT 1"),
        "entered per sequence": _plan(path, "SELECT sequence_id, count(DISTINCT contact_id) "
                                            "FROM memberships WHERE campaign_id = 'ebook' "
                                            "GROUP BY sequence_id"),
    }
    assert "ix_events_contact" in plans["one contact's log"]
    assert "COVERING INDEX ix_memberships_node" in plans["counts per sequence"]
    assert "COVERING INDEX ix_achievements_goal" in plans["counts per goal"]
    assert "ix_achievements_membership" in plans["a membership's goals"]
    assert "COVERING INDEX ix_sends_campaign (campaign_id=? AND version=?)" in \
        plans["a version was sent"]
    assert "COVERING INDEX ix_memberships_entered" in plans["entered per sequence"]
    assert "TEMP B-TREE" not in plans["entered per sequence"]
    assert all("SCAN" not in plan for plan in plans.values()), plans
    with sqlite3.connect(path) as conn:  # one index fewer to write per achievement
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(achievements)")}
    conn.close()
    assert "ix_achievements_campaign_id" not in indexes
    assert "ix_achievements_goal" in _plan(path, "DELETE FROM achievements "
                                                 "WHERE campaign_id = 'ebook'")

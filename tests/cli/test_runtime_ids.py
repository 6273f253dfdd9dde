"""Rows made while the simulation runs (memberships, sends, clicks) get ids from one source per
workspace, so campaigns that move the same contact in one batch never collide (issue 12, item 1)
and an id is never given out twice, not even after a reset."""

from sqlalchemy import select

from canvas_app.engine.simulation import reset
from canvas_app.store.orm_runtime import SendRow
from canvas_app.store.workspace import Workspace
from tests.cli.helpers import ROOT, Cli

SAMPLES = ROOT / "resources/samples"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def _two_live_campaigns(cli: Cli) -> None:
    for name, campaign, sequence in (("sourdough-ebook", "sourdough-ebook", "ebook-welcome"),
                                     ("yoga-trial", "yoga-trial", "nurture")):
        assert cli("import", str(SAMPLES / f"{name}.campaign.json")).code == 0
        assert cli("publish", campaign).code == 0
        assert cli("activate", campaign).code == 0
        cli("contact", "add", "ann@example.com")
        assert cli("enroll", campaign, sequence, "ann@example.com").code == 0


def test_goal_clicks_in_two_campaigns_for_one_contact_keep_the_clock_running(cli: Cli) -> None:
    _two_live_campaigns(cli)
    assert cli("advance", "1m").code == 0
    mails = {m["campaign"]: m for m in cli("inbox", "ann@example.com", "--json").json()}
    for campaign, link in (("sourdough-ebook", "download-guide"), ("yoga-trial", "book-trial")):
        click = cli("click", mails[campaign]["links"][link], "--user-agent", BROWSER, "--json")
        assert click.code == 0 and click.json()["bot"] is False
    moved = cli("advance", "2m")
    assert moved.code == 0, moved.err
    assert "2 goals achieved" in moved.out
    assert cli("advance", "3d").code == 0  # and every later advance keeps working
    ebook = cli("status", "sourdough-ebook", "--json").json()["nodes"]
    yoga = cli("status", "yoga-trial", "--json").json()["nodes"]
    assert ebook["downloaded"] == {"achieved": 1} and yoga["booked-trial"] == {"achieved": 1}
    assert ebook["baking-class"]["finished"] == 1 and yoga["trial-prep"]["finished"] == 1
    assert len(cli("inbox", "ann@example.com", "--json").json()) == 5  # 2 first + 3 after goals


def test_a_send_id_is_never_given_out_again_after_a_reset(cli: Cli) -> None:
    """Tracked links name their send; after a reset, an old email's link must not record a
    click on somebody's new email."""
    _two_live_campaigns(cli)
    assert cli("advance", "1m").code == 0
    old = {m["campaign"]: m for m in cli("inbox", "ann@example.com", "--json").json()}
    assert cli is not None and cli.workspace is not None
    with Workspace.open(cli.workspace) as ws:
        reset(ws, "yoga-trial")
        reset(ws, "sourdough-ebook")
    assert cli("enroll", "yoga-trial", "nurture", "ann@example.com").code == 0
    assert cli("advance", "1m").code == 0
    with Workspace.open(cli.workspace) as ws, ws.reading() as session:
        new_ids = set(session.scalars(select(SendRow.id)))
    assert new_ids.isdisjoint(m["send_id"] for m in old.values())
    stale = cli("click", old["yoga-trial"]["links"]["book-trial"], "--json")
    assert stale.code == 1 and stale.json()["recorded"] is False

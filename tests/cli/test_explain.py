"""explain: a contact's path in sentences, the same steps as JSON."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.cli.helpers import Cli
from tests.cli.test_engine_commands import BROWSER, live


def _first_mail(cli: Cli, who: str) -> dict:  # type: ignore[type-arg]
    assert cli("enroll", "yoga-trial", "nurture", who).code == 0
    cli("advance", "1m")
    return cli("inbox", who, "--json").json()[0]  # type: ignore[no-any-return]


def test_a_human_click_reads_as_a_story(cli: Cli) -> None:
    live(cli)
    link = _first_mail(cli, "ann@example.com")["links"]["book-trial"]
    cli("advance", "2m")
    cli("click", link, "--user-agent", BROWSER)
    cli("advance", "1m")
    data = cli("explain", "ann@example.com", "--json").json()
    assert data["contact"] == "ann@example.com"
    (path,) = data["campaigns"]
    steps = path["steps"]
    whats = [s["what"] for s in steps]
    assert whats[:3] == ["enrolled", "sent", "clicked"]
    assert whats.index("goal_achieved") < whats.index("stopped") < whats.index("entered")
    assert [s["at"] for s in steps] == sorted(s["at"] for s in steps)
    assert all(s["at"].endswith("Z") and len(s["at"]) == 20 for s in steps)  # with seconds
    clicked = steps[2]
    assert clicked["link"] == "book-trial"
    assert "'Book your free trial class' (web form link, chosen in goal 'Booked a trial class')" \
        in clicked["why"]
    goal = steps[whats.index("goal_achieved")]
    assert "20 s settle window" in goal["why"] and goal["node"] == "booked-trial"
    stopped = steps[whats.index("stopped")]
    assert "2 pending emails cancelled" in stopped["why"]  # 3 emails, 1 of them sent
    text = cli("explain", "ann@example.com").out
    assert "clicked 'Book your free trial class'" in text and "entered 'Trial class" in text


def test_a_scanner_is_explained_and_achieves_nothing(cli: Cli) -> None:
    live(cli)
    link = _first_mail(cli, "ann@example.com")["links"]["book-trial"]
    cli("click", link, "--user-agent", "bingbot/2.0")
    cli("advance", "1m")
    steps = cli("explain", "ann@example.com", "--json").json()["campaigns"][0]["steps"]
    ignored = [s for s in steps if s["what"] == "bot_click_ignored"]
    assert len(ignored) == 1 and "known crawler" in ignored[0]["why"]
    assert "bingbot/2.0" in ignored[0]["why"] and "too soon" not in ignored[0]["why"]
    # the log shows the verdict when it was judged; the timeline names that moment too
    clicked_at = datetime.fromisoformat(ignored[0]["at"].replace("Z", "+00:00"))
    judged_at = (clicked_at + timedelta(seconds=20)).strftime("%H:%M:%S")
    assert f"{judged_at}, after the 20 s settle window" in ignored[0]["why"]
    assert not [s for s in steps if s["what"] in ("goal_achieved", "clicked")]


def test_unknown_contacts_and_campaigns_are_refused(cli: Cli) -> None:
    live(cli)
    nobody = cli("explain", "nobody@example.com")
    assert nobody.code == 1 and "no contact with the address 'nobody@example.com'" in nobody.err
    wrong = cli("explain", "ann@example.com", "--campaign", "nope")
    assert wrong.code == 1 and "no campaign 'nope'" in wrong.err
    cli("contact", "add", "new@example.com")
    idle = cli("explain", "new@example.com")
    assert idle.code == 0 and "has not taken part in any campaign yet" in idle.out


def test_finishing_a_sequence_says_what_follows(cli: Cli) -> None:
    live(cli)
    link = _first_mail(cli, "ann@example.com")["links"]["book-trial"]
    cli("advance", "2m")
    cli("click", link, "--user-agent", BROWSER)
    cli("advance", "30d")
    steps = cli("explain", "ann@example.com", "--json").json()["campaigns"][0]["steps"]
    finished = [s["why"] for s in steps if s["what"] == "finished"]
    assert finished and all("no goal follows it" in why for why in finished), finished
    assert not any("goals after it still listen" in why for why in finished)

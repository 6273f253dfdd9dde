"""The whole flow from the command line, with the JSON shapes of campaign-format.md."""

from pathlib import Path

import pytest

from tests.cli.helpers import ROOT, Cli

YOGA = str(ROOT / "resources/samples/yoga-trial.campaign.json")
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def live(cli: Cli) -> None:
    assert cli("import", YOGA).code == 0
    assert cli("publish", "yoga-trial").code == 0
    assert cli("activate", "yoga-trial").code == 0
    cli("contact", "add", "ann@example.com", "--name", "Ann Lee")
    cli("contact", "add", "bob@corp.example")


def test_full_flow_with_json_shapes(cli: Cli) -> None:
    live(cli)
    refused = cli("activate", "nothing-here")
    assert refused.code == 1 and "no campaign 'nothing-here'" in refused.err
    enrolled = cli("enroll", "yoga-trial", "nurture", "ann@example.com", "bob@corp.example")
    assert enrolled.code == 0 and "Enrolled ann@example.com" in enrolled.out
    assert "0 goals achieved" in cli("advance", "2m").out
    mails = cli("inbox", "ann@example.com", "--json").json()
    assert len(mails) == 1
    assert set(mails[0]) == {"send_id", "campaign", "sequence", "email", "subject", "sent_at",
                             "links", "html"}
    assert mails[0]["subject"] == "Welcome to Lotus Yoga, Ann"
    assert set(mails[0]["links"]) == {"book-trial", "see-prices", "call-studio", "mail-studio"}
    click = cli("click", mails[0]["links"]["see-prices"], "--user-agent", BROWSER, "--json")
    assert click.code == 0
    assert click.json() == {"recorded": True, "link": "see-prices", "bot": False, "reasons": []}
    cli("advance", "1m")
    st = cli("status", "yoga-trial", "--json").json()
    assert st == {"campaign": "yoga-trial", "state": "active", "published_version": 1,
                  "unpublished_changes": False, "nodes": st["nodes"]}
    assert st["nodes"]["viewed-prices"] == {"achieved": 1}
    assert st["nodes"]["nurture"] == {"active": 1, "finished": 0, "stopped": 1}
    assert st["nodes"]["membership-offer"]["active"] == 1
    rep = cli("report", "yoga-trial", "--json").json()
    assert set(rep) == {"campaign", "sends", "links", "goals"}
    assert rep["sends"] == 2 and rep["links"]["see-prices"] == {"human": 1, "bot": 0}
    assert rep["goals"] == {"booked-trial": {"achieved": 0}, "viewed-prices": {"achieved": 1}}
    assert "call-studio" not in rep["links"]  # tel: links are not tracked
    csv_lines = cli("report", "yoga-trial", "--csv").out.splitlines()
    assert csv_lines[0] == "kind,id,name,human,bot,achieved"
    assert "link,see-prices,see our membership prices,1,0," in csv_lines
    assert "Goals achieved" in cli("report", "yoga-trial").out


def test_forged_click_exits_1_and_head_is_not_a_click(cli: Cli) -> None:
    live(cli)
    cli("enroll", "yoga-trial", "nurture", "ann@example.com")
    cli("advance", "1m")
    url = cli("inbox", "ann@example.com", "--json").json()[0]["links"]["book-trial"]
    forged = cli("click", url[:-1] + ("A" if url[-1] != "A" else "B"), "--json")
    assert forged.code == 1 and forged.json()["recorded"] is False
    assert "nothing was recorded" in forged.err
    head = cli("click", url, "--method", "HEAD", "--json")
    assert head.code == 0 and head.json() == {"recorded": False, "link": "book-trial",
                                              "bot": False, "reasons": ["head_request"]}
    assert cli("report", "yoga-trial", "--json").json()["links"]["book-trial"] == {"human": 0,
                                                                                  "bot": 0}


def test_refusals_say_what_to_do(cli: Cli, tmp_path: Path) -> None:
    cli("import", YOGA)
    cli("contact", "add", "ann@example.com")
    enrol = cli("enroll", "yoga-trial", "nurture", "ann@example.com")
    assert enrol.code == 1 and "publish it, then activate it" in enrol.err
    assert "publish 'Lotus Yoga" in cli("activate", "yoga-trial").err
    cli("publish", "yoga-trial")
    cli("activate", "yoga-trial")
    assert "no contact with the address 'zed@example.com'" in cli(
        "enroll", "yoga-trial", "nurture", "zed@example.com").err
    assert "has no sequence 'ghost'" in cli("enroll", "yoga-trial", "ghost", "ann@example.com").err
    bad = cli("advance", "soon")
    assert bad.code == 1 and "for example 90s, 10m, 2h or 3d" in bad.err
    assert cli("contact", "add", "not-an-email").code == 1
    csv_file = tmp_path / "c.csv"
    csv_file.write_text("email\nok@example.com\nbroken\n", "utf-8")
    result = cli("contact", "import", str(csv_file))
    assert result.code == 1 and "line 3" in result.err and "nothing was added" in result.err


def test_publish_json_and_dry_run(cli: Cli, tmp_path: Path) -> None:
    live(cli)
    cli("enroll", "yoga-trial", "nurture", "ann@example.com")
    cli("advance", "1m")
    exported = cli("export", "yoga-trial").out.replace('"Which class suits you?"',
                                                       '"Which class is for you?"')
    (tmp_path / "edited.json").write_text(exported, "utf-8")
    cli("import", str(tmp_path / "edited.json"), "--into", "yoga-trial")
    assert cli("status", "yoga-trial", "--json").json()["unpublished_changes"] is True
    refused = cli("activate", "yoga-trial")
    assert "already active" in refused.err
    dry = cli("publish", "yoga-trial", "--dry-run", "--json").json()
    assert dry["dry_run"] is True and dry["published_version"] == 2
    assert dry["changes"] == ["1 email edited"]
    assert "1 contact who have not received it yet" in dry["contacts"][0]
    assert cli("status", "yoga-trial", "--json").json()["published_version"] == 1
    text = cli("publish", "yoga-trial").out
    assert "Published version 2" in text and "For contacts already in the campaign" in text
    assert cli("status", "yoga-trial", "--json").json()["unpublished_changes"] is False


@pytest.mark.files_only("the demo makes no file where --workspace points")
def test_demo_prints_a_report_and_leaves_the_workspace_alone(cli: Cli) -> None:
    result = cli("demo", "--contacts", "20")
    assert result.code == 0
    assert "Report for Lotus Yoga" in result.out and "What the bot filter prevented" in result.out
    assert cli.workspace is not None and not cli.workspace.exists()
    assert cli("demo", "--contacts", "0").code == 1


def test_demo_explains_why_the_filter_can_give_a_goal_more(cli: Cli) -> None:
    import re

    out = cli("demo").out
    lines = [line for line in out.splitlines() if " with the filter; " in line]
    assert lines
    for line in lines:
        with_filter, without = map(int, re.findall(r"(\d+) with(?:out)? (?:the filter|it)", line))
        explained = "reached another goal first" in line
        assert explained == (with_filter > without), line


def test_the_report_tells_links_with_the_same_text_apart(cli: Cli, tmp_path: Path) -> None:
    import json

    assert cli("import", YOGA).code == 0
    out = tmp_path / "same-text.campaign.json"
    cli("export", "yoga-trial", "-o", str(out))
    document = json.loads(out.read_text("utf-8"))
    last = document["campaign"]["sequences"][0]["emails"][2]
    link = last["links"][0]
    last["body_html"] = last["body_html"].replace(f">{link['text']}<", ">Book your free trial class<")
    link["text"] = "Book your free trial class"
    out.write_text(json.dumps(document), "utf-8")
    assert cli("import", str(out), "--into", "yoga-trial").code == 0
    assert cli("publish", "yoga-trial").code == 0
    lines = [line.strip() for line in cli("report", "yoga-trial").out.splitlines()
             if line.strip().startswith("Book your free trial class")]
    assert len(lines) == 2
    assert "(in 'Welcome to Lotus Yoga, {{first_name}}')" in lines[0]
    assert f"(in '{last['subject']}')" in lines[1]


def test_the_report_gives_each_goal_its_conversion(cli: Cli) -> None:
    live(cli)
    cli("enroll", "yoga-trial", "nurture", "ann@example.com", "bob@corp.example")
    cli("advance", "2m")
    link = cli("inbox", "ann@example.com", "--json").json()[0]["links"]["book-trial"]
    cli("advance", "2m")
    cli("click", link, "--user-agent", BROWSER)
    cli("advance", "1m")
    out = cli("report", "yoga-trial").out
    assert "Booked a trial class: 1 (50% of 2 who entered the sequences before it)" in out

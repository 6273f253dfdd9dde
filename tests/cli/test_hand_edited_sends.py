"""A send row changed outside Campaign Canvas: the inbox and the written email refuse it with a
sentence naming the email and what is missing, never a traceback, and change nothing."""

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.cli.helpers import ROOT, Cli

YOGA = str(ROOT / "resources/samples/yoga-trial.campaign.json")


def _sent(cli: Cli) -> list[dict[str, object]]:
    for args in (("import", YOGA), ("publish", "yoga-trial"), ("activate", "yoga-trial"),
                 ("contact", "add", "ann@example.com", "--name", "Ann Lee"),
                 ("enroll", "yoga-trial", "nurture", "ann@example.com"), ("advance", "2m")):
        assert cli(*args).code == 0, args
    mails: list[dict[str, object]] = cli("inbox", "ann@example.com", "--json").json()
    assert len(mails) == 1
    return mails


def _edit(location: Path | str, sql: str) -> None:
    url = location if isinstance(location, str) else f"sqlite:///{location}"
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


@pytest.mark.parametrize(("edit", "words"), [
    ("email_id = 'no-such-email'",
     "names the email 'no-such-email', which version 1 of campaign 'yoga-trial' does not hold"),
    ("version = 7", "was sent under version 7 of campaign 'yoga-trial', which is not in"),
    ("name_fallback = NULL, tracking_port = NULL",
     "has neither its body nor the first-name fallback and tracking port it was sent with"),
])
def test_a_hand_edited_send_is_refused_with_a_sentence(
        cli: Cli, workspace_location: Path | str, edit: str, words: str) -> None:
    sent = _sent(cli)
    _edit(workspace_location, f"UPDATE sends SET {edit}")
    for args in (("inbox", "ann@example.com", "--json"), ("inbox", "ann@example.com"),
                 ("write-email", "ann@example.com")):
        refused = cli(*args)
        assert refused.code == 1, args
        assert "Traceback" not in refused.err and refused.out == ""
        assert f"sent email {sent[0]['send_id']}" in refused.err and words in refused.err
        assert "changed outside Campaign Canvas" in refused.err


def test_a_send_without_the_contact_name_reads_as_sent_to_no_name(
        cli: Cli, workspace_location: Path | str) -> None:
    assert "<p>Hi Ann,</p>" in str(_sent(cli)[0]["html"])
    _edit(workspace_location, "UPDATE sends SET contact_name = NULL")
    shown = cli("inbox", "ann@example.com", "--json")
    assert shown.code == 0 and "<p>Hi there,</p>" in str(shown.json()[0]["html"])

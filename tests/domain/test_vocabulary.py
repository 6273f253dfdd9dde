"""One vocabulary: the stored words, the sentence rule, and the one reader of data-link."""

from canvas_app.domain.anchors import anchors_in, rename_links, replace_anchors
from canvas_app.domain.errors import UserError, sentence
from canvas_app.domain.vocabulary import CampaignState, MembershipStatus
from canvas_app.domain.words import free_number, plural, unused
from canvas_app.engine.errors import Refused
from canvas_app.store.errors import WorkspaceError


def test_the_enums_are_the_stored_words() -> None:
    assert CampaignState.ACTIVE == "active" and f"{CampaignState.PAUSED}" == "paused"
    assert [str(s) for s in MembershipStatus] == ["active", "finished", "stopped"]


def test_a_message_becomes_one_sentence_once() -> None:
    assert sentence("the disk is full") == "The disk is full."
    assert sentence("The disk is full.") == "The disk is full."
    assert sentence("problems:\n  $.x: bad") == "Problems:\n  $.x: bad"  # a list: nothing added


def test_every_error_a_user_reads_shares_the_base() -> None:
    assert isinstance(WorkspaceError("x"), UserError)
    refused = Refused("publish it first", command="publish c1", menu="Campaign › Publish…")
    assert str(refused) == "publish it first (publish c1)"  # the command line's wording
    assert refused.in_words() == "Publish it first. Use Campaign › Publish…"


def test_renaming_links_rewrites_every_anchor_however_quoted() -> None:
    body = '<p><a data-link="a">one</a> <a data-link=\'b\'>two</a> <a data-link="c">3</a></p>'
    renamed = rename_links(body, {"a": "b", "b": "a"})  # a swap is not applied twice
    assert [a.link_id for a in anchors_in(renamed)] == ["b", "a", "c"]


def test_whole_anchors_are_replaced_with_their_text() -> None:
    clean = '<p>Go <a data-link="x">here</a></p>'
    assert replace_anchors(clean, lambda link, inner: f"[{link}:{inner}]") == "<p>Go [x:here]</p>"


def test_one_plural_rule_for_nouns_and_verbs() -> None:
    assert plural(1, "has", "have") == "has" and plural(3, "has", "have") == "have"
    assert plural(0, "email") == "emails"


def test_numbering_takes_the_first_free_number() -> None:
    assert free_number({"c-2", "c-3"}, lambda n: f"c-{n}") == 4
    assert unused("Goal", {"Goal", "Goal 2"}) == "Goal 3"

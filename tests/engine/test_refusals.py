"""A refusal reads one way on the command line (the command to type) and another in a window
(the menu to use)."""

from canvas_app.engine.errors import Refused


def test_the_command_line_wording_ends_with_the_command() -> None:
    refusal = Refused("publish 'Ebook' before activating it", command="publish ebook",
                      menu="Campaign › Publish…")
    assert str(refusal) == "publish 'Ebook' before activating it (publish ebook)"
    assert refusal.in_words() == "Publish 'Ebook' before activating it. Use Campaign › Publish…"


def test_a_plain_refusal_reads_the_same_in_both() -> None:
    refusal = Refused("'Ebook' is already active")
    assert str(refusal) == "'Ebook' is already active"
    assert refusal.in_words() == "'Ebook' is already active."

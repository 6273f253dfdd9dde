from canvas_app.domain.words import count


def test_one_is_singular_everything_else_plural() -> None:
    assert [count(n, "email") for n in (0, 1, 2)] == ["0 emails", "1 email", "2 emails"]
    assert count(1, "goal reached", "goals reached") == "1 goal reached"
    assert count(3, "goal reached", "goals reached") == "3 goals reached"


def test_unused_names_count_on_from_two() -> None:
    from canvas_app.domain.words import unused

    assert unused("Welcome", set()) == "Welcome"
    assert unused("Welcome", {"Welcome"}) == "Welcome 2"
    assert unused("Welcome", {"Welcome", "Welcome 2"}) == "Welcome 3"

from canvas_app.engine.demo import run_demo


def test_the_demo_shows_what_the_bot_filter_prevents() -> None:
    result = run_demo(contacts=40, days=4, seed=3)
    assert result.scanned_contacts == 10
    assert result.filtered.sends > 40
    assert sum(result.filtered.achieved_by_bots.values()) == 0  # nothing achieved by a scanner
    assert sum(result.unfiltered.achieved_by_bots.values()) >= 5  # without the filter: many
    assert result.filtered.links["book-trial"]["bot"] == 10  # every scanned email was opened
    assert result.filtered.honeypot_hits >= 10

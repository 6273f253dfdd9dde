"""A participant in a real browser: headless Chromium (the distribution's `chromium` and
`chromium-driver`, installed by `make browser`) driven by Selenium opens the join URL, fills in
the form, sees the first email arrive after the clock moves, clicks the chosen link, and the
campaign's status shows the goal achieved."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from canvas_app.engine.reports import status
from canvas_app.engine.workshop import Workshop
from canvas_app.engine.workshop_app import WorkshopServer
from tests.engine.conftest import Sim

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="needs the distribution's chromium and chromium-driver (`make browser` installs "
           "them as root)")

#: A phone's browser: headless Chromium's own user agent says "HeadlessChrome", which the
#: bot filter rightly takes for a robot.
PHONE = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/126.0 Mobile Safari/537.36")

webdriver = pytest.importorskip("selenium.webdriver")


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--window-size=412,915", f"--user-agent={PHONE}",
                 f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def test_a_participant_joins_reads_clicks_and_the_goal_is_achieved(live: Sim,
                                                                   browser: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as seen
    from selenium.webdriver.support.ui import WebDriverWait

    driver: webdriver.Chrome = browser  # type: ignore[assignment]
    served = WorkshopServer(Workshop(live.ws, "ebook", "welcome"), 0, log=None)
    served.start()
    try:
        driver.get(served.join_url)
        driver.find_element(By.ID, "name").send_keys("Ann")
        driver.find_element(By.ID, "email").send_keys("ann@example.com")
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait = WebDriverWait(driver, 30, poll_frequency=0.2)
        wait.until(seen.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Inbox of Ann"))
        assert "No email yet" in driver.page_source
        live.advance(60)  # the trainer moves the clock: the page refreshes itself
        link = wait.until(seen.element_to_be_clickable((By.LINK_TEXT, "text of dl")))
        assert driver.find_elements(By.TAG_NAME, "script") == []
        link.click()
        wait.until(seen.text_to_be_present_in_element((By.TAG_NAME, "h1"), "You clicked"))
        assert "https://example.com/x" in driver.page_source
    finally:
        served.stop()
    live.advance(120)  # past the window in which clicks are judged
    assert status(live.ws, "ebook").nodes["downloaded"]["achieved"] == 1

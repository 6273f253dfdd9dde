"""How faithfully the preview shows real emails: the open-source templates under
tests/fixtures/templates/, each imported as a user would, previewed at 700 px, next to the
original in headless Chromium at the same width (network refused, so images show as what
they are without their files, like our placeholders).

    PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.email_fidelity \
        record      # Chromium's heights -> tests/fixtures/templates/chromium_heights.json
    ... email_fidelity shots DIR   # DIR/email_NAME.png: ours | Chromium, and the figures

Run as root, Chromium needs --no-sandbox (given here)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "fixtures" / "templates"
HEIGHTS = TEMPLATES / "chromium_heights.json"
WIDTH = 700
COMMAND = ("PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen .venv/bin/python -m "
           "tests.benchmarks.email_fidelity record")


def names() -> list[str]:
    return sorted(p.parent.name for p in TEMPLATES.glob("*/email.html"))


def chromium() -> object:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND",
                 f"--window-size={WIDTH},1000"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def chromium_height(driver: object, name: str, shot: Path | None = None) -> int:
    """The original's document height at WIDTH css px (and its full-page picture)."""
    d = driver  # selenium's Chrome
    d.get((TEMPLATES / name / "email.html").as_uri())  # type: ignore[attr-defined]
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {  # type: ignore[attr-defined]
        "width": WIDTH, "height": 100, "deviceScaleFactor": 1, "mobile": False})
    height = int(d.execute_script(  # type: ignore[attr-defined]
        "return document.documentElement.scrollHeight"))
    if shot is not None:
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {  # type: ignore
            "width": WIDTH, "height": min(height, 8000), "deviceScaleFactor": 1,
            "mobile": False})
        d.save_screenshot(str(shot))  # type: ignore[attr-defined]
    return height


def record() -> dict[str, object]:
    driver = chromium()
    try:
        heights = {name: chromium_height(driver, name) for name in names()}
    finally:
        driver.quit()  # type: ignore[attr-defined]
    result: dict[str, object] = {"width": WIDTH, "command": COMMAND,
                                 "chromium": "headless=new, network refused",
                                 "heights": heights}
    HEIGHTS.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    return result


def ours(name: str) -> tuple[object, float]:
    """Our preview of the imported template at WIDTH (a SafePreview) and its opening time."""
    from canvas_app.engine.html_import import html_of, import_html
    from canvas_app.ui.email.preview_html import LinkState, preview
    from canvas_app.ui.email.safe_preview import SafePreview

    data = (TEMPLATES / name / "email.html").read_bytes()
    email = import_html(html_of(data, "email.html")).email()
    from PySide6.QtWidgets import QTextEdit

    started = time.perf_counter()
    view = SafePreview()
    view.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)  # laid out once, at WIDTH
    view.setLineWrapColumnOrWidth(WIDTH)
    view.setHtml(preview(email, lambda _link: LinkState.CAN_CHOOSE))
    view.document().size()  # laid out
    return view, (time.perf_counter() - started) * 1000


def shots(folder: Path) -> None:
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([])
    folder.mkdir(parents=True, exist_ok=True)
    driver = chromium()
    try:
        for name in names():
            original = folder / f"chromium_{name}.png"
            theirs = chromium_height(driver, name, original)
            view, ms = ours(name)
            document = view.document()  # type: ignore[attr-defined]
            height = int(document.size().height())
            other = QImage(str(original))
            picture = QImage(WIDTH * 2 + 20, max(min(height, 8000), other.height()),
                             QImage.Format.Format_RGB32)
            picture.fill(QColor("#888888"))
            painter = QPainter(picture)
            painter.fillRect(0, 0, WIDTH, min(height, 8000), QColor("white"))
            document.drawContents(painter)
            painter.drawImage(WIDTH + 20, 0, other)
            painter.end()
            picture.save(str(folder / f"email_{name}.png"))
            original.unlink()
            print(f"{name:22} ours {height:5} px  chromium {theirs:5} px  "
                  f"ratio {height / theirs:4.2f}  opened in {ms:5.1f} ms  "
                  f"requests {len(view.refused)}  placeholders {len(view.placeholders)}")  # type: ignore
    finally:
        driver.quit()  # type: ignore[attr-defined]


if __name__ == "__main__":
    if sys.argv[1:2] == ["record"]:
        print(json.dumps(record(), indent=2))
    elif sys.argv[1:2] == ["shots"] and len(sys.argv) == 3:
        shots(Path(sys.argv[2]))
    else:
        print(__doc__)
        sys.exit(2)

"""The measurement behind the preview's renderer decision (issue 20): QtWebEngine (JavaScript
off, every request but our own refused by an interceptor) against QTextBrowser with the kept
styles, on the real templates: opening time and document height at 700 px.

QtWebEngine is not a dependency of the project: this runs in a throwaway venv holding
PySide6_Essentials and PySide6_Addons of the project's version, e.g.

    python -m venv /tmp/webengine-venv
    /tmp/webengine-venv/bin/pip install PySide6_Essentials==6.11.3 PySide6_Addons==6.11.3
    QTWEBENGINE_DISABLE_SANDBOX=1 QT_QPA_PLATFORM=offscreen PYTHONPATH=$PWD \\
        /tmp/webengine-venv/bin/python -m tests.benchmarks.webengine_compare [SHOTS_DIR]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, QUrl
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication

from canvas_app.engine.html_import import html_of, import_html
from canvas_app.engine.sanitize import web_body
from tests.benchmarks.email_fidelity import TEMPLATES, WIDTH, names


class Refuser(QWebEngineUrlRequestInterceptor):
    def __init__(self) -> None:
        super().__init__()
        self.refused: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl().toString()
        if not url.startswith("data:") and url != "about:blank":
            self.refused.append(url)
            info.block(True)


def wait(loop: QEventLoop, seconds: float) -> None:
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    shots = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    started = time.perf_counter()
    profile = QWebEngineProfile()  # off the record: no disk cache, no cookies kept
    refuser = Refuser()
    profile.setUrlRequestInterceptor(refuser)
    view = QWebEngineView()
    page = QWebEnginePage(profile, view)
    view.setPage(page)
    settings = page.settings()
    settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, False)
    settings.setAttribute(QWebEngineSettings.WebAttribute.AutoLoadImages, False)
    view.resize(WIDTH, 900)
    view.show()
    print(f"first view created in {(time.perf_counter() - started) * 1000:.0f} ms")
    for name in names():
        email = import_html(html_of((TEMPLATES / name / "email.html").read_bytes(),
                                    "email.html")).email()
        document = (f"<html><body style='margin:0'><div class='mail-body'>"
                    f"{web_body(email.body_html, lambda _u: False, '.mail-body')}</div>"
                    "</body></html>")
        loop = QEventLoop()
        page.loadFinished.connect(loop.quit)
        begun = time.perf_counter()
        page.setHtml(document, QUrl("about:blank"))
        loop.exec()
        opened = (time.perf_counter() - begun) * 1000
        page.loadFinished.disconnect(loop.quit)
        heights: list[int] = []
        page.runJavaScript("document.documentElement.scrollHeight", 1,  # ApplicationWorld
                           heights.append)
        for _ in range(50):
            if heights:
                break
            wait(QEventLoop(), 0.05)
        if shots is not None:
            view.resize(WIDTH, min(int(heights[0] or 900) if heights else 900, 8000))
            wait(QEventLoop(), 0.5)
            view.grab().save(str(shots / f"webengine_{name}.png"))
            view.resize(WIDTH, 900)
        print(f"{name:22} webengine opened in {opened:6.1f} ms  height "
              f"{int(heights[0] or 0) if heights else -1:5} px  refused requests {len(refuser.refused)}")
    app.quit()


if __name__ == "__main__":
    main()

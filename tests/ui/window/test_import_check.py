"""The editor's cheaper spelling of PySide6's per-import check gives PySide6's own answers."""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401  (installs PySide6's import check)

import canvas_app.domain.model  # (checked below)
import canvas_app.ui.window.app  # noqa: F401
from canvas_app.ui.window.import_check import _reading_bytes, make_imports_cheaper


def test_the_cheaper_check_answers_as_pysides_own_for_every_loaded_module() -> None:
    assert make_imports_cheaper()
    installed = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    original = installed.original
    cheaper = _reading_bytes(original)
    modules = [m for name, m in sorted(sys.modules.items())
               if name.startswith(("canvas_app", "tests", "json", "sqlalchemy.orm", "PySide6"))]
    answers = [(m.__name__, cheaper(m), original(m)) for m in modules]
    assert len(answers) > 50
    assert [a for a in answers if a[1] != a[2]] == []
    # both kinds are among them: a module of ours that uses Qt, and one that does not
    assert ("canvas_app.ui.window.app", True, True) in answers
    assert ("canvas_app.domain.model", False, False) in answers
    assert make_imports_cheaper() and \
        sys.modules["shibokensupport.feature"]._mod_uses_pyside is installed  # installed once

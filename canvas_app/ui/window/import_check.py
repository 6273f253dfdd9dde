"""A cheaper spelling of PySide6's per-import check, for the editor's start-up.

Once PySide6 is loaded, it checks every module imported after it for the word "PySide6" in
its source (to support ``from __feature__ import ...``, which Campaign Canvas never uses). It
reads each source through ``inspect.getsource``: line cache, splitting and joining, about
0.2 ms a module, 70-85 ms for the 420 modules the full editor imports after Qt. Reading the
file's bytes gives the same answer for a module with a ``.py`` file at a fraction of the cost;
any other module is left to PySide6's own check. Nothing changes if PySide6's internals are not
what this expects (the check is then left as it is).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

_FEATURE_MODULE = "shibokensupport.feature"
_CHECK = "_mod_uses_pyside"


def make_imports_cheaper() -> bool:
    """Installs the cheaper check (once); True when it is in place."""
    feature = sys.modules.get(_FEATURE_MODULE)
    original = getattr(feature, _CHECK, None)
    if feature is None or not callable(original):
        return False
    if getattr(original, "_reads_bytes", False):
        return True
    setattr(feature, _CHECK, _reading_bytes(original))
    return True


def _reading_bytes(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    uses_pyside._reads_bytes = True  # type: ignore[attr-defined]
    uses_pyside.original = original  # type: ignore[attr-defined]
    return uses_pyside

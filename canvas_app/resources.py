"""Where the application's resources (schema, samples, icons, styles) live.

In a source checkout or an editable install they sit in ``resources/`` next to the package;
in a built wheel or bundle they are copied into ``canvas_app/_resources``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    for candidate in (_PACKAGE / "_resources", _PACKAGE.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the application's resources folder is missing; reinstall Campaign Canvas")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)

"""Files the editor writes for the user (an exported campaign, a picture, a report) must never
be the workspace, or one of its companion files: an export over it would replace every
campaign, contact and click. Written under a temporary name and moved into place, so a failure
never leaves half a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from canvas_app.engine.errors import Refused
from canvas_app.store.workspace_file import open_here

COMPANIONS = ("-wal", "-shm", "-journal", ".lock")


def workspace_target(path: Path) -> bool:
    """Whether ``path`` is a workspace open in this program, or one of its companion files."""
    real = os.path.realpath(path)
    bases = [real] + [real[: -len(s)] for s in COMPANIONS if real.endswith(s)]
    return any(open_here(Path(base)) for base in bases)


def write_user_file(path: Path, data: str | bytes) -> None:
    """Writes an export; Refused (in words) for the workspace itself or a file that cannot be
    written."""
    if workspace_target(path):
        raise Refused(f"{path.name} is the open workspace (or one of its files): choose "
                      "another name for the export")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise Refused(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise Refused(f"cannot write {path}: {exc.strerror}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

"""Small helpers for command output: JSON on stdout, messages on stderr, safe file writes."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

from canvas_app.domain.errors import UserError
from canvas_app.engine.file_guard import COMPANIONS
from canvas_app.store.postgres import is_url

PROG = "campaign-canvas"


def fail(message: str) -> int:
    """Prints a refusal on stderr after the program's name, as ``domain.errors`` says a message
    is written; returns exit status 1."""
    sys.stderr.write(f"{PROG}: {message}\n")
    return 1


class CommandError(UserError):
    """A refusal or bad input: printed on stderr, exit status 1."""


def workspace_argument(text: str) -> Path | str:
    """A workspace file, or a database server's URL (kept as text: a path would fold its
    ``//``)."""
    return text if is_url(text) else Path(text)


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def refuse_workspace_files(path: Path, workspace: Path | None) -> None:
    """CommandError when ``path`` is the workspace or one of its companion files: writing an
    export there would replace every campaign, contact and click with it (a workspace on a
    server, ``None``, has no files)."""
    if workspace is None:
        return
    target = os.path.realpath(path)
    base = os.path.realpath(workspace)
    if target in {base, *(base + suffix for suffix in COMPANIONS)}:
        raise CommandError(f"{path} is the workspace itself (or one of its files); choose "
                           "another file to write to")


def write_text_atomically(path: Path, text: str) -> None:
    """Writes ``text`` to ``path`` so that a failure never leaves half a file.

    A regular file (new or existing) is written under a temporary name in the same folder,
    synced, then renamed into place; a new file gets the usual permissions (0666 less the
    umask) and an existing one keeps its own. A symbolic link is followed: its target is
    written and the link stays. A named pipe is written directly when a program is reading
    from it (there is nothing to replace) and refused when none is, rather than waiting for
    ever. Folders, devices and sockets are refused.
    """
    target = Path(os.path.realpath(path))  # a link's target (even one not made yet)
    try:
        st: os.stat_result | None = os.stat(path)  # follows links, /proc's ones included
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {_why(exc, target)}") from None
    if st is not None and stat.S_ISFIFO(st.st_mode):
        _write_to_pipe(path, text)
        return
    if st is not None and not stat.S_ISREG(st.st_mode):
        what = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
            what = "a device"
        raise CommandError(f"cannot write {path}: it is {what}; give a file name instead")
    directory = target.parent
    if not directory.is_dir():
        raise CommandError(f"cannot write {path}: the folder {directory} does not exist")
    mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask()
    temp: str | None = None
    try:
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{target.name[:64]}.",
                                    suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.chmod(temp, mode)
            if st is not None and hasattr(os, "chown"):
                with contextlib.suppress(OSError):  # keep the owner where we may
                    os.chown(temp, st.st_uid, st.st_gid)
            os.fsync(handle.fileno())
        os.replace(temp, target)
        temp = None
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {_why(exc, directory)}") from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def _write_to_pipe(path: Path, text: str) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise CommandError(f"cannot write {path}: it is a named pipe and no program is "
                               "reading from it") from None
        raise CommandError(f"cannot write {path}: {_why(exc, path)}") from None
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {_why(exc, path)}") from None


def _why(exc: OSError, where: Path) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{where} cannot be written (permission denied or a read-only file system)"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full; free some space and try again"
    return exc.strerror or str(exc)


def _umask() -> int:
    """The process's umask, read without changing it where /proc allows."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask

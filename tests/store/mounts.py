"""A small tmpfs mounted by the test (root only): a full disk or a read-only file system."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=30)


@contextmanager
def tmpfs(where: Path, size: str = "1m") -> Iterator[Path]:
    """Mounts a tmpfs of ``size`` at ``where`` (skips the test with the reason where mounting
    is not possible); always unmounted afterwards."""
    if shutil.which("mount") is None:
        pytest.skip("no mount command on this machine")
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; run as root to test a full disk")
    where.mkdir(parents=True, exist_ok=True)
    done = _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where))
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        _run("umount", "-l", str(where))


def remount_read_only(where: Path) -> None:
    done = _run("mount", "-o", "remount,ro", str(where))
    assert done.returncode == 0, done.stderr


def fill(where: Path) -> None:
    """Fills the file system at ``where`` to the last byte."""
    for name, chunk in (("filler", 4096), ("filler-small", 1)):
        with open(where / name, "wb", buffering=0) as handle:
            try:
                for _ in range(1 << 30):  # bounded; a disk fills long before
                    handle.write(b"\0" * chunk)
            except OSError:
                pass

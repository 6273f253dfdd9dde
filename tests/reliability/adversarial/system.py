"""Operating-system tools for the damage tests: read-only and full file systems (a small tmpfs),
immutable files (the suite often runs as root, whom chmod does not stop), and the command line
in a subprocess with a timeout (a hang is killed and reported, never waited for)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.reliability.adversarial.support import ROOT


def _quiet(*argv: str) -> bool:
    if shutil.which(argv[0]) is None:
        return False
    return subprocess.run(argv, capture_output=True, timeout=30).returncode == 0


def tmpfs_reason() -> str | None:
    """Why a tmpfs cannot be mounted here, or None when it can."""
    if sys.platform != "linux":
        return "tmpfs needs Linux"
    if os.geteuid() != 0:
        return "mounting a tmpfs needs root"
    return None


@contextlib.contextmanager
def tmpfs(where: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``where``; always unmounted. Skips the test if refused."""
    import pytest

    reason = tmpfs_reason()
    if reason:
        pytest.skip(reason)
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs",
                           str(where)], capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")
    try:
        yield where
    finally:
        for _ in range(5):
            if subprocess.run(["umount", str(where)], capture_output=True,
                              timeout=30).returncode == 0:
                break
            subprocess.run(["umount", "-l", str(where)], capture_output=True, timeout=30)


def remount_read_only(where: Path) -> None:
    assert _quiet("mount", "-o", "remount,ro", str(where)), f"cannot remount {where} read-only"


def immutable_reason() -> str | None:
    return None if shutil.which("chattr") else "chattr is not installed"


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    """``chattr +i``: not even root may write the file; always undone."""
    import pytest

    if not _quiet("chattr", "+i", str(path)):
        pytest.skip(f"chattr +i is not supported for {path}")
    try:
        yield
    finally:
        _quiet("chattr", "-i", str(path))


@dataclass
class Finished:
    code: int | None  # None: it hung and was killed
    out: str
    err: str


def cli_process(argv: list[str], *, timeout: float = 20, cwd: Path | None = None,
                env: dict[str, str] | None = None) -> Finished:
    """``python main.py ARGV`` in a subprocess; killed (code None) if it outlives ``timeout``."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
                   **(env or {})}
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *argv], cwd=cwd or ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment,
                            stdin=subprocess.DEVNULL)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate(timeout=30)
        return Finished(None, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))
    return Finished(proc.returncode, out.decode("utf-8", "replace"),
                    err.decode("utf-8", "replace"))

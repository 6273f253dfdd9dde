"""The reliability suite uses the UI tests' window fixtures."""

from tests.engine.conftest import live, sim, workspace  # noqa: F401
from tests.ui.conftest import mouse, window, workspace_path  # noqa: F401

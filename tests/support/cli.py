"""Running the ``kesco-bot`` command as a user would: a child process in its own folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def kesco(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``python -m bot ARGS`` in ``tmp_path``, with no ``KESCO_`` setting of the test's own."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("KESCO_")}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )

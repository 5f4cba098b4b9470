"""Results, journals, evidence and profiles hold personal data: folders 0700, files 0600, written atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def make_private_dir(path: Path) -> Path:
    """The folder and any parents it needs, each created 0700 (mkdir's `mode` would not apply to parents).

    A folder that already exists is left as it is: `--out /tmp` must not lock everyone else out of /tmp. What
    the bot puts inside is private either way.
    """
    for folder in [*reversed(path.parents), path]:
        if not folder.exists():
            folder.mkdir(mode=0o700, exist_ok=True)
            folder.chmod(0o700)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Write beside the target, then rename over it; mkstemp creates the file 0600."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise

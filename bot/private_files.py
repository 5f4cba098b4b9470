"""Results, journals, evidence and profiles hold personal data: folders 0700, files 0600, written atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from bot.errors import BadInput


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


def usable_folder(folder: Path, flag: str, variable: str) -> None:
    """Create `folder` (0700) or raise BadInput naming the flag: a folder that cannot be written is bad input,
    found before anything runs, not a traceback halfway through."""
    if folder.exists() and not folder.is_dir():
        raise BadInput(f"{flag}: {folder} is a file, not a folder", hint=f"point {flag} (or {variable}) at a folder")
    try:
        make_private_dir(folder)
    except OSError as error:
        raise BadInput(f"{flag}: cannot use {folder} as a folder ({reason(error)})",
                       hint=f"point {flag} (or {variable}) at a folder you can write to") from None


def reason(error: BaseException) -> str:
    """What an OSError (or sqlite3 error) says, in its own words."""
    return (error.strerror if isinstance(error, OSError) else None) or str(error) or error.__class__.__name__

"""Per-account browser profiles: they keep a LinkedIn session between runs, so a member logs in once."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from bot.errors import OptoutError
from bot.journal import make_private_dir


class ProfileBusy(OptoutError):
    code = "profile-busy"


class ProfileLock:
    """Holds `<profiles>/<slug>.lock` so two live browsers never open the same profile."""

    def __init__(self, profiles_dir: Path, slug: str) -> None:
        self.directory = profiles_dir / slug
        self._lock_path = profiles_dir / f"{slug}.lock"
        self._descriptor: int | None = None

    def __enter__(self) -> Path:
        make_private_dir(self.directory.parent)
        descriptor = os.open(self._lock_path, os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            raise ProfileBusy(f"the browser profile {self.directory} is in use by another optout process",
                              hint="wait for the other run to finish") from None
        self._descriptor = descriptor
        return make_private_dir(self.directory)

    def __exit__(self, *exc: object) -> None:
        if self._descriptor is not None:
            fcntl.flock(self._descriptor, fcntl.LOCK_UN)
            os.close(self._descriptor)
            self._descriptor = None

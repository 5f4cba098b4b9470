"""Per-account browser profiles: they keep a LinkedIn session between runs, so a member logs in once."""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from bot.errors import OptoutError
from bot.private_files import make_private_dir, write_private


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


class PasswordStamp:
    """Which password created the session kept in a profile, as a salted scrypt hash (0600, never logged).

    A kept session must not silently stand in for a different password: when the user gives one that does not
    match, the bot signs in afresh with it, so a wrong or changed password is noticed, not hidden.
    """

    _NAME = ".optout-password-stamp"

    def __init__(self, profile: Path) -> None:
        self._path = profile / self._NAME

    @staticmethod
    def _hash(password: str, salt: bytes) -> bytes:
        return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=2**14, r=8, p=1)

    def matches(self, password: str) -> bool | None:
        """True or False; None when the kept session was not made with a password."""
        try:
            salt, digest = self._path.read_bytes().split(b":", 1)
        except (OSError, ValueError):
            return None
        return hmac.compare_digest(self._hash(password, bytes.fromhex(salt.decode())).hex().encode(), digest)

    def save(self, password: str) -> None:
        salt = secrets.token_bytes(16)
        write_private(self._path, salt.hex().encode() + b":" + self._hash(password, salt).hex().encode())

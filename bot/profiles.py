"""Per-account browser profiles: they keep a LinkedIn session between runs, so a member logs in once."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import logging
import os
import secrets
import select
import signal
import socket
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_delay, wait_exponential

from bot.errors import OptoutError
from bot.private_files import make_private_dir, write_private

log = logging.getLogger(__name__)


class ProfileBusy(OptoutError):
    code = "profile-busy"


BUSY_WAIT_S = 300.0


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
            for attempt in Retrying(retry=retry_if_exception_type(BlockingIOError), reraise=True,
                                    wait=wait_exponential(multiplier=0.2, max=2), stop=stop_after_delay(BUSY_WAIT_S),
                                    before_sleep=self._log_wait):
                with attempt:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            raise ProfileBusy(f"the browser profile {self.directory} stayed in use by another optout process "
                              f"for {BUSY_WAIT_S:.0f} s", hint="let the other run finish, then run again") from None
        self._descriptor = descriptor
        return make_private_dir(self.directory)

    def _log_wait(self, state: RetryCallState) -> None:
        if state.attempt_number == 1:
            log.warning("waiting for another optout process to finish with the profile %s", self.directory.name)

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

    def save_soon(self, password: str) -> Future[None]:
        """Save from a background thread: scrypt's 50 ms of CPU then overlap the pages (it releases the GIL)."""
        return _STAMP_WRITER.submit(self.save, password)


_STAMP_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="password-stamp")


def reap_orphan_browser(profile: Path, wait_s: float = 10.0) -> int | None:
    """Stop a browser (and its driver) left running on this profile by a crashed or killed run.

    Only called while holding the profile's lock, so no live optout process owns that browser. Chromium records
    its owner in `SingletonLock` ("<host>-<pid>"). Returns the pid stopped, if any.
    """
    try:
        host, _, pid_text = os.readlink(profile / "SingletonLock").rpartition("-")
        pid = int(pid_text)
    except (OSError, ValueError):
        return None
    if host != socket.gethostname() or f"--user-data-dir={profile}" not in _command_line(pid):
        return None
    parent = _parent_pid(pid)
    _kill_and_wait(pid, wait_s)
    if parent and "chromedriver" in _command_line(parent):
        _kill_and_wait(parent, wait_s)
    for name in ("SingletonLock", "SingletonSocket", "SingletonCookie"):
        with contextlib.suppress(FileNotFoundError):
            (profile / name).unlink()
    return pid


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _parent_pid(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _kill_and_wait(pid: int, wait_s: float) -> None:
    """SIGKILL, then wait on the process's pidfd (an event, not a sleep) until it is gone."""
    try:
        descriptor = os.pidfd_open(pid)
    except OSError:
        return
    try:
        signal.pidfd_send_signal(descriptor, signal.SIGKILL)
        poller = select.poll()
        poller.register(descriptor, select.POLLIN)
        poller.poll(wait_s * 1000)
    except OSError:
        pass
    finally:
        os.close(descriptor)

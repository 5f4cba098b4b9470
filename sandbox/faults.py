"""Faults a test can switch on: slow or failing answers, lost saves, late or changing pages."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

# kind -> the extra fields it takes
KINDS: dict[str, frozenset[str]] = {
    "latency": frozenset({"ms"}),
    "slow-response": frozenset({"ms"}),
    "error": frozenset({"status", "retry_after"}),
    "late-render": frozenset({"ms"}),
    "lost-save": frozenset(),
    "stale": frozenset(),
    "drop": frozenset(),
    "lost-response": frozenset(),
    "changed-markup": frozenset(),
    "unexpected-page": frozenset(),
}
SCOPE = frozenset({"kind", "path", "method", "email", "count"})
METHODS = ("GET", "POST")
NEVER_FAULTED = ("/__sandbox__/", "/favicon.ico")


@dataclass(frozen=True)
class Fault:
    kind: str
    path: str | None = None
    method: str | None = None
    email: str | None = None
    count: int | None = None
    ms: int = 0
    status: int = 503
    retry_after: int | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fault:
        """A fault from its JSON form; ValueError names what is wrong."""
        if not isinstance(data, Mapping):
            raise ValueError("a fault is a JSON object")
        kind = data.get("kind")
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        unknown = sorted(set(data) - SCOPE - KINDS[kind])
        if unknown:
            raise ValueError(f"a {kind} fault does not take {', '.join(unknown)}")
        if "ms" in KINDS[kind] and "ms" not in data:
            raise ValueError(f"a {kind} fault needs ms")
        fault = cls(**data)
        fault._check()
        return fault

    def _check(self) -> None:
        for name in ("path", "method", "email"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{name} must be a string")
        if self.path is not None and not self.path.startswith("/"):
            raise ValueError("path must be a path prefix starting with /")
        if self.method is not None and self.method.upper() not in METHODS:
            raise ValueError(f"method must be one of {', '.join(METHODS)}")
        _check_int("count", self.count, minimum=1, optional=True)
        _check_int("ms", self.ms, minimum=0)
        _check_int("retry_after", self.retry_after, minimum=0, optional=True)
        _check_int("status", self.status, minimum=400)
        if self.status > 599:
            raise ValueError("status must be an HTTP error status (400-599)")

    def matches(self, kind: str, method: str, path: str, email: Callable[[], str | None]) -> bool:
        if self.kind != kind or (self.path is not None and not path.startswith(self.path)):
            return False
        if self.method is not None and self.method.upper() != method:
            return False
        if self.email is None:
            return True
        whose = email()
        return whose is not None and whose.casefold() == self.email.casefold()

    def to_dict(self) -> dict[str, Any]:
        wanted = SCOPE | KINDS[self.kind]
        return {k: v for k, v in asdict(self).items() if v is not None and k in wanted}


def _check_int(name: str, value: Any, minimum: int, optional: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}")


@dataclass
class _Entry:
    fault: Fault
    left: int | None  # uses left; None = forever


class FaultTable:
    """The active faults. A fault with a `count` is used up after that many requests it applied to."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[_Entry] = []

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._entries.append(_Entry(fault, fault.count))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def active(self) -> list[dict[str, Any]]:
        with self._lock:
            return [e.fault.to_dict() | ({} if e.left is None else {"left": e.left}) for e in self._entries]

    def take(self, kind: str, method: str, path: str, email: Callable[[], str | None]) -> Fault | None:
        """The first fault of `kind` that applies to this request; one use of its count is spent."""
        if path.startswith(NEVER_FAULTED):
            return None
        with self._lock:
            for entry in self._entries:
                if entry.fault.matches(kind, method, path, email):
                    if entry.left is not None:
                        entry.left -= 1
                        if entry.left <= 0:
                            self._entries.remove(entry)
                    return entry.fault
            return None

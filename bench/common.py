"""What every benchmark shares: sandbox members, checks that a run really did the job, statistics, progress."""

from __future__ import annotations

import logging
import secrets
import statistics
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import sandbox
from bot.accounts import Account, single_account

MEMBER_NAME = "Bench Member"
OBJECTION_TYPES = {"ai-training", "personalization-ml"}


class BenchError(Exception):
    """A run that did not do the job: its timings would mean nothing, so the benchmark stops."""


def say(message: str) -> None:
    """Progress goes to stderr; stdout is kept for the results table."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@contextmanager
def serve_with_latency(latency_ms: int) -> Iterator[sandbox.Sandbox]:
    """An in-process sandbox on 127.0.0.1 that delays every page and API answer by `latency_ms`."""
    with sandbox.serve() as server:
        if latency_ms:
            server.add_fault({"kind": "latency", "ms": latency_ms})
        yield server


def new_member(server: sandbox.Sandbox, email: str) -> tuple[Account, str]:
    """A fresh sandbox member with both settings on and nothing filed; the bot's Account and its password."""
    password = f"bench-{secrets.token_urlsafe(9)}"
    server.add_account(sandbox.AccountSpec(email=email, password=password, name=MEMBER_NAME))
    return single_account(email, password), password


def problem_with(state: Mapping[str, Any]) -> str | None:
    """Why a member's server-side record is not fully private (None when it is): each thing done exactly once."""
    if state["genai_training"] or state["partner_sharing"]:
        return "a setting is still on"
    if on := sorted(key for key, value in state.get("settings", {}).items() if value):  # a table: all-privacy
        return f"still on: {', '.join(on)}"
    kinds = sorted(objection["type"] for objection in state["objections"])
    if kinds != sorted(OBJECTION_TYPES):
        return f"objections filed: {kinds or 'none'}"
    return None


def require_private(server: sandbox.Sandbox, emails: list[str]) -> None:
    state = server.state()
    problems = [f"{email}: {problem}" for email in emails if (problem := problem_with(state[email]))]
    if problems:
        raise BenchError("the sandbox does not show the opt-outs done: " + "; ".join(problems[:5]))


def summary(values: list[float]) -> dict[str, float]:
    """Median and spread (min, max, quartiles) of repeated measurements, in seconds."""
    ordered = sorted(values)
    if len(ordered) > 1:
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    else:
        q1 = q3 = ordered[0]
    return {"median": statistics.median(ordered), "min": ordered[0], "max": ordered[-1], "q1": q1, "q3": q3,
            "n": len(ordered)}


def summarise_phases(runs: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    """Per phase (in the order the first run met them), the summary over runs."""
    names = list(dict.fromkeys(name for run in runs for name in run))
    return {name: summary([run.get(name, 0.0) for run in runs]) for name in names}


class Marks(logging.Handler):
    """Timestamps of the bot's own log lines, so phases are timed without any hook in the bot.

    `bot.runner` logs "<email> <flow>: <outcome>" when a flow ends; `flows.login` logs "logged in by <method>";
    `bot.retry` warns before each retry. Nothing is printed: records stop here (the root logger has no handler,
    and INFO is below Python's last-resort level).
    """

    LOGGERS = ("bot.runner", "flows.login", "bot.retry")

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[float, str, str, tuple[Any, ...]]] = []
        self._lock = threading.Lock()
        self._levels: dict[str, int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        with self._lock:
            self.records.append((time.perf_counter(), record.name, str(record.msg), args))

    def __enter__(self) -> Marks:
        for name in self.LOGGERS:
            logger = logging.getLogger(name)
            self._levels[name] = logger.level
            logger.setLevel(logging.INFO)
            logger.addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        for name, level in self._levels.items():
            logging.getLogger(name).removeHandler(self)
            logging.getLogger(name).setLevel(level)

    def login_done(self) -> float | None:
        return next((at for at, name, msg, _ in self.records if name == "flows.login" and
                     msg.startswith("logged in by")), None)

    def flows_done(self, email: str, flows: tuple[str, ...]) -> list[tuple[str, float]]:
        """(flow, when it ended) for this account, in the order they ended."""
        return [(args[1], at) for at, name, _, args in self.records
                if name == "bot.runner" and len(args) == 3 and args[0] == email and args[1] in flows]

    def retries(self) -> int:
        return sum(1 for _, name, _, _ in self.records if name == "bot.retry")

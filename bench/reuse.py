"""Browser reuse on vs off, in fresh-session mode (no kept profiles): does keeping a worker's browser for its next
account, wiped in between, pay for the wipe by saving the browser start?

For each worker count the two modes run the same batch size on fresh members, one after the other; which mode
runs first alternates between worker counts, so a machine that gets busier or quieter does not favour one mode.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sandbox
from bench.batch import Browsers, say_throughput, throughput
from bench.common import say
from bot.private_files import make_private_dir

MODES = {"reuse_on": True, "reuse_off": False}


def _batch(server: sandbox.Sandbox, root: Path, workers: int, size: int, mode: str) -> dict[str, Any]:
    browsers = Browsers(f"{mode.replace('_', '-')}-w", keep_sessions=False, reuse_browser=MODES[mode])
    say(f"reuse: {size} accounts, {workers} worker(s), {browsers.describe()}")
    result = throughput(server, make_private_dir(root / f"{mode}-w{workers}"), workers, size, browsers)[0]
    say_throughput(result)
    return result


def run_reuse(server: sandbox.Sandbox, root: Path, worker_counts: tuple[int, ...], size: int) -> dict[str, Any]:
    """Accounts per minute with reuse on and off for each worker count, and on / off."""
    by_workers: dict[str, Any] = {}
    for index, workers in enumerate(worker_counts):
        order = list(MODES) if index % 2 == 0 else list(reversed(MODES))
        runs = {mode: _batch(server, root, workers, size, mode) for mode in order}
        by_workers[str(workers)] = {mode: runs[mode] for mode in MODES}
    return {"accounts": size, "by_workers": by_workers,
            "speedup_reuse_over_fresh": {workers: runs["reuse_on"]["per_min"] / runs["reuse_off"]["per_min"]
                                         for workers, runs in by_workers.items()}}

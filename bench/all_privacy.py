"""Batch throughput with `--only all-privacy`: every flow of the registry (the default plan's four and every other
switch), accounts per minute with 1 and 2 workers.

The sandbox serves the registry's settings table (`serve(settings=registry.sandbox_table())`, as `optout sandbox`
does), so every setting exists; each worker count gets fresh members (all on, nothing filed, region US: every
setting offered) and runs the real `bot.batch.execute` with kept profiles and min_interval 0, as `bench.batch`
does for the default plan. A member counts as done only when the sandbox's record shows every setting off (its two
own and the table's) and both objections filed once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sandbox
from bench.batch import Browsers, run_batch
from flows import plan, registry

ALL_PRIVACY = Browsers(tag="ap", only=registry.ALL)


def run_all_privacy(root: Path, worker_counts: tuple[int, ...], size: int) -> dict[str, Any]:
    """`size` fresh members per worker count through `--only all-privacy`, against a sandbox with the full table."""
    table = registry.sandbox_table()
    with sandbox.serve(settings=table) as server:
        by_workers, _ = run_batch(server, root, worker_counts, size, ALL_PRIVACY)
    return {"only": registry.ALL, "flows": len(plan.expand([registry.ALL])), "table_settings": len(table),
            "accounts": size, "by_workers": by_workers}

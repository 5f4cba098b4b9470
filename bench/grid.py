"""Batch throughput through a real Selenium Grid (the 4.48.0 jar: a hub and 1 or 2 nodes of one slot each, on
127.0.0.1), beside the local batch with the same workers in the same run.

Workers = nodes (= free slots). Through the grid the bot runs fresh sessions, each worker reusing its wiped browser
(its default there), so the local batch beside it runs the same way: only the way the browser is reached differs
(hub -> node -> chromedriver, all on this machine). The grid's processes come from tests/grid_helpers.py (the
bench runs from the repository's root, like `make bench`); without Java or the jar the section is skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sandbox
from bench.batch import Browsers, say_throughput, throughput
from bench.common import say
from bench.endpoint import Endpoint
from bot.private_files import make_private_dir
from tests.grid_helpers import GridUnavailable, grid_jar, hub_and_nodes


def run_grid(server: sandbox.Sandbox, root: Path, node_counts: tuple[int, ...], size: int) -> dict[str, Any] | None:
    try:
        grid_jar()
    except GridUnavailable as reason:
        say(f"grid: skipped ({reason})")
        return None
    by_nodes: dict[str, Any] = {}
    for nodes in node_counts:
        with hub_and_nodes(make_private_dir(root / f"grid{nodes}"), nodes) as hub:
            say(f"grid: {size} accounts, hub {hub.url} with {nodes} node(s) of one slot, {nodes} worker(s)")
            endpoint = Endpoint(hub.url, hub.process.pid, None)
            through = throughput(server, make_private_dir(root / f"grid-n{nodes}"), nodes, size,
                                 Browsers(f"grid{nodes}-w", endpoint=endpoint))[0]
        say_throughput(through)
        say(f"grid: the same batch locally, {nodes} worker(s), fresh sessions with browser reuse")
        local = throughput(server, make_private_dir(root / f"local-n{nodes}"), nodes, size,
                           Browsers(f"gridlocal{nodes}-w", keep_sessions=False))[0]
        say_throughput(local)
        ratio = through["per_min"] / local["per_min"]
        by_nodes[str(nodes)] = {"grid": through, "local": local, "grid_over_local": ratio}
    return {"accounts": size, "by_nodes": by_nodes}


def markdown(section: dict[str, Any]) -> str:
    rows = [f"## Batch throughput through a Selenium Grid (hub + nodes of one slot each, {section['accounts']} "
            "accounts, fresh sessions, browser reuse on), beside the local batch of the same run", "",
            "| nodes = workers | grid accounts/min | local accounts/min | grid / local | grid wall s | local wall s "
            "| load avg (grid) | retries grid / local |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for nodes, d in section["by_nodes"].items():
        grid, local = d["grid"], d["local"]
        rows.append(f"| {nodes} | {grid['per_min']:.1f} | {local['per_min']:.1f} | {d['grid_over_local']:.2f} | "
                    f"{grid['wall_s']:.1f} | {local['wall_s']:.1f} | "
                    f"{grid['loadavg_1min_before']:.1f}-{grid['loadavg_1min_after']:.1f} | "
                    f"{grid['retries']} / {local['retries']} |")
    rows.append("\nThe grid's Java processes run on this machine too, so its numbers include their CPU; on a real "
                "grid the nodes are other machines and add their browsers' capacity instead.")
    return "\n".join(rows)

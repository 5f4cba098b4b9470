"""`python -m bench [--quick] [--only single|batch|batch-latency|resume|remote|reuse|floor-batch|grid|all-privacy]`:
run the benchmarks, write results.json and .md."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sandbox
from bench import all_privacy, batch, floor, grid, remote, results, reuse, single
from bench.common import BenchError, say, serve_with_latency
from bot.browser import discover, require
from bot.errors import OptoutError

HERE = Path(__file__).resolve().parent
NAMES = ("single", "batch", "batch-latency", "resume", "remote", "reuse", "floor-batch", "grid", "all-privacy")


@dataclass(frozen=True)
class Plan:
    names: tuple[str, ...]
    quick: bool
    repeats: int
    accounts: int
    reuse_accounts: int
    latencies: tuple[int, ...] = (0, 150)
    batch_latency: int = 150
    workers: tuple[int, ...] = (1, 2, 4)
    reuse_workers: tuple[int, ...] = (1, 2)
    grid_nodes: tuple[int, ...] = (1, 2)
    all_privacy_workers: tuple[int, ...] = (1, 2)

    @property
    def output(self) -> Path:
        return HERE / ("results-quick.json" if self.quick else "results.json")

    def describe(self) -> str:
        """The settings of the pieces this run measures (an `--only` run keeps the other sections of earlier runs,
        whose settings their own tables show)."""
        def joined(values: tuple[int, ...]) -> str:
            return ", ".join(map(str, values))

        parts = [
            (("single", "resume"), f"{self.repeats} repeats per latency "
                                   f"({', '.join(f'{ms} ms' for ms in self.latencies)})"),
            (("batch", "batch-latency", "remote"), f"{self.accounts} accounts per batch, workers "
                                                    f"{joined(self.workers)}, at 0 ms and {self.batch_latency} ms"),
            (("reuse", "floor-batch"), f"browser reuse {self.reuse_accounts} accounts, workers "
                                       f"{joined(self.reuse_workers)}"),
            (("grid",), f"grid {self.reuse_accounts} accounts, nodes {joined(self.grid_nodes)}"),
            (("all-privacy",), f"all-privacy {self.reuse_accounts} accounts, workers "
                               f"{joined(self.all_privacy_workers)}"),
        ]
        return "; ".join(text for pieces, text in parts if set(pieces) & set(self.names))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="a fast smoke run (2 repeats, 6 accounts, 4 for browser reuse); writes "
                             "bench/results-quick.json only")
    parser.add_argument("--only", choices=NAMES, help="run one benchmark; the others' results are kept")
    parser.add_argument("--repeats", type=int, help="runs per latency for `single` (default 5, quick 2)")
    parser.add_argument("--accounts", type=int, help="accounts per batch, local and remote (default 50, quick 6)")
    parser.add_argument("--reuse-accounts", type=int,
                        help="accounts per batch for `reuse`, `floor-batch`, `grid` and `all-privacy` (default 16, "
                             "quick 4)")
    return parser


def _plan(args: argparse.Namespace) -> Plan:
    return Plan(names=(args.only,) if args.only else NAMES, quick=args.quick,
                repeats=args.repeats or (2 if args.quick else 5), accounts=args.accounts or (6 if args.quick else 50),
                reuse_accounts=args.reuse_accounts or (4 if args.quick else 16))


def measure(plan: Plan, root: Path) -> dict[str, Any]:
    """Run the chosen benchmarks; each in its own temporary folders under `root`."""
    found = require(discover())
    sections: dict[str, Any] = {}
    if "single" in plan.names:
        sections["phases"] = single.run_single(found, root / "single", plan.latencies, plan.repeats)
    if "batch" in plan.names or "resume" in plan.names:
        with sandbox.serve() as server:
            finished = None
            if "batch" in plan.names:
                sections["batch"], finished = batch.run_batch(server, root / "batch", plan.workers, plan.accounts)
            if "resume" in plan.names:
                finished = finished or batch.prepare_resume(server, root / "resume", plan.accounts)
                sections["resume"] = batch.run_resume(server, finished, repeats=plan.repeats)
    if "batch-latency" in plan.names:
        with serve_with_latency(plan.batch_latency) as server:
            by_workers, _ = batch.run_batch(server, root / "batch-latency", plan.workers, plan.accounts)
            sections["batch_latency"] = {"latency_ms": plan.batch_latency, "by_workers": by_workers}
    if "remote" in plan.names:
        with sandbox.serve() as server:
            sections["batch_remote"] = remote.run_remote(server, found, root / "remote", plan.workers, plan.accounts)
    if "reuse" in plan.names:
        with sandbox.serve() as server:
            sections["browser_reuse"] = reuse.run_reuse(server, root / "reuse", plan.reuse_workers,
                                                        plan.reuse_accounts)
    if "floor-batch" in plan.names:
        with sandbox.serve() as server:
            sections["floor_batch"] = floor.run_floor_batch(server, found, root / "floor-batch", plan.reuse_workers,
                                                            plan.reuse_accounts)
    if "grid" in plan.names:
        with sandbox.serve() as server:
            sections["batch_grid"] = grid.run_grid(server, root / "grid", plan.grid_nodes, plan.reuse_accounts)
    if "all-privacy" in plan.names:
        sections["batch_all_privacy"] = all_privacy.run_all_privacy(root / "all-privacy", plan.all_privacy_workers,
                                                                    plan.reuse_accounts)
    return sections


def main(argv: list[str] | None = None) -> int:
    plan = _plan(_parser().parse_args(argv))
    began = time.perf_counter()
    try:
        say("machine: starting one browser to read its version")
        meta = {"machine": results.machine(require(discover())), "quick": plan.quick, "settings": plan.describe(),
                "generated_at": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "commit": results.commit(HERE.parent)}
        with tempfile.TemporaryDirectory(prefix="optout-bench-", ignore_cleanup_errors=True) as root:
            sections = measure(plan, Path(root))
    except (BenchError, OptoutError) as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    meta["duration_s"] = round(time.perf_counter() - began, 1)
    previous = json.loads(plan.output.read_text()) if plan.output.exists() else {}
    doc = results.document(sections, previous, meta)
    plan.output.write_text(json.dumps(doc, indent=2) + "\n")
    text = results.markdown(doc)
    if not plan.quick:
        plan.output.with_suffix(".md").write_text(text)
    say(f"wrote {plan.output}" + ("" if plan.quick else f" and {plan.output.with_suffix('.md')}"))
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

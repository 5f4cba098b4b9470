"""Peak PSS of this process's browsers, sampled by a background thread from /proc/<pid>/smaps_rollup.

Counted: every descendant of this Python process (chromedriver, and the Chromium processes under it), grouped by
the chromedriver that started them: one group is one worker's browser. Through a remote endpoint (one chromedriver
server starts every session), each Chromium under the server is a group and the server's own PSS is added to the
total once. Not counted: this Python process itself, and Chromium's crashpad handlers (about 1 MiB each), which
detach to init and cannot be told apart from other users' browsers. Other chromedrivers on the machine (other
people's tests) are counted as noise, not memory.
"""

from __future__ import annotations

import os
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

KIB_PER_MIB = 1024


def _processes() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command name), for every process still readable."""
    table: dict[int, tuple[int, str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name, _, rest = stat.partition("(")[2].rpartition(")")
        table[int(entry.name)] = (int(rest.split()[1]), name)
    return table


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def browser_trees(root: int) -> tuple[dict[int, list[int]], int]:
    """The process trees under `root`, keyed by each direct child (a chromedriver; under an endpoint, a Chromium),
    and how many chromedrivers run on the machine outside `root` and them."""
    table = _processes()
    children: dict[int, list[int]] = defaultdict(list)
    for pid, (parent, _) in table.items():
        children[parent].append(pid)
    trees: dict[int, list[int]] = {}
    for top in children[root]:
        members, todo = [], [top]
        while todo:
            pid = todo.pop()
            members.append(pid)
            todo.extend(children[pid])
        trees[top] = members
    ours = {root}.union(*trees.values())
    foreign = sum(1 for pid, (_, name) in table.items() if name == "chromedriver" and pid not in ours)
    return trees, foreign


@dataclass
class PssPeak:
    """What the sampler saw: the peak total, the largest single browser tree, and the company we had."""

    samples: int = 0
    peak_total_kib: int = 0
    peak_tree_kib: int = 0
    max_trees: int = 0
    max_foreign: int = 0
    foreign_seen: int = 0
    sampler_cpu_s: float = 0.0
    wall_s: float = 0.0
    trees_seen: set[int] = field(default_factory=set)

    def add(self, trees: dict[int, list[int]], foreign: int, shared_kib: int = 0) -> None:
        sizes = [sum(_pss_kib(pid) for pid in members) for members in trees.values()]
        self.samples += 1
        self.peak_total_kib = max(self.peak_total_kib, sum(sizes) + shared_kib)
        self.peak_tree_kib = max([self.peak_tree_kib, *sizes])
        self.max_trees = max(self.max_trees, len(trees))
        self.trees_seen.update(trees)
        self.max_foreign = max(self.max_foreign, foreign)
        self.foreign_seen += foreign > 0

    def as_dict(self, workers: int) -> dict[str, float]:
        return {"peak_total_mib": self.peak_total_kib / KIB_PER_MIB,
                "peak_total_over_workers_mib": self.peak_total_kib / KIB_PER_MIB / workers,
                "peak_single_browser_mib": self.peak_tree_kib / KIB_PER_MIB,
                "max_live_browsers": self.max_trees, "browsers_seen": len(self.trees_seen),
                "samples": self.samples,
                "sampler_cpu_pct_of_one_core": 100 * self.sampler_cpu_s / self.wall_s if self.wall_s else 0.0,
                "other_chromedrivers_max": self.max_foreign,
                "other_chromedrivers_seen_pct": 100 * self.foreign_seen / self.samples if self.samples else 0.0}


class PssSampler:
    """`with PssSampler() as sampler:` samples every `interval` seconds until the block ends. With `endpoint` (the
    pid of a chromedriver server this process started), the browsers are the ones under it."""

    def __init__(self, interval: float = 0.5, endpoint: int | None = None) -> None:
        self.interval = interval
        self.endpoint = endpoint
        self.peak = PssPeak()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-pss", daemon=True)
        self._began = 0.0

    def _run(self) -> None:
        root = self.endpoint or os.getpid()
        while True:
            self.peak.add(*browser_trees(root), shared_kib=_pss_kib(self.endpoint) if self.endpoint else 0)
            if self._stop.wait(self.interval):
                break
        self.peak.sampler_cpu_s = time.thread_time()

    def __enter__(self) -> PssSampler:
        self._began = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak.wall_s = time.perf_counter() - self._began

"""What this process's browsers use, sampled by a background thread from /proc: peak PSS (smaps_rollup) and CPU
time by kind of process (stat).

Counted: every descendant of this Python process (chromedriver, and the Chromium processes under it), grouped by
the chromedriver that started them: one group is one worker's browser. Through a remote endpoint (one chromedriver
server starts every session), each Chromium under the server is a group and the server's own PSS is added to the
total once. Not counted: this Python process itself, and Chromium's crashpad handlers (about 1 MiB each), which
detach to init and cannot be told apart from other users' browsers. Other chromedrivers on the machine (other
people's tests) are counted as noise, not memory.

CPU is the last utime + stime seen of each process (told apart by pid and start time), so what a process does in
its last interval before it ends is missed: a lower bound. It is needed because Chromium's processes often end
after chromedriver, reparented to init, so their time never reaches this process's reaped children's times.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

KIB_PER_MIB = 1024
TICKS_PER_S = os.sysconf("SC_CLK_TCK")


class Proc(NamedTuple):
    parent: int
    name: str
    started: int  # clock ticks after boot: with the pid, tells a process from a later one with the same pid
    cpu_ticks: int  # user + system, its own


def _processes() -> dict[int, Proc]:
    """Every process still readable, by pid."""
    table: dict[int, Proc] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name, _, rest = stat.partition("(")[2].rpartition(")")
        fields = rest.split()
        table[int(entry.name)] = Proc(int(fields[1]), name, int(fields[19]), int(fields[11]) + int(fields[12]))
    return table


def process_kind(pid: int, name: str) -> str:
    """chromedriver, or Chromium's own name for the process (browser, renderer, gpu-process, utility, zygote)."""
    if name not in ("chromium", "chrome"):
        return name
    try:
        words = Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ").split()
    except OSError:
        return name
    return next((word.removeprefix("--type=") for word in words if word.startswith("--type=")), "browser")


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def browser_trees(root: int, table: dict[int, Proc] | None = None) -> tuple[dict[int, list[int]], int]:
    """The process trees under `root`, keyed by each direct child (a chromedriver; under an endpoint, a Chromium),
    and how many chromedrivers run on the machine outside `root` and them."""
    table = _processes() if table is None else table
    children: dict[int, list[int]] = defaultdict(list)
    for pid, proc in table.items():
        children[proc.parent].append(pid)
    trees: dict[int, list[int]] = {}
    for top in children[root]:
        members, todo = [], [top]
        while todo:
            pid = todo.pop()
            members.append(pid)
            todo.extend(children[pid])
        trees[top] = members
    ours = {root}.union(*trees.values())
    foreign = sum(1 for pid, proc in table.items() if proc.name == "chromedriver" and pid not in ours)
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


@dataclass
class CpuSeen:
    """CPU time of the browser processes by kind: the last count seen of each, less what it had already used when
    the sampling began (a chromedriver server started before the batch)."""

    first: dict[tuple[int, int], int] = field(default_factory=dict)
    last: dict[tuple[int, int], tuple[str, str, int]] = field(default_factory=dict)  # name, kind, CPU ticks
    began: bool = False

    def add(self, table: dict[int, Proc], pids: list[int]) -> None:
        for pid in pids:
            proc = table.get(pid)
            if proc is None:
                continue
            key = (pid, proc.started)
            if key not in self.first:
                self.first[key] = 0 if self.began else proc.cpu_ticks
            name, kind, _ = self.last.get(key, ("", "", 0))
            if name != proc.name:  # Chromium re-executes itself as "exe" before a zygote takes its name
                name, kind = proc.name, process_kind(pid, proc.name)
            self.last[key] = (name, kind, proc.cpu_ticks)
        self.began = True

    def seconds_by_kind(self) -> dict[str, float]:
        used: Counter[str] = Counter()
        for key, (_, kind, ticks) in self.last.items():
            used[kind] += (ticks - self.first[key]) / TICKS_PER_S
        return dict(used.most_common())


class BrowserSampler:
    """`with BrowserSampler() as sampler:` samples every `interval` seconds until the block ends. With `endpoint`
    (the pid of a chromedriver server this process started), the browsers are the ones under it."""

    def __init__(self, interval: float = 0.5, endpoint: int | None = None) -> None:
        self.interval = interval
        self.endpoint = endpoint
        self.peak = PssPeak()
        self.cpu = CpuSeen()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-pss", daemon=True)
        self._began = 0.0

    def _run(self) -> None:
        root = self.endpoint or os.getpid()
        while True:
            table = _processes()
            trees, foreign = browser_trees(root, table)
            self.peak.add(trees, foreign, shared_kib=_pss_kib(self.endpoint) if self.endpoint else 0)
            self.cpu.add(table, [*([self.endpoint] if self.endpoint else []), *(p for m in trees.values() for p in m)])
            if self._stop.wait(self.interval):
                break
        self.peak.sampler_cpu_s = time.thread_time()

    def __enter__(self) -> BrowserSampler:
        self._began = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak.wall_s = time.perf_counter() - self._began

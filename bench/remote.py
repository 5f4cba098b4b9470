"""Batch throughput through a remote WebDriver endpoint (`Settings.remote_url`), as issue 7 asks beside the local one.

The endpoint is chromedriver run as a server on this machine for the duration. The bot keeps no profile behind a
remote endpoint, so these batches run fresh sessions, each worker reusing its wiped browser (the bot's default).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sandbox
from bench.batch import Browsers, run_batch
from bench.common import say
from bench.endpoint import chromedriver_server
from bot.browser import Discovery


def run_remote(server: sandbox.Sandbox, found: Discovery, root: Path, worker_counts: tuple[int, ...], size: int
               ) -> dict[str, Any]:
    """The batch benchmark again, every browser started by one chromedriver server on a loopback port."""
    assert found.driver_path is not None
    with chromedriver_server(found.driver_path, found.browser_path) as endpoint:
        say(f"remote: chromedriver answers at {endpoint.url}")
        results, _ = run_batch(server, root, worker_counts, size, Browsers("remote-w", endpoint=endpoint))
    return results

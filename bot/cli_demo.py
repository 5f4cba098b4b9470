"""`optout demo`: the whole job against the bundled LinkedIn stand-in, on this machine, in one command.

Part of the CLI layer (only bot/cli.py imports it): the engine under bot/ never knows the stand-in exists.
"""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path
from typing import Any

import sandbox
from bot.accounts import single_account
from bot.batch import Job, execute
from bot.results import RunResult
from bot.settings import Settings

DEMO_EMAIL = "demo.member@example.com"


def run_demo(out_dir: Path, headless: bool = True, verbose: int = 0) -> tuple[RunResult, dict[str, Any]]:
    """Serve the sandbox with a demo account (both settings on), opt it out, return the run and the server record."""
    password = secrets.token_urlsafe(12)
    server = sandbox.serve(accounts=[sandbox.AccountSpec(email=DEMO_EMAIL, password=password, name="Demo Member")])
    try:
        with tempfile.TemporaryDirectory(prefix="optout-demo-profiles-") as profiles:
            settings = Settings(base_url=server.url, headless=headless, out_dir=out_dir,
                                profiles_dir=Path(profiles), verbosity=verbose)
            account = single_account(DEMO_EMAIL, password)
            run = execute(Job(settings, [account], "demo", f"sandbox:{DEMO_EMAIL}"))
        return run, server.state()[DEMO_EMAIL]
    finally:
        server.stop()

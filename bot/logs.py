"""Logging to stderr at -v/-vv, with every known secret masked even if a library tries to log it."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

NOISY_LIBRARIES = ("selenium", "urllib3", "WDM", "webdriver_manager", "tenacity")


class SecretFilter(logging.Filter):
    """A last line of defence: rewrites any record that contains a secret's value."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def add(self, values: Iterable[str]) -> None:
        self.secrets.update(v for v in values if v and len(v) >= 4)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = message
        for secret in self.secrets:
            masked = masked.replace(secret, "********")
        if masked != message:
            record.msg, record.args = masked, None
        return True


SECRETS = SecretFilter()


def configure(verbosity: int) -> None:
    """0: warnings, 1 (-v): what the bot does, 2 (-vv): debug. Selenium's wire logs stay off: they carry input."""
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S"))
    handler.addFilter(SECRETS)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in NOISY_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("selenium.webdriver.common.selenium_manager").setLevel(logging.ERROR)

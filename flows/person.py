"""Waiting for a person to finish, in the visible window, what the bot cannot: one way for every kind of wait
(a login check, a form field the bot cannot classify, an element it cannot find).

The bot tells the person in a line or two what is left, then only watches: it never touches the page while
the person works, and when the outcome shows it verifies it itself, as if it had done the work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from selenium.webdriver.remote.webdriver import WebDriver

from flows.base import LocatorTimeout, Page

log = logging.getLogger("flows.person")


@dataclass(frozen=True)
class Handoff:
    """What is left for the person (`what_is_left`, for the terminal) and how the bot sees it done (`done`, a
    read-only wait condition whose answer is the outcome, e.g. a case number)."""

    what_is_left: str
    done: Callable[[WebDriver], Any]
    seen_as: str  # what the bot waits to see, for the message when it does not come


class NobodyCame(LocatorTimeout):
    """The person did not finish in time: what was left stays left, nothing was sent on their behalf."""


def wait_for_person(page: Page, handoff: Handoff, timeout: float) -> Any:
    """Tell the person what is left and wait, without touching the page, until it is done or `timeout` ends."""
    minutes = f"{timeout / 60:.0f} minutes" if timeout >= 120 else f"{timeout:.0f} s"
    log.warning("%s; waiting up to %s for a person to do it in the browser window", handoff.what_is_left, minutes)
    try:
        return page.wait(handoff.done, handoff.seen_as, timeout=timeout, poll=0.5)
    except LocatorTimeout as timeout_error:
        raise NobodyCame(handoff.seen_as, timeout_error.url) from None

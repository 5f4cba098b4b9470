"""What is worth another attempt, and how long to keep trying. A failed login is never retried."""

from __future__ import annotations

import logging

from selenium.common.exceptions import (
    ElementClickInterceptedException,
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential_jitter,
)

from flows.errors import NotVerified, TransientPageError

log = logging.getLogger(__name__)

TRANSIENT = (TransientPageError, NotVerified, TimeoutException, StaleElementReferenceException,
             ElementClickInterceptedException)
# Chromium sometimes reports an element replaced mid-call as an "unknown error", not as a stale element.
_STALE_IN_DISGUISE = ("does not belong to the document", "No node with given id found")
MAX_RETRY_AFTER_S = 60.0
_backoff = wait_exponential_jitter(initial=1, max=10, jitter=1)


def is_transient(error: BaseException) -> bool:
    if isinstance(error, TRANSIENT):
        return True
    return isinstance(error, WebDriverException) and any(m in (error.msg or "") for m in _STALE_IN_DISGUISE)


def _wait(state: RetryCallState) -> float:
    """Honour a Retry-After the site sent; otherwise back off exponentially with jitter."""
    error = state.outcome.exception() if state.outcome else None
    retry_after = getattr(error, "retry_after", None)
    if retry_after is not None:
        return min(float(retry_after), MAX_RETRY_AFTER_S)
    return _backoff(state)


def _log_retry(state: RetryCallState) -> None:
    error = state.outcome.exception() if state.outcome else None
    log.warning("attempt %d failed (%s); trying again", state.attempt_number, error)


def step_policy(attempts: int = 3, total_s: float = 180.0) -> Retrying:
    """Retries a flow step on transient failures, a bounded number of times, then re-raises the last error."""
    return Retrying(retry=retry_if_exception(is_transient),
                    stop=stop_after_attempt(attempts) | stop_after_delay(total_s),
                    wait=_wait, before_sleep=_log_retry, reraise=True)

"""What the bot treats as worth another attempt."""

from __future__ import annotations

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

from bot.retry import is_transient
from flows.errors import TransientPageError, WrongPassword


def test_a_stale_element_disguised_as_an_unknown_error_is_retried():
    disguised = WebDriverException('unknown error: unhandled inspector error: {"code":-32000,'
                                   '"message":"Node with given id does not belong to the document"}')
    assert is_transient(disguised)


def test_a_dead_session_is_not_retried_in_place():
    assert not is_transient(WebDriverException("invalid session id"))


def test_error_pages_and_stale_elements_are_retried():
    assert is_transient(TransientPageError("503"))
    assert is_transient(StaleElementReferenceException("gone"))


def test_a_refused_password_is_never_retried():
    assert not is_transient(WrongPassword("refused"))

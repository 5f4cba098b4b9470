"""Kept sessions (bot/sessions.py): what is kept, where, for which site and password, and how it is forgotten."""

from __future__ import annotations

import json

from bot import logs, sessions

SITE = "http://127.0.0.1:8000"
COOKIES = {"li_at": "AQEDAR-li-at-value", "JSESSIONID": "ajax:1234567890", "lang": "v=2&lang=en-us"}


def test_only_the_session_cookies_are_kept_in_a_private_file(tmp_path):
    assert sessions.save(tmp_path, "ana", SITE, COOKIES, "pw-1")
    kept = sessions.path(tmp_path, "ana")
    assert kept.stat().st_mode & 0o777 == 0o600 and kept.parent.stat().st_mode & 0o777 == 0o700
    assert set(json.loads(kept.read_text())["cookies"]) == {"li_at", "JSESSIONID"}
    assert "pw-1" not in kept.read_text()
    restored = sessions.load(tmp_path, "ana", SITE, "pw-1")
    assert {name: value.reveal() for name, value in restored.items()} == {
        "li_at": COOKIES["li_at"], "JSESSIONID": COOKIES["JSESSIONID"]}
    assert "AQEDAR" not in repr(restored)


def test_the_values_join_the_log_filter(tmp_path):
    sessions.save(tmp_path, "ana", SITE, COOKIES)
    assert {COOKIES["li_at"], COOKIES["JSESSIONID"]} <= logs.SECRETS.secrets


def test_a_session_is_not_used_with_another_password_or_on_another_site(tmp_path):
    sessions.save(tmp_path, "ana", SITE, COOKIES, "pw-1")
    assert sessions.load(tmp_path, "ana", SITE, "pw-2") is None
    assert sessions.load(tmp_path, "ana", "https://www.linkedin.com", "pw-1") is None
    assert sessions.load(tmp_path, "ana", SITE) is not None  # no password given (li_at only): may be tried


def test_a_later_login_without_a_password_keeps_the_stamp(tmp_path):
    sessions.save(tmp_path, "ana", SITE, COOKIES, "pw-1")
    sessions.save(tmp_path, "ana", SITE, {**COOKIES, "li_at": "AQEDAR-newer"})  # e.g. restored, then rotated
    assert sessions.load(tmp_path, "ana", SITE, "pw-2") is None
    assert sessions.load(tmp_path, "ana", SITE, "pw-1")["li_at"].reveal() == "AQEDAR-newer"


def test_nothing_is_kept_without_li_at_and_forget_deletes(tmp_path):
    assert not sessions.save(tmp_path, "ana", SITE, {"JSESSIONID": "ajax:1"})
    assert sessions.load(tmp_path, "ana", SITE) is None
    sessions.save(tmp_path, "ana", SITE, COOKIES)
    (tmp_path / "ana").mkdir()  # a local browser profile holds the session too
    assert sessions.forget_account(tmp_path, "ana") == ["kept session cookies", f"browser profile {tmp_path / 'ana'}"]
    assert sessions.load(tmp_path, "ana", SITE) is None and not (tmp_path / "ana").exists()
    assert sessions.forget_account(tmp_path, "ana") == []


def test_a_damaged_file_is_no_session(tmp_path):
    file = sessions.path(tmp_path, "ana")
    file.parent.mkdir()
    file.write_text("{not json")
    assert sessions.load(tmp_path, "ana", SITE) is None

"""Settings precedence: flag > environment > .env file > default."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import BadInput
from bot.settings import LINKEDIN_URL, check_base_url, find_env_file, resolve


@pytest.fixture
def env_file(tmp_path: Path) -> Path:
    path = tmp_path / ".env"
    path.write_text("OPTOUT_BASE_URL=http://127.0.0.1:9001\nOPTOUT_TIMEOUT=7\nLINKEDIN_EMAIL=file@example.com\n")
    return path


def test_defaults_apply_when_nothing_is_given():
    settings = resolve({}, {}, None)
    assert settings.base_url == LINKEDIN_URL
    assert settings.headless is True
    assert settings.timeout == 15.0


def test_env_file_beats_default(env_file):
    assert resolve({}, {}, env_file).base_url == "http://127.0.0.1:9001"


def test_environment_beats_env_file(env_file):
    settings = resolve({}, {"OPTOUT_BASE_URL": "http://127.0.0.1:9002"}, env_file)
    assert settings.base_url == "http://127.0.0.1:9002"
    assert settings.timeout == 7.0


def test_flag_beats_environment(env_file):
    settings = resolve({"base_url": "http://127.0.0.1:9003"}, {"OPTOUT_BASE_URL": "http://127.0.0.1:9002"}, env_file)
    assert settings.base_url == "http://127.0.0.1:9003"


def test_password_from_env_file_is_a_secret(tmp_path):
    path = tmp_path / ".env"
    path.write_text("LINKEDIN_PASSWORD=hunter2-Zq\n")
    settings = resolve({}, {}, path)
    assert settings.password is not None and settings.password.reveal() == "hunter2-Zq"
    assert "hunter2" not in repr(settings)


def test_env_file_syntax_error_names_the_line(tmp_path):
    path = tmp_path / ".env"
    path.write_text("GOOD=1\nthis line is not an assignment\n")
    with pytest.raises(BadInput, match=r"line 2"):
        resolve({}, {}, path)


def test_unreadable_number_is_bad_input():
    with pytest.raises(BadInput, match="OPTOUT_TIMEOUT"):
        resolve({}, {"OPTOUT_TIMEOUT": "soon"}, None)


def test_unknown_flow_is_bad_input():
    with pytest.raises(BadInput, match="unknown flow"):
        resolve({"flows": ["genai-settings"]}, {}, None)


def test_plain_http_is_refused_beyond_this_machine():
    with pytest.raises(BadInput, match="plain http"):
        check_base_url("http://www.linkedin.com")


def test_plain_http_to_loopback_is_allowed():
    assert check_base_url("http://127.0.0.1:8080/feed/") == "http://127.0.0.1:8080"


def test_explicit_env_file_must_exist(tmp_path):
    with pytest.raises(BadInput, match="--env-file"):
        find_env_file(tmp_path / "missing.env", tmp_path)


def test_dot_env_in_working_folder_is_found(env_file):
    assert find_env_file(None, env_file.parent) == env_file

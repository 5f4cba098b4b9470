"""The command line as a user meets it: help, bad flags, doctor."""

from __future__ import annotations

import socket

import pytest

from bot.cli import app

COMMANDS = sorted(command.name or command.callback.__name__ for command in app.registered_commands)


def test_every_command_is_known():
    assert set(COMMANDS) >= {"run", "batch", "check", "doctor", "sandbox", "demo"}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(optout, command):
    result = optout(command, "--help", base_url=False)
    assert result.code == 0
    assert "Usage" in result.stdout
    assert len(result.stdout.splitlines()) > 5


def test_version_prints_the_installed_version(optout):
    from importlib.metadata import version

    result = optout("--version", base_url=False)
    assert result.code == 0, result.output
    assert result.stdout == f"optout {version('linkedin-optout')}\n"


def _complete(words: str) -> list[str]:
    from typer.testing import CliRunner

    env = {"_OPTOUT_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}
    result = CliRunner().invoke(app, [], prog_name="optout", env=env)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_completion_of_only_lists_the_flows_and_groups():
    from flows.plan import known_names

    assert _complete("optout run --only ") == known_names()
    assert _complete("optout batch x.csv --only objection-") == [n for n in known_names() if n.startswith("objection-")]


def test_shell_completion_can_be_shown_and_installed(optout):
    from typer.testing import CliRunner

    shown = CliRunner().invoke(app, ["--show-completion", "bash"], prog_name="optout", env={"SHELL": "/bin/bash"})
    assert shown.exit_code == 0, shown.output
    assert "_OPTOUT_COMPLETE=complete_bash" in shown.output
    assert shown.output.rstrip().endswith("complete -o default -F _optout_completion optout")
    assert "--install-completion" in optout("--help", base_url=False).stdout


def test_unknown_flag_is_exit_2(optout):
    result = optout("run", "--no-such-flag", base_url=False)
    assert result.code == 2


def test_run_without_email_is_bad_input(optout):
    result = optout("run")
    assert result.code == 2
    assert "LINKEDIN_EMAIL" in result.stderr


def test_bad_base_url_is_bad_input(optout):
    result = optout("run", "--base-url", "ftp://example.com", base_url=False, env={"LINKEDIN_EMAIL": "a@b.co"})
    assert result.code == 2
    assert "--base-url" in result.stderr


@pytest.mark.browser
def test_doctor_reports_each_discovery_step_and_starts_a_browser(optout, tmp_path):
    result = optout("doctor", "--driver-path", str(tmp_path / "no-driver"))
    assert result.code == 0, result.output
    assert f"fail explicit path: {tmp_path / 'no-driver'} does not exist" in result.stdout
    assert "ok   chromedriver on PATH" in result.stdout
    assert "ok: started" in result.stdout


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_doctor_without_a_driver_exits_3_with_each_steps_reason(optout, tmp_path):
    only_browser = tmp_path / "bin"
    only_browser.mkdir()
    (only_browser / "chromium").symlink_to("/usr/bin/chromium")
    nowhere = f"http://127.0.0.1:{_closed_port()}"  # webdriver-manager's download fails with or without a network
    result = optout("doctor", env={"PATH": str(only_browser), "HTTPS_PROXY": nowhere, "HTTP_PROXY": nowhere})
    assert result.code == 3
    assert "fail chromedriver on PATH: no `chromedriver` on PATH" in result.stdout
    assert "fail Selenium Manager (SE_OFFLINE=true):" in result.stdout
    assert "fail webdriver-manager download: download failed:" in result.stdout
    assert "apt-get install" in result.stderr


def test_a_browser_that_cannot_start_is_explained_in_its_own_words(optout):
    result = optout("doctor", "--headed", env={"DISPLAY": ""})
    assert result.code == 3
    assert "Missing X server or $DISPLAY" in result.stderr
    assert "Chrome instance exited" not in result.stderr

"""The command line as a user meets it: help, the options and the variables they name, bad flags, doctor."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from bot import cli
from bot.cli import app
from bot.settings import ENV_VARS, Settings, resolve
from flows import plan

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
    env = {"_OPTOUT_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}
    result = CliRunner().invoke(app, [], prog_name="optout", env=env)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_completion_of_only_lists_the_flows_and_groups():
    from flows.plan import known_names

    assert _complete("optout run --only ") == known_names()
    assert _complete("optout batch x.csv --only objection-") == [n for n in known_names() if n.startswith("objection-")]


def test_shell_completion_can_be_shown_and_installed(optout):
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


# The option table: every setting an environment variable can set is also a flag, each command's help names the
# variable beside the flag, and the variable reaches the command (parsed by Settings, like the .env file).

CREDENTIALS = {"email", "password", "totp_secret", "li_at"}  # no flags: from the environment or .env only
WIDE = {"COLUMNS": "250"}  # typer fits --help to the terminal, cutting long words in a narrow one
# A value of each variable and the setting it makes.
VALUES: dict[str, tuple[str, object]] = {
    "base_url": ("http://127.0.0.1:9", "http://127.0.0.1:9"),
    "headless": ("false", False),
    "flows": ("genai-setting,partner-sharing", plan.expand(["genai-setting", "partner-sharing"])),
    "out_dir": ("/tmp/optout-results", Path("/tmp/optout-results")),
    "profiles_dir": ("/tmp/optout-profiles", Path("/tmp/optout-profiles")),
    "driver_path": ("/opt/chromedriver", "/opt/chromedriver"),
    "browser_path": ("/opt/chromium", "/opt/chromium"),
    "timeout": ("7", 7.0),
    "challenge_timeout": ("8", 8.0),
    "person_timeout": ("9", 9.0),
    "remote_url": ("http://grid:4444", "http://grid:4444"),
    "browser": ("firefox", "firefox"),
    "keep_sessions": ("false", False),
    "reuse_browser": ("no", False),
    "country": ("DE", "DE"),
    "details": ("in my own words", "in my own words"),
}
ARGUMENTS = {"batch": ("accounts.csv",), "forget": ("ana@example.com",)}  # a command's required arguments


def options_of(command: str) -> dict[str, typer.core.TyperOption]:
    group = typer.main.get_command(app)
    sub = group.get_command(None, command)  # type: ignore[attr-defined]
    return {param.name: param for param in sub.params if isinstance(param, typer.core.TyperOption)}


def settings_options(command: str) -> list[str]:
    """The options of a command that set a Settings field an environment variable can also set."""
    return [name for name in options_of(command) if name in ENV_VARS]


COMMANDS_WITH_SETTINGS = [command for command in COMMANDS if settings_options(command)]


def test_every_setting_from_the_environment_except_credentials_is_a_flag_too():
    flags = {name for command in COMMANDS for name in options_of(command)}
    assert set(ENV_VARS) - CREDENTIALS <= flags
    assert set(VALUES) == set(ENV_VARS) - CREDENTIALS


def test_run_help_names_the_variables_of_its_timeouts_flows_and_headless(optout):
    result = optout("run", "--help", base_url=False, env=WIDE)
    for variable in ("OPTOUT_TIMEOUT", "OPTOUT_CHALLENGE_TIMEOUT", "OPTOUT_FLOWS", "OPTOUT_HEADLESS",
                     "OPTOUT_PERSON_TIMEOUT"):
        assert f"[env var: {variable}]" in result.stdout


def test_batch_help_names_optout_reuse_browser(optout):
    assert "[env var: OPTOUT_REUSE_BROWSER]" in optout("batch", "--help", base_url=False, env=WIDE).stdout


@pytest.mark.parametrize("command", COMMANDS_WITH_SETTINGS)
def test_each_commands_help_names_the_variable_of_each_setting_it_takes(optout, command):
    result = optout(command, "--help", base_url=False, env=WIDE)
    assert result.code == 0, result.output
    for name in settings_options(command):
        assert options_of(command)[name].envvar == ENV_VARS[name]
        assert f"[env var: {ENV_VARS[name]}]" in result.stdout, name


@pytest.mark.parametrize("command", COMMANDS_WITH_SETTINGS)
def test_typer_reads_none_of_the_variables_it_shows_settings_does(monkeypatch, command):
    """Settings parses the environment and the .env file alike; typer would take `t` for true, split OPTOUT_FLOWS
    at spaces and word its errors after the flag."""
    names = settings_options(command)
    for name in names:
        monkeypatch.setenv(ENV_VARS[name], VALUES[name][0])
    sub = typer.main.get_command(app).get_command(None, command)  # type: ignore[attr-defined]
    ctx = sub.make_context(command, list(ARGUMENTS.get(command, ())))
    assert [name for name in names if ctx.params[name] not in (None, ())] == []


class Resolved(Exception):
    """Raised in place of the command's work once its Settings are resolved: nothing starts, no browser."""


def settings_of(monkeypatch, tmp_path, *args: str, env: dict[str, str] | None = None) -> Settings:
    """The Settings `optout ARGS` builds, run in this process with only `env` set of the variables Settings reads."""
    for variable in ENV_VARS.values():
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)
    seen: list[Settings] = []

    def resolve_then_stop(*arguments, **keywords):
        seen.append(resolve(*arguments, **keywords))
        raise Resolved

    monkeypatch.setattr(cli, "resolve", resolve_then_stop)
    result = CliRunner().invoke(app, list(args), env=env or {})
    assert isinstance(result.exception, Resolved), result.output
    return seen[0]


@pytest.mark.parametrize("command", COMMANDS_WITH_SETTINGS)
def test_each_variable_a_commands_help_names_is_honoured_by_that_command(monkeypatch, tmp_path, command):
    names = settings_options(command)
    env = {ENV_VARS[name]: VALUES[name][0] for name in names}
    settings = settings_of(monkeypatch, tmp_path, command, *ARGUMENTS.get(command, ()), env=env)
    assert {name: getattr(settings, name) for name in names} == {name: VALUES[name][1] for name in names}


def test_a_flag_beats_the_environment_which_beats_the_env_file(monkeypatch, tmp_path):
    (tmp_path / ".env").write_text("OPTOUT_TIMEOUT=3\nOPTOUT_BROWSER=edge\nOPTOUT_CHALLENGE_TIMEOUT=4\n")
    settings = settings_of(monkeypatch, tmp_path, "run", "--challenge-timeout", "5",
                           env={"OPTOUT_TIMEOUT": "7", "OPTOUT_CHALLENGE_TIMEOUT": "6"})
    assert (settings.timeout, settings.browser, settings.challenge_timeout) == (7.0, "edge", 5.0)


def test_each_option_reaches_settings_under_its_field_name(monkeypatch, tmp_path):
    settings = settings_of(monkeypatch, tmp_path, "batch", "accounts.csv", "--only", "genai-setting", "--out", "o",
                           "--profiles", "p", "-vv", "--json", "--dry-run", "--fresh-sessions", "--forget-session")
    assert settings.flows == plan.expand(["genai-setting"])
    assert (settings.out_dir, settings.profiles_dir, settings.verbosity) == (Path("o"), Path("p"), 2)
    assert settings.json_output and settings.dry_run and settings.forget_session and not settings.keep_sessions


@pytest.mark.parametrize(("variable", "value", "names"), [
    ("OPTOUT_HEADLESS", "t", "OPTOUT_HEADLESS: 't' is not a boolean"),
    ("OPTOUT_FLOWS", "genai-setting,nope", "OPTOUT_FLOWS: unknown flow 'nope'"),
    ("OPTOUT_TIMEOUT", "0", "OPTOUT_TIMEOUT: must be a number greater than 0"),
    ("OPTOUT_TIMEOUT", "soon", "OPTOUT_TIMEOUT: 'soon' is not a number"),
])
def test_a_variable_is_read_and_refused_by_settings_in_its_own_name(optout, variable, value, names):
    result = optout("run", env={variable: value, "LINKEDIN_EMAIL": "ana@example.com"})
    assert result.code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {names}"), result.stderr


def test_only_help_lists_the_flows_and_starts_nothing(optout):
    result = optout("run", "--only", "help")
    assert result.code == 0, result.output
    assert result.stdout == optout("plans").stdout

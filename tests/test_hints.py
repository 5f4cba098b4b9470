"""Every command a message tells a person to run is one that works. The hints the code can print are collected
(from stopped runs and logins a person must finish, end to end against the sandbox; from the hint builders over
the options they carry; from every `optout ...` named in a message) and each is run as printed, in a fresh
shell: no OPTOUT_OUT or OPTOUT_PROFILES_DIR, so a hint that forgot a folder would not find its journal."""

from __future__ import annotations

import ast
import re
import shlex
import signal
import subprocess
import sys
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

import pytest
import typer

import sandbox
from bot.cli import app
from bot.hints import continue_job, run_again
from bot.settings import Settings
from tests.batch_helpers import duplicates, make_team, start_batch, wait_until
from tests.conftest import PASSWORD, Completed

ROOT = Path(__file__).resolve().parent.parent
COMMAND = re.compile(r"((?:[A-Z_]+=\S+ )*optout .*)$")
BACKTICKED = re.compile(r"`(optout [^`]*)`")
ANA = "ana@example.com"


def hint_in(text: str) -> str:
    """The command at the end of the last `hint:` line (or of a report's hint)."""
    line = [line for line in text.splitlines() if "optout " in line][-1]
    found = COMMAND.search(line)
    assert found, line
    return found.group(1)


def run_as_printed(optout, command: str, password: str = PASSWORD, timeout: float = 300) -> Completed:
    """`command` (with its VAR=value prefix) in a fresh shell of the test's home: only the password is given,
    as a person would keep it in the environment; every folder and option must come from the command itself."""
    words = shlex.split(command)
    env = {"PATH": optout.env()["PATH"], "HOME": str(optout.home), "LINKEDIN_PASSWORD": password,
           "OPTOUT_TIMEOUT": "8"}
    while "=" in words[0]:
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    assert words[0] == "optout", command
    completed = subprocess.run([sys.executable, "-m", "bot", *words[1:]], env=env, cwd=optout.home, text=True,
                               capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL, check=False)
    return Completed(completed.returncode, completed.stdout, completed.stderr)


def accepted(result: Completed) -> bool:
    return result.code != 2 and "No such option" not in result.output and "No such command" not in result.output


def parses(command: str) -> None:
    """The CLI accepts the command's words: the command exists, and so does every option (nothing runs)."""
    words = [word for word in shlex.split(command) if "=" not in word or word.startswith("-")]
    group = typer.main.get_command(app)
    sub = group.get_command(None, words[1])  # type: ignore[attr-defined]
    assert sub is not None, f"no command {words[1]!r} in: {command}"
    with suppress(typer.Exit):  # --help: parsed, and answered
        sub.make_context(words[1], words[2:])


def named_in_messages() -> set[str]:
    """Every `optout ...` the code's text names in backticks (hints, errors and the docstrings that become help)."""
    found = set()
    for path in [*(ROOT / "bot").glob("*.py"), *(ROOT / "flows").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.update(BACKTICKED.findall(node.value))
    return found


def test_every_optout_command_a_message_names_in_backticks_exists_with_its_options():
    named = named_in_messages()
    assert "optout probe" in named and "optout run --help" in named
    for command in named:
        parses(command)


@pytest.mark.browser
def test_the_hint_after_ctrl_c_of_optout_run_finishes_that_run(optout, server, account):
    env = optout.env(LINKEDIN_EMAIL=ANA, LINKEDIN_PASSWORD=PASSWORD)
    first = subprocess.Popen([sys.executable, "-m", "bot", "run", "--base-url", optout.base_url], env=env,
                             cwd=optout.home, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    wait_until(lambda: not server.state()[ANA]["genai_training"], what="the first opt-out")
    first.send_signal(signal.SIGINT)
    _, stderr = first.communicate(timeout=300)
    hint = hint_in(stderr)

    again = run_as_printed(optout, hint)
    state = server.state()
    assert first.returncode == 1, stderr
    assert hint.startswith(f"LINKEDIN_EMAIL={ANA} optout run ")
    assert again.code == 0, again.output
    assert len(state[ANA]["objections"]) == 2 and duplicates(state) == []
    assert state[ANA]["logins"] == 1  # the kept session was found again: the hint carried --profiles


@pytest.mark.browser
def test_the_hint_after_ctrl_c_of_a_batch_resumes_it_in_its_own_folder(optout, server, tmp_path):
    accounts = make_team(server, tmp_path, 4)
    out = tmp_path / "team results"
    batch = start_batch(optout, accounts, "--workers", "1", "--only", "genai-setting", "--out", str(out),
                        "--fresh-sessions")
    wait_until(lambda: sum(not a["genai_training"] for a in server.state().values()) >= 1, what="one account done")
    batch.send_signal(signal.SIGINT)
    _, stderr = batch.communicate(timeout=300)
    hint = hint_in(stderr)

    resumed = run_as_printed(optout, hint)
    state = server.state()
    assert hint.startswith(f"optout batch {accounts.resolve()} --resume ")
    assert resumed.code == 0, resumed.output
    assert all(not a["genai_training"] and a["setting_saves"] == 1 for a in state.values())


@pytest.mark.browser
@pytest.mark.parametrize("challenge", ["email-pin", "captcha"])
def test_the_command_that_finishes_a_login_is_accepted_as_printed(optout, server, challenge):
    email = "pia@example.com"
    server.add_account(sandbox.AccountSpec(email=email, password=PASSWORD, challenge=challenge, pin="246810"))
    first = optout.run(email, PASSWORD, "--only", "genai-setting", "--dry-run")
    hint = hint_in(first.stdout)

    again = run_as_printed(optout, hint, timeout=120)
    assert first.code == 4, first.output
    assert "--dry-run" in hint  # a dry run's hint does not make changes
    assert accepted(again), again.output
    assert again.code in (3, 4), again.output  # the same check again (a PIN; --headed without a display)


def _variants(server_url: str, home: Path) -> dict[str, Settings]:
    base = Settings(base_url=server_url, out_dir=home / "hint runs", profiles_dir=home / "hint profiles")
    return {
        "defaults": replace(base),
        "only-and-dry-run": replace(base, flows=("genai-setting",), dry_run=True),
        "fresh-sessions-no-reuse": replace(base, keep_sessions=False, reuse_browser=False, flows=("genai-setting",)),
        "headed": replace(base, headless=False, flows=("genai-setting",), dry_run=True),
        "grid": replace(base, remote_url="http://127.0.0.1:9/wd/hub", browser="firefox", dry_run=True),
    }


@pytest.mark.parametrize("variant", ["defaults", "only-and-dry-run", "fresh-sessions-no-reuse", "headed", "grid"])
def test_every_command_the_hint_builders_print_parses(variant, tmp_path):
    settings = _variants("http://127.0.0.1:8000", tmp_path)[variant]
    csv = str(tmp_path / "accounts.csv")
    for command in (run_again(settings, ANA), run_again(settings, ANA, "--headed"),
                    continue_job(settings, "run", f"account:{ANA}"), continue_job(settings, "batch", csv),
                    continue_job(settings, "check", csv), continue_job(settings, "check", f"account:{ANA}"),
                    continue_job(settings, "demo", "sandbox:demo@example.com")):
        parses(command)


@pytest.mark.browser
@pytest.mark.parametrize("variant", ["defaults", "only-and-dry-run", "fresh-sessions-no-reuse"])
def test_every_run_and_check_the_hint_builders_print_runs_against_the_sandbox(optout, server, account, variant):
    settings = _variants(server.url, optout.home)[variant]
    for command in (run_again(settings, ANA), continue_job(settings, "check", f"account:{ANA}")):
        result = run_as_printed(optout, command)
        assert accepted(result), result.output
        assert result.code in (0, 1), result.output  # 1: `check` of an account not private yet

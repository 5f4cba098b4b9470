"""What the bot keeps is private to the user, the stand-in is reachable from this machine only, a non-LinkedIn
address is announced before any credential leaves, and a crash report never shows local variables."""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bot.journal import Journal
from tests.conftest import PASSWORD

NO_BROWSER = {"OPTOUT_BROWSER_PATH": "/nonexistent"}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@contextlib.contextmanager
def careless_umask():
    """Run the bot as from a shell whose umask would make every new file world-readable."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.browser
def test_results_evidence_and_profiles_are_0700_and_their_files_0600(optout, account):
    with careless_umask():
        result = optout.run(account, PASSWORD, "--only", "genai-setting")
    assert result.code == 0, result.output

    runs, profiles = optout.out, optout.home / "profiles"
    [run] = [path for path in runs.iterdir() if path.is_dir()]
    [evidence] = (run / "evidence").iterdir()
    assert list(evidence.glob("*.png")), "the run kept no screenshot"
    for folder in (runs, run, run / "evidence", evidence, profiles, *(p for p in profiles.iterdir() if p.is_dir())):
        assert mode(folder) == 0o700, f"{folder} is {oct(mode(folder))}"
    files = [path for path in runs.rglob("*") if path.is_file()]
    assert {"journal.sqlite", "report.json", "report.csv", "report.html"} <= {path.name for path in files}
    for path in files:  # the journal's -wal and -shm too, when they outlive the run
        assert mode(path) == 0o600, f"{path} is {oct(mode(path))}"
    for path in profiles.rglob("*"):  # the browser's own files as well: the session cookie lives there
        if not path.is_symlink():
            assert mode(path) & 0o077 == 0, f"{path} is {oct(mode(path))}"


def test_the_journal_and_its_wal_and_shm_files_are_0600(tmp_path):
    with careless_umask():
        journal = Journal(tmp_path / "out" / "journal.sqlite")
        journal.start_run("20260101-000000-abcd", "run", "account:ana@example.com", "http://127.0.0.1:1",
                          tmp_path / "out" / "run")
    try:
        names = {path.name: mode(path) for path in (tmp_path / "out").iterdir()}
    finally:
        journal.close()
    assert mode(tmp_path / "out") == 0o700
    assert names == {"journal.sqlite": 0o600, "journal.sqlite-wal": 0o600, "journal.sqlite-shm": 0o600}


def test_the_sandbox_binds_127_0_0_1_only(server):
    assert urlsplit(server.url).hostname == "127.0.0.1"
    with socket.create_connection(("127.0.0.1", server.port), timeout=5):
        pass
    outward = _outward_address()
    if outward is None:
        pytest.skip("this machine has no address other than loopback")
    with pytest.raises(OSError), socket.create_connection((outward, server.port), timeout=5):
        pass


def test_optout_sandbox_serves_on_127_0_0_1(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "bot", "sandbox"], stdout=subprocess.PIPE, text=True,
                               cwd=tmp_path, stdin=subprocess.DEVNULL)
    try:
        url = process.stdout.readline().strip()
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert urlsplit(url).hostname == "127.0.0.1", url


def _outward_address() -> str | None:
    """This machine's address on its default route (no packet is sent), or None without one."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def test_a_host_that_is_not_linkedin_is_named_in_a_warning_before_the_browser_starts(optout, account):
    result = optout.run(account, PASSWORD, "--only", "genai-setting", env=NO_BROWSER)
    assert result.code == 3, result.output  # the browser was about to start: no credential has left yet
    lines = result.stderr.splitlines()
    [warning] = [index for index, line in enumerate(lines) if line.startswith("warning:")]
    [failure] = [index for index, line in enumerate(lines) if line.startswith("error: no browser")]
    assert warning < failure
    assert urlsplit(optout.base_url).netloc in lines[warning]


@pytest.mark.browser
def test_the_warning_is_the_first_thing_a_real_run_says(optout, account):
    result = optout.run(account, PASSWORD, "-v", "--only", "genai-setting")
    assert result.code == 0, result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith("warning:") and "127.0.0.1" in first and "not linkedin.com" in first


def test_linkedin_itself_is_not_warned_about(optout):
    result = optout("run", "--base-url", "https://www.linkedin.com", base_url=False,
                    env={**NO_BROWSER, "LINKEDIN_EMAIL": "ana@example.com", "LINKEDIN_PASSWORD": PASSWORD})
    assert result.code == 3, result.output
    assert "warning:" not in result.stderr


def test_the_app_never_shows_locals_in_a_traceback():
    from bot.cli import app

    assert app.pretty_exceptions_show_locals is False


def test_an_unexpected_crash_shows_no_local_variable(tmp_path):
    """A bug deep in a run prints a traceback; a password held in a local variable is not in it."""
    canary = "Canary-Local-Secret-7Qz"
    script = (
        "import sys\n"
        "from bot import cli\n"
        "def boom(job):\n"
        f"    password = {canary!r}\n"
        "    raise RuntimeError('a bug')\n"
        "cli.execute = boom\n"
        "sys.argv = ['optout', 'run', '--base-url', 'http://127.0.0.1:9']\n"
        "cli.main()\n"
    )
    env = {key: value for key, value in os.environ.items() if key in ("PATH", "LANG", "LC_ALL")}
    env.update(HOME=str(tmp_path), LINKEDIN_EMAIL="ana@example.com", LINKEDIN_PASSWORD=PASSWORD,
               OPTOUT_OUT=str(tmp_path / "runs"), OPTOUT_PROFILES_DIR=str(tmp_path / "profiles"))
    result = subprocess.run([sys.executable, "-c", script], env=env, cwd=Path(__file__).parents[1],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert "RuntimeError" in result.stderr and "a bug" in result.stderr
    assert canary not in result.stderr + result.stdout
    assert PASSWORD not in result.stderr + result.stdout


def test_an_existing_results_folder_keeps_its_own_permissions(tmp_path):
    from bot.private_files import make_private_dir

    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    make_private_dir(shared / "run" / "evidence")
    assert shared.stat().st_mode & 0o777 == 0o755
    assert (shared / "run").stat().st_mode & 0o777 == 0o700

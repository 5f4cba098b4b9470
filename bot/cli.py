"""The `optout` command: parse, build Settings, call the library, print, exit. Nothing else lives here."""

from __future__ import annotations

import functools
import getpass
import json
import os
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from bot import __version__, logs
from bot.accounts import Account, is_valid_email, load_accounts, single_account
from bot.batch import BatchOptions, Job, execute
from bot.errors import BadInput, ExitCode, OptoutError
from bot.progress import BatchProgress
from bot.report import report_dict, summary_table
from bot.results import AccountStatus, RunResult
from bot.secret import Secret
from bot.settings import Settings, find_env_file, resolve
from flows import registry
from flows.login import LoginOptions
from flows.plan import known_names

app = typer.Typer(no_args_is_help=True, pretty_exceptions_show_locals=False,
                  help="Opt LinkedIn accounts out of AI training and other machine learning; verify; keep evidence.")
err = Console(stderr=True, highlight=False, soft_wrap=True, width=None if sys.stderr.isatty() else 160)
out = Console(highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


def _complete_flow(incomplete: str) -> list[str]:
    """Shell completion of --only: the flows and groups of the plan."""
    return [name for name in known_names() if name.startswith(incomplete)]


BaseUrl = Annotated[str | None, typer.Option(
    "--base-url", help="LinkedIn's address [default: https://www.linkedin.com; env OPTOUT_BASE_URL].")]
Headless = Annotated[bool | None, typer.Option(
    "--headless/--headed", help="Hide or show the browser window [default: headless].")]
Only = Annotated[list[str] | None, typer.Option(
    "--only", help="Run only this flow or group (repeatable): " + ", ".join(known_names())
    + ". `--only help` (or `optout plans`) says what each does.", autocompletion=_complete_flow)]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Read and report; change nothing.")]
OutDir = Annotated[Path | None, typer.Option("--out", help="Results folder [default: runs; env OPTOUT_OUT].")]
Verbose = Annotated[int, typer.Option("-v", "--verbose", count=True, help="-v: what the bot does; -vv: debug.")]
JsonOut = Annotated[bool, typer.Option("--json", help="Print the machine-readable report on stdout.")]
EnvFile = Annotated[Path | None, typer.Option(
    "--env-file", help="Read settings from this .env file [default: ./.env when present].")]
Profiles = Annotated[Path | None, typer.Option("--profiles", help="Browser profiles folder [env OPTOUT_PROFILES_DIR].")]
DriverPath = Annotated[str | None, typer.Option("--driver-path", help="chromedriver to use [env OPTOUT_DRIVER_PATH].")]
BrowserPath = Annotated[str | None, typer.Option(
    "--browser-path", help="Chromium/Chrome binary [env OPTOUT_BROWSER_PATH].")]
Timeout = Annotated[float | None, typer.Option("--timeout", help="Seconds to wait for a page element [default: 15].")]
ChallengeTimeout = Annotated[float | None, typer.Option(
    "--challenge-timeout", help="With --headed: seconds to wait for a person to finish a LinkedIn check "
    "[default: 300].")]
PersonTimeout = Annotated[float | None, typer.Option(
    "--person-timeout", help="With --headed: seconds to wait for a person to finish what the bot cannot "
    "[env OPTOUT_PERSON_TIMEOUT; default: 600].")]
Country = Annotated[str | None, typer.Option(
    "--country", help="The member's country of residence, for a form that asks and preselects none (a name or "
    "a two-letter code) [env LINKEDIN_COUNTRY; CSV column country].")]
Details = Annotated[str | None, typer.Option(
    "--details", help="Your own words for the objection form's details box [env OPTOUT_DETAILS].")]
Workers = Annotated[int, typer.Option("--workers", min=1, max=16, help="Browsers in parallel.")]
MinInterval = Annotated[float, typer.Option(
    "--min-interval", min=0, help="Seconds between account starts (with jitter); polite to LinkedIn.")]
FailFast = Annotated[bool, typer.Option("--fail-fast", help="Stop starting accounts after the first not private.")]
Resume = Annotated[bool, typer.Option("--resume", help="Continue the latest run of this file; skip verified accounts.")]
CsvFile = Annotated[Path, typer.Argument(
    help="CSV: email, password or password_env, totp_secret or totp_env, li_at or li_at_env, flows, label.")]
OptionalCsv = Annotated[Path | None, typer.Argument(
    help="CSV of accounts; without it, the account from LINKEDIN_EMAIL.")]
Port = Annotated[int, typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1 [default: a free one].")]
SandboxAccounts = Annotated[list[str] | None, typer.Option(
    "--account", help="EMAIL:PASSWORD of an account to create (repeatable).")]
SandboxSeed = Annotated[int | None, typer.Option(
    "--seed", help="Draw every page detail LinkedIn's public sources leave open from this seed, per member "
    "[default: none, the documented pages].")]
RemoteUrl = Annotated[str | None, typer.Option(
    "--remote-url", help="Run the browsers on a Selenium Grid or another W3C WebDriver endpoint "
    "[env OPTOUT_REMOTE_URL].")]
BrowserName = Annotated[str | None, typer.Option(
    "--browser", help="With --remote-url: chromium, chrome, firefox or edge [default: chromium; env OPTOUT_BROWSER].")]
KeepSessions = Annotated[bool | None, typer.Option(
    "--keep-sessions/--fresh-sessions", help="Keep each account's browser profile (and LinkedIn session) between "
    "runs, or start every account fresh [default: keep; env OPTOUT_KEEP_SESSIONS].")]
ReuseBrowser = Annotated[bool | None, typer.Option(
    "--reuse-browser/--no-reuse-browser", help="With fresh sessions or --remote-url: a worker keeps its browser "
    "for its next account, wiped in between [default: reuse].")]
ForgetSession = Annotated[bool, typer.Option(
    "--forget-session", help="Delete the LinkedIn session kept for the account (cookies restored on any grid node, "
    "the profile's cookies) and sign in afresh; the new session is kept again.")]
LiAtEnv = Annotated[str | None, typer.Option(
    "--li-at-env", help="Name of the environment variable holding the li_at cookie [default: LINKEDIN_LI_AT].")]


def _version() -> str:
    try:
        return metadata.version("linkedin-optout")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return __version__


def _show_version(wanted: bool) -> None:
    if wanted:
        out.print(f"optout {_version()}", markup=False)
        raise typer.Exit()


@app.callback()
def _options(version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_show_version, help="Print the version and exit.")] = False) -> None:
    """The options of `optout` itself, before any command (the app's help is the Typer's above)."""


def _guarded(command: F) -> F:
    """The one boundary where errors become a one-line message, a hint and an exit code."""
    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except OptoutError as error:
            err.print(f"[bold red]error:[/] {escape(error.message)}", markup=True, highlight=False)
            if error.hint:
                err.print(f"hint: {error.hint}", markup=False)
            raise typer.Exit(int(error.exit_code)) from None
    return run  # type: ignore[return-value]


_SETTING_NAMES = {"only": "flows", "out": "out_dir", "verbose": "verbosity", "profiles": "profiles_dir"}


def _settings(env_file: Path | None, **flags: Any) -> Settings:
    """Settings from the flags a command was given (by their CLI names), then environment, .env and defaults."""
    if "help" in (flags.get("only") or ()):
        _print_plans()
        raise typer.Exit(0)
    given = {_SETTING_NAMES.get(key, key): value for key, value in flags.items() if value not in (None, [], ())}
    settings = resolve(given, os.environ, find_env_file(env_file, Path.cwd()))
    logs.configure(settings.verbosity)
    if not settings.is_linkedin:
        err.print(f"warning: --base-url host is not linkedin.com: credentials will be sent to {settings.base_url}",
                  markup=False)
    return settings


def _ask_hidden(prompt: str) -> str | None:
    return getpass.getpass(f"{prompt}: ", stream=sys.stderr) if sys.stdin.isatty() else None


def _single(settings: Settings, li_at_env: str | None) -> Account:
    li_at = settings.li_at
    if li_at_env is not None:
        if not os.environ.get(li_at_env):
            raise BadInput(f"--li-at-env: the environment variable {li_at_env} is not set (or is empty)",
                           hint=f"export {li_at_env} with the li_at cookie, or leave --li-at-env out")
        li_at = Secret(os.environ[li_at_env])
    password = settings.password
    if password is None and li_at is None and sys.stdin.isatty():
        password = Secret(_ask_hidden(f"LinkedIn password for {settings.email}") or "") or None
    account = single_account(settings.email or "", password, settings.totp_secret, li_at, list(settings.flows))
    logs.SECRETS.add(account.secret_values())
    return account


def _finish(run: RunResult, settings: Settings, per_flow_lines: bool) -> None:
    if settings.json_output:
        out.print_json(json.dumps(report_dict(run)))
    elif per_flow_lines:
        for account in run.accounts:
            for flow in account.flows:
                out.print(f"{flow.flow}: {flow.line()}", markup=False)
            if account.message:
                code = f" ({account.error_code})" if account.error_code not in (None, account.status) else ""
                out.print(f"{account.email}: {account.status}{code}: {account.message}", markup=False)
                if account.hint:
                    out.print(f"hint: {account.hint}", markup=False)
    err.print(summary_table(run))
    err.print(f"results: {run.folder}", markup=False)
    raise typer.Exit(int(exit_code(run)))


def exit_code(run: RunResult) -> ExitCode:
    statuses = {account.status for account in run.accounts}
    if AccountStatus.FAILED in statuses:
        return ExitCode.FAILED
    if AccountStatus.NEEDS_ATTENTION in statuses:
        return ExitCode.NEEDS_PERSON
    if statuses - {AccountStatus.PRIVATE}:
        return ExitCode.FAILED
    return ExitCode.OK


@app.command()
@_guarded
def run(base_url: BaseUrl = None, headless: Headless = None, only: Only = None, dry_run: DryRun = False,
        out: OutDir = None, verbose: Verbose = 0, json_output: JsonOut = False, env_file: EnvFile = None,
        profiles: Profiles = None, driver_path: DriverPath = None, browser_path: BrowserPath = None,
        timeout: Timeout = None, challenge_timeout: ChallengeTimeout = None, li_at_env: LiAtEnv = None,
        remote_url: RemoteUrl = None, browser: BrowserName = None, keep_sessions: KeepSessions = None,
        person_timeout: PersonTimeout = None, country: Country = None, details: Details = None,
        forget_session: ForgetSession = False) -> None:
    """Opt one account out: log in, switch the AI settings off, file the objections, verify, keep evidence.

    Credentials come from LINKEDIN_EMAIL and LINKEDIN_PASSWORD (or LINKEDIN_LI_AT, LINKEDIN_TOTP_SECRET), in the
    environment or a .env file; without a password, a terminal asks for it.
    """
    settings = _settings(env_file, base_url=base_url, headless=headless, only=only, dry_run=dry_run, out=out,
                         verbose=verbose, json_output=json_output, profiles=profiles, driver_path=driver_path,
                         browser_path=browser_path, timeout=timeout, challenge_timeout=challenge_timeout,
                         remote_url=remote_url, browser=browser, keep_sessions=keep_sessions,
                         person_timeout=person_timeout, country=country, details=details,
                         forget_session=forget_session)
    account = _single(settings, li_at_env)
    login = LoginOptions(ask_pin=_ask_hidden, wait_for_person=not settings.headless,
                         challenge_timeout=settings.challenge_timeout)
    result = execute(Job(settings, [account], "run", f"account:{account.email}", login_options=login))
    _finish(result, settings, per_flow_lines=True)


@app.command()
@_guarded
def check(accounts_csv: OptionalCsv = None,
          base_url: BaseUrl = None, headless: Headless = None, only: Only = None, out: OutDir = None,
          verbose: Verbose = 0, json_output: JsonOut = False, env_file: EnvFile = None, profiles: Profiles = None,
          driver_path: DriverPath = None, browser_path: BrowserPath = None, timeout: Timeout = None,
          workers: Workers = 2, min_interval: MinInterval = 20.0, li_at_env: LiAtEnv = None,
          remote_url: RemoteUrl = None, browser: BrowserName = None, keep_sessions: KeepSessions = None,
          reuse_browser: ReuseBrowser = None) -> None:
    """Audit, read-only: report whether each account's settings are off and objections filed. Changes nothing."""
    settings = _settings(env_file, base_url=base_url, headless=headless, only=only, out=out, verbose=verbose,
                         json_output=json_output, profiles=profiles, driver_path=driver_path,
                         browser_path=browser_path, timeout=timeout, remote_url=remote_url, browser=browser,
                         keep_sessions=keep_sessions, reuse_browser=reuse_browser)
    accounts, source = _accounts_or_single(accounts_csv, settings, li_at_env)
    options = BatchOptions(workers=workers, min_interval=min_interval if accounts_csv else 0.0)
    job = Job(settings, accounts, "check", source, read_only=True, options=options)
    _finish(_with_progress(job), settings, per_flow_lines=accounts_csv is None)


def _accounts_or_single(path: Path | None, settings: Settings, li_at_env: str | None) -> tuple[list[Account], str]:
    if path is None:
        account = _single(settings, li_at_env)
        return [account], f"account:{account.email}"
    loaded = load_accounts(path, os.environ)
    for warning in loaded.warnings:
        err.print(f"warning: {warning}", markup=False)
    for account in loaded.accounts:
        logs.SECRETS.add(account.secret_values())
    return loaded.accounts, str(path.resolve())


def _with_progress(job: Job) -> RunResult:
    with BatchProgress(err, total=len(job.accounts)) as progress:
        job.on_start, job.on_result = progress.started, progress.finished
        return execute(job)


@app.command()
@_guarded
def batch(accounts_csv: CsvFile,
          base_url: BaseUrl = None, headless: Headless = None, only: Only = None, dry_run: DryRun = False,
          out: OutDir = None, verbose: Verbose = 0, json_output: JsonOut = False, env_file: EnvFile = None,
          profiles: Profiles = None, driver_path: DriverPath = None, browser_path: BrowserPath = None,
          timeout: Timeout = None,
          workers: Workers = 2, min_interval: MinInterval = 20.0, fail_fast: FailFast = False,
          resume: Resume = False, remote_url: RemoteUrl = None, browser: BrowserName = None,
          keep_sessions: KeepSessions = None, reuse_browser: ReuseBrowser = None, country: Country = None,
          details: Details = None, forget_session: ForgetSession = False) -> None:
    """Opt out every account in a CSV, in parallel; resumable after a crash or Ctrl-C; reported per account."""
    settings = _settings(env_file, base_url=base_url, headless=headless, only=only, dry_run=dry_run, out=out,
                         verbose=verbose, json_output=json_output, profiles=profiles, driver_path=driver_path,
                         browser_path=browser_path, timeout=timeout, remote_url=remote_url, browser=browser,
                         keep_sessions=keep_sessions, reuse_browser=reuse_browser, country=country,
                         details=details, forget_session=forget_session)
    accounts, source = _accounts_or_single(accounts_csv, settings, None)
    options = BatchOptions(workers=workers, min_interval=min_interval, fail_fast=fail_fast, resume=resume)
    _finish(_with_progress(Job(settings, accounts, "batch", source, options=options)), settings, False)


@app.command()
@_guarded
def probe(base_url: BaseUrl = None, headless: Headless = None, only: Only = None, out: OutDir = None,
          verbose: Verbose = 0, json_output: JsonOut = False, env_file: EnvFile = None, profiles: Profiles = None,
          driver_path: DriverPath = None, browser_path: BrowserPath = None, timeout: Timeout = None,
          challenge_timeout: ChallengeTimeout = None, li_at_env: LiAtEnv = None, remote_url: RemoteUrl = None,
          browser: BrowserName = None) -> None:
    """Read-only: open every page the plan needs and say, per element, which way found it or that none did.

    Saves each page's HTML (secrets removed) and a screenshot; attach the output to a bug report when a LinkedIn
    change breaks a run. Exit 1 when a required element matches nothing.
    """
    from bot.probe import run_probe

    settings = _settings(env_file, base_url=base_url, headless=headless, only=only, out=out, verbose=verbose,
                         json_output=json_output, profiles=profiles, driver_path=driver_path,
                         browser_path=browser_path, timeout=timeout, challenge_timeout=challenge_timeout,
                         remote_url=remote_url, browser=browser)
    login = LoginOptions(ask_pin=_ask_hidden, wait_for_person=not settings.headless,
                         challenge_timeout=settings.challenge_timeout)
    result = run_probe(settings, _single(settings, li_at_env), login)
    _print_probe(result.to_dict() if settings.json_output else result.lines())
    err.print(f"saved: {result.folder}", markup=False)
    raise typer.Exit(int(result.exit_code))


def _print_probe(report: dict[str, Any] | list[str]) -> None:
    if isinstance(report, dict):
        out.print_json(json.dumps(report))
    else:
        out.print("\n".join(report), markup=False)


@app.command()
@_guarded
def forget(email: Annotated[str, typer.Argument(help="The account's login email.")], profiles: Profiles = None,
           env_file: EnvFile = None) -> None:
    """Delete the LinkedIn session kept for an account (its cookies and its browser profile); its next run signs
    in afresh. Journal and reports stay."""
    from bot.sessions import forget_account

    settings = _settings(env_file, profiles=profiles)
    account = Account(email)
    if not is_valid_email(account.email):
        raise BadInput(f"EMAIL: {email.strip()!r} is not an email address")
    gone = forget_account(settings.profiles_dir, account.slug)
    out.print(f"{account.email}: deleted {' and '.join(gone)}" if gone else f"{account.email}: nothing was kept",
              markup=False)


@app.command()
@_guarded
def doctor(driver_path: DriverPath = None, browser_path: BrowserPath = None, headless: Headless = None) -> None:
    """Find a browser and a driver, start a real session, and say which discovery step worked."""
    from bot.browser import BrowserOptions, discover, session_version

    logs.configure(0)
    found = discover(driver_path, browser_path)
    for line in found.describe():
        out.print(line, markup=False)
    options = BrowserOptions(headless=headless is not False, driver_path=driver_path, browser_path=browser_path)
    version = session_version(options, found)
    out.print(f"ok: started {found.browser_path} (version {version}) with {found.driver_path} via {found.via}",
              markup=False)


def _print_plans() -> None:
    for line in registry.lines():
        out.print(line, markup=False)


@app.command()
def plans() -> None:
    """List the flows and groups `--only` (and the CSV `flows` column, and OPTOUT_FLOWS) accept, one line each."""
    _print_plans()


@app.command()
@_guarded
def sandbox(port: Port = 0, account: SandboxAccounts = None, seed: SandboxSeed = None) -> None:
    """Serve the local LinkedIn stand-in on 127.0.0.1 for manual use and tests."""
    import sandbox as stand_in

    try:
        specs = [stand_in.AccountSpec.parse(text) for text in account or []]
    except ValueError as error:
        raise BadInput(f"--account: {error}") from None
    server = stand_in.serve(port=port, accounts=specs, seed=seed, settings=registry.sandbox_table())
    out.print(server.url, markup=False)
    if seed is not None:
        err.print(f"seed: {seed}", markup=False)
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.stop()


@app.command()
@_guarded
def demo(results: OutDir = None, verbose: Verbose = 0, headless: Headless = None) -> None:
    """Run the whole job against the bundled LinkedIn stand-in: a demo account, both settings on, opted out."""
    from bot.cli_demo import run_demo

    logs.configure(verbose)
    run, record = run_demo(results or Path("runs"), headless=headless is not False, verbose=verbose)
    err.print(f"server-side record: {json.dumps(record)}", markup=False)
    _finish(run, Settings(), per_flow_lines=True)


def main() -> None:
    """Files the bot creates are private to the user (umask 077, whatever a library or the browser creates); a flag
    or argument typer rejects is one `error:` line and exit 2, like every other bad input, not a boxed usage text."""
    os.umask(0o077)
    try:
        status = app(standalone_mode=False)
    except typer.TyperException as error:  # typer's usage errors: an unknown flag, a bad value, a missing argument
        _usage_error(error)
    except typer.Abort:
        err.print("aborted", markup=False)
        status = ExitCode.FAILED
    sys.exit(status if isinstance(status, int) else 0)


def _usage_error(error: typer.TyperException) -> NoReturn:
    message = error.format_message().strip()
    if message:  # empty for a bare `optout`: its help was printed already
        context = getattr(error, "ctx", None)
        command = context.command_path if context is not None else "optout"
        err.print(f"[bold red]error:[/] {escape(message)}", markup=True, highlight=False)
        err.print(f"hint: see `{command} --help`", markup=False)
    sys.exit(error.exit_code)

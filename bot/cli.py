"""The `optout` command: parse, build Settings, call the library, print, exit. Nothing else lives here."""

from __future__ import annotations

import dataclasses
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
from typer.core import TyperCommand, TyperOption

from bot import __version__, logs
from bot.accounts import Account, is_valid_email, load_accounts, single_account
from bot.batch import BatchOptions, Job, execute
from bot.errors import BadInput, ExitCode, OptoutError, exit_code_of_run
from bot.progress import BatchProgress
from bot.report import report_dict, summary_table
from bot.results import RunResult
from bot.secret import Secret
from bot.settings import ENV_VARS, Settings, find_env_file, resolve
from flows import registry
from flows.login import LoginOptions
from flows.plan import known_names

app = typer.Typer(no_args_is_help=True, pretty_exceptions_show_locals=False,
                  help="Opt LinkedIn accounts out of AI training and other machine learning; verify; keep evidence.")
stderr = Console(stderr=True, highlight=False, soft_wrap=True, width=None if sys.stderr.isatty() else 160)
stdout = Console(highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


def _complete_flow(incomplete: str) -> list[str]:
    """Shell completion of --only: the flows and groups of the plan."""
    return [name for name in known_names() if name.startswith(incomplete)]


class _Command(TyperCommand):
    """A command whose options name their environment variable in --help (typer's `envvar=`), while reading it is
    left to Settings (bot/settings.py), which also reads the .env file, under the environment. Typer's own reading
    would split OPTOUT_FLOWS (comma-separated) at spaces, accept booleans Settings refuses (`t`, `n`) and word its
    errors its own way: one parser keeps one order and one-line errors that name the variable."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperOption) and param.envvar:
                param.__class__ = _EnvvarShownNotRead


class _EnvvarShownNotRead(TyperOption):
    def resolve_envvar_value(self, ctx: Any) -> str | None:
        return None


# One option table. Each command's parameter takes the name of the Settings field it sets (`flows` for --only,
# `out_dir` for --out): _settings() hands the options a command was given to Settings by those names.
BaseUrl = Annotated[str | None, typer.Option(
    "--base-url", envvar=ENV_VARS["base_url"], show_default=Settings.base_url, help="LinkedIn's address.")]
Headless = Annotated[bool | None, typer.Option(
    "--headless/--headed", envvar=ENV_VARS["headless"], show_default="headless",
    help="Hide or show the browser window.")]
Only = Annotated[list[str] | None, typer.Option(
    "--only", envvar=ENV_VARS["flows"], autocompletion=_complete_flow,
    help="Run only this flow or group (repeatable; in the variable, comma-separated): " + ", ".join(known_names())
    + ". `--only help` (or `optout plans`) says what each does.")]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Read and report; change nothing.")]
OutDir = Annotated[Path | None, typer.Option(
    "--out", envvar=ENV_VARS["out_dir"], show_default=str(Settings.out_dir), help="Results folder.")]
Verbose = Annotated[int, typer.Option("-v", "--verbose", count=True, help="-v: what the bot does; -vv: debug.")]
JsonOut = Annotated[bool, typer.Option("--json", help="Print the machine-readable report on stdout.")]
EnvFile = Annotated[Path | None, typer.Option(
    "--env-file", show_default="./.env when present", help="Read settings from this .env file.")]
Profiles = Annotated[Path | None, typer.Option(
    "--profiles", envvar=ENV_VARS["profiles_dir"], help="Browser profiles folder.")]
DriverPath = Annotated[str | None, typer.Option(
    "--driver-path", envvar=ENV_VARS["driver_path"], help="chromedriver to use.")]
BrowserPath = Annotated[str | None, typer.Option(
    "--browser-path", envvar=ENV_VARS["browser_path"], help="Chromium/Chrome binary.")]
Timeout = Annotated[float | None, typer.Option(
    "--timeout", envvar=ENV_VARS["timeout"], show_default=f"{Settings.timeout:g}",
    help="Seconds to wait for a page element.")]
ChallengeTimeout = Annotated[float | None, typer.Option(
    "--challenge-timeout", envvar=ENV_VARS["challenge_timeout"], show_default=f"{Settings.challenge_timeout:g}",
    help="With --headed: seconds to wait for a person to finish a LinkedIn check.")]
PersonTimeout = Annotated[float | None, typer.Option(
    "--person-timeout", envvar=ENV_VARS["person_timeout"], show_default=f"{Settings.person_timeout:g}",
    help="With --headed: seconds to wait for a person to finish what the bot cannot.")]
Country = Annotated[str | None, typer.Option(
    "--country", envvar=ENV_VARS["country"], help="The member's country of residence, for a form that asks and "
    "preselects none (a name or a two-letter code; in a CSV, the column country).")]
Details = Annotated[str | None, typer.Option(
    "--details", envvar=ENV_VARS["details"], help="Your own words for the objection form's details box.")]
Workers = Annotated[int, typer.Option("--workers", min=1, max=16, help="Browsers in parallel.")]
MinInterval = Annotated[float, typer.Option(
    "--min-interval", min=0, help="Seconds between account starts (with jitter); polite to LinkedIn.")]
FailFast = Annotated[bool, typer.Option("--fail-fast", help="Stop starting accounts after the first not private.")]
Resume = Annotated[bool, typer.Option("--resume", help="Continue the latest run of this file; skip verified accounts.")]
CsvFile = Annotated[Path, typer.Argument(
    help="CSV: email, password or password_env, totp_secret or totp_env, li_at or li_at_env, flows, label.")]
OptionalCsv = Annotated[Path | None, typer.Argument(
    help="CSV of accounts; without it, the account from LINKEDIN_EMAIL.")]
Port = Annotated[int, typer.Option("--port", min=0, max=65535, show_default="a free one", help="Port on 127.0.0.1.")]
SandboxAccounts = Annotated[list[str] | None, typer.Option(
    "--account", help="EMAIL:PASSWORD of an account to create (repeatable).")]
SandboxSeed = Annotated[int | None, typer.Option(
    "--seed", show_default="none, the documented pages",
    help="Draw every page detail LinkedIn's public sources leave open from this seed, per member.")]
RemoteUrl = Annotated[str | None, typer.Option(
    "--remote-url", envvar=ENV_VARS["remote_url"],
    help="Run the browsers on a Selenium Grid or another W3C WebDriver endpoint.")]
BrowserName = Annotated[str | None, typer.Option(
    "--browser", envvar=ENV_VARS["browser"], show_default=Settings.browser,
    help="With --remote-url: chromium, chrome, firefox or edge.")]
KeepSessions = Annotated[bool | None, typer.Option(
    "--keep-sessions/--fresh-sessions", envvar=ENV_VARS["keep_sessions"], show_default="keep",
    help="Keep each account's browser profile (and LinkedIn session) between runs, or start every account fresh.")]
ReuseBrowser = Annotated[bool | None, typer.Option(
    "--reuse-browser/--no-reuse-browser", envvar=ENV_VARS["reuse_browser"], show_default="reuse",
    help="With fresh sessions or --remote-url: a worker keeps its browser for its next account, wiped in between.")]
ForgetSession = Annotated[bool, typer.Option(
    "--forget-session", help="Delete the LinkedIn session kept for the account (cookies restored on any grid node, "
    "the profile's cookies) and sign in afresh; the new session is kept again.")]
LiAtEnv = Annotated[str | None, typer.Option(
    "--li-at-env", show_default=ENV_VARS["li_at"], help="Name of the environment variable holding the li_at cookie.")]


def _version() -> str:
    try:
        return metadata.version("linkedin-optout")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return __version__


def _show_version(wanted: bool) -> None:
    if wanted:
        stdout.print(f"optout {_version()}", markup=False)
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
            stderr.print(f"[bold red]error:[/] {escape(error.message)}", markup=True, highlight=False)
            if error.hint:
                stderr.print(f"hint: {error.hint}", markup=False)
            raise typer.Exit(int(error.exit_code)) from None
    return run  # type: ignore[return-value]


_SETTING_FIELDS = frozenset(field.name for field in dataclasses.fields(Settings))


def _settings(ctx: typer.Context) -> Settings:
    """Settings from the options the command was given (`ctx.params`, each named as its Settings field), then the
    environment, the .env file (--env-file, or ./.env) and the defaults: bot/settings.py merges and checks them."""
    options = {param.name for param in ctx.command.params if isinstance(param, TyperOption)}
    given = {name: value for name, value in ctx.params.items()
             if name in options and name in _SETTING_FIELDS and value not in (None, [], ())}
    if "help" in given.get("flows", ()):
        _print_plans()
        raise typer.Exit(0)
    settings = resolve(given, os.environ, find_env_file(ctx.params.get("env_file"), Path.cwd()))
    logs.configure(settings.verbosity)
    if "base_url" in ctx.params and not settings.is_linkedin:
        stderr.print(f"warning: --base-url host is not linkedin.com: credentials will be sent to {settings.base_url}",
                     markup=False)
    return settings


def _login(settings: Settings) -> LoginOptions:
    """How a sign-in asks a person: a PIN at the terminal; with a visible browser, a LinkedIn check left to them."""
    return LoginOptions(ask_pin=_ask_hidden, wait_for_person=not settings.headless,
                        challenge_timeout=settings.challenge_timeout)


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
        stdout.print_json(json.dumps(report_dict(run)))
    elif per_flow_lines:
        for account in run.accounts:
            for flow in account.flows:
                stdout.print(f"{flow.flow}: {flow.line()}", markup=False)
            if account.message:
                code = f" ({account.error_code})" if account.error_code not in (None, account.status) else ""
                stdout.print(f"{account.email}: {account.status}{code}: {account.message}", markup=False)
                if account.hint:
                    stdout.print(f"hint: {account.hint}", markup=False)
    stderr.print(summary_table(run))
    stderr.print(f"results: {run.folder}", markup=False)
    raise typer.Exit(int(exit_code_of_run({account.status for account in run.accounts})))


@app.command(cls=_Command)
@_guarded
def run(ctx: typer.Context, base_url: BaseUrl = None, headless: Headless = None, flows: Only = None,
        dry_run: DryRun = False, out_dir: OutDir = None, verbosity: Verbose = 0, json_output: JsonOut = False,
        env_file: EnvFile = None, profiles_dir: Profiles = None, driver_path: DriverPath = None,
        browser_path: BrowserPath = None, timeout: Timeout = None, challenge_timeout: ChallengeTimeout = None,
        li_at_env: LiAtEnv = None, remote_url: RemoteUrl = None, browser: BrowserName = None,
        keep_sessions: KeepSessions = None, person_timeout: PersonTimeout = None, country: Country = None,
        details: Details = None, forget_session: ForgetSession = False) -> None:
    """Opt one account out: log in, switch the AI settings off, file the objections, verify, keep evidence.

    Credentials come from LINKEDIN_EMAIL and LINKEDIN_PASSWORD (or LINKEDIN_LI_AT, LINKEDIN_TOTP_SECRET), in the
    environment or a .env file; without a password, a terminal asks for it.
    """
    settings = _settings(ctx)
    account = _single(settings, li_at_env)
    job = Job(settings, [account], "run", f"account:{account.email}", login_options=_login(settings))
    _finish(execute(job), settings, per_flow_lines=True)


@app.command(cls=_Command)
@_guarded
def check(ctx: typer.Context, accounts_csv: OptionalCsv = None,
          base_url: BaseUrl = None, headless: Headless = None, flows: Only = None, out_dir: OutDir = None,
          verbosity: Verbose = 0, json_output: JsonOut = False, env_file: EnvFile = None,
          profiles_dir: Profiles = None, driver_path: DriverPath = None, browser_path: BrowserPath = None,
          timeout: Timeout = None, workers: Workers = 2, min_interval: MinInterval = 20.0, li_at_env: LiAtEnv = None,
          remote_url: RemoteUrl = None, browser: BrowserName = None, keep_sessions: KeepSessions = None,
          reuse_browser: ReuseBrowser = None) -> None:
    """Audit, read-only: report whether each account's settings are off and objections filed. Changes nothing."""
    settings = _settings(ctx)
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
        stderr.print(f"warning: {warning}", markup=False)
    for account in loaded.accounts:
        logs.SECRETS.add(account.secret_values())
    return loaded.accounts, str(path.resolve())


def _with_progress(job: Job) -> RunResult:
    with BatchProgress(stderr, total=len(job.accounts)) as progress:
        job.on_start, job.on_result = progress.started, progress.finished
        return execute(job)


@app.command(cls=_Command)
@_guarded
def batch(ctx: typer.Context, accounts_csv: CsvFile,
          base_url: BaseUrl = None, headless: Headless = None, flows: Only = None, dry_run: DryRun = False,
          out_dir: OutDir = None, verbosity: Verbose = 0, json_output: JsonOut = False, env_file: EnvFile = None,
          profiles_dir: Profiles = None, driver_path: DriverPath = None, browser_path: BrowserPath = None,
          timeout: Timeout = None,
          workers: Workers = 2, min_interval: MinInterval = 20.0, fail_fast: FailFast = False,
          resume: Resume = False, remote_url: RemoteUrl = None, browser: BrowserName = None,
          keep_sessions: KeepSessions = None, reuse_browser: ReuseBrowser = None, country: Country = None,
          details: Details = None, forget_session: ForgetSession = False) -> None:
    """Opt out every account in a CSV, in parallel; resumable after a crash or Ctrl-C; reported per account."""
    settings = _settings(ctx)
    accounts, source = _accounts_or_single(accounts_csv, settings, None)
    options = BatchOptions(workers=workers, min_interval=min_interval, fail_fast=fail_fast, resume=resume)
    _finish(_with_progress(Job(settings, accounts, "batch", source, options=options)), settings, False)


@app.command(cls=_Command)
@_guarded
def probe(ctx: typer.Context, base_url: BaseUrl = None, headless: Headless = None, flows: Only = None,
          out_dir: OutDir = None, verbosity: Verbose = 0, json_output: JsonOut = False, env_file: EnvFile = None,
          profiles_dir: Profiles = None, driver_path: DriverPath = None, browser_path: BrowserPath = None,
          timeout: Timeout = None, challenge_timeout: ChallengeTimeout = None, li_at_env: LiAtEnv = None,
          remote_url: RemoteUrl = None, browser: BrowserName = None) -> None:
    """Read-only: open every page the plan needs and say, per element, which way found it or that none did.

    Saves each page's HTML (secrets removed) and a screenshot; attach the output to a bug report when a LinkedIn
    change breaks a run. Exit 1 when a required element matches nothing.
    """
    from bot.probe import run_probe

    settings = _settings(ctx)
    result = run_probe(settings, _single(settings, li_at_env), _login(settings))
    _print_probe(result.to_dict() if settings.json_output else result.lines())
    stderr.print(f"saved: {result.folder}", markup=False)
    raise typer.Exit(int(result.exit_code))


def _print_probe(report: dict[str, Any] | list[str]) -> None:
    if isinstance(report, dict):
        stdout.print_json(json.dumps(report))
    else:
        stdout.print("\n".join(report), markup=False)


@app.command(cls=_Command)
@_guarded
def forget(ctx: typer.Context, email: Annotated[str, typer.Argument(help="The account's login email.")],
           profiles_dir: Profiles = None, env_file: EnvFile = None) -> None:
    """Delete the LinkedIn session kept for an account (its cookies and its browser profile); its next run signs
    in afresh. Journal and reports stay."""
    from bot.sessions import forget_account

    settings = _settings(ctx)
    account = Account(email)
    if not is_valid_email(account.email):
        raise BadInput(f"EMAIL: {email.strip()!r} is not an email address")
    gone = forget_account(settings.profiles_dir, account.slug)
    stdout.print(f"{account.email}: deleted {' and '.join(gone)}" if gone else f"{account.email}: nothing was kept",
                 markup=False)


@app.command(cls=_Command)
@_guarded
def doctor(ctx: typer.Context, driver_path: DriverPath = None, browser_path: BrowserPath = None,
           headless: Headless = None) -> None:
    """Find a browser and a driver, start a real session, and say which discovery step worked."""
    from bot.browser import BrowserOptions, discover, session_version

    settings = _settings(ctx)
    found = discover(settings.driver_path, settings.browser_path)
    for line in found.describe():
        stdout.print(line, markup=False)
    options = BrowserOptions(headless=settings.headless, driver_path=settings.driver_path,
                             browser_path=settings.browser_path)
    version = session_version(options, found)
    stdout.print(f"ok: started {found.browser_path} (version {version}) with {found.driver_path} via {found.via}",
                 markup=False)


def _print_plans() -> None:
    for line in registry.lines():
        stdout.print(line, markup=False)


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
    stdout.print(server.url, markup=False)
    if seed is not None:
        stderr.print(f"seed: {seed}", markup=False)
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.stop()


@app.command(cls=_Command)
@_guarded
def demo(ctx: typer.Context, out_dir: OutDir = None, verbosity: Verbose = 0, headless: Headless = None) -> None:
    """Run the whole job against the bundled LinkedIn stand-in: a demo account, both settings on, opted out."""
    from bot.cli_demo import run_demo

    settings = _settings(ctx)
    run, record = run_demo(settings.out_dir, headless=settings.headless, verbose=settings.verbosity)
    stderr.print(f"server-side record: {json.dumps(record)}", markup=False)
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
        stderr.print("aborted", markup=False)
        status = ExitCode.FAILED
    sys.exit(status if isinstance(status, int) else 0)


def _usage_error(error: typer.TyperException) -> NoReturn:
    message = error.format_message().strip()
    if message:  # empty for a bare `optout`: its help was printed already
        context = getattr(error, "ctx", None)
        command = context.command_path if context is not None else "optout"
        stderr.print(f"[bold red]error:[/] {escape(message)}", markup=True, highlight=False)
        stderr.print(f"hint: see `{command} --help`", markup=False)
    sys.exit(error.exit_code)

"""The commands a message tells a person to run next. Each is one the CLI accepts, and carries what the run was
given (site, flows, folders, sessions, grid), so that the next run finds the same journal and kept sessions."""

from __future__ import annotations

import shlex

from bot.settings import Settings


def run_again(settings: Settings, email: str, *flags: str, flows: tuple[str, ...] | None = None) -> str:
    """The `optout run` that goes on with one account where this run stopped."""
    command = ["optout", "run", *flags, *_carried(settings, flows or settings.flows, "run", flags)]
    return f"LINKEDIN_EMAIL={shlex.quote(email)} {shlex.join(command)}"


def continue_job(settings: Settings, command: str, source: str) -> str:
    """What continues a stopped job: `optout batch CSV --resume`; a `run` or `check` (of one account or a CSV) is
    simply run again: the journal keeps what was filed, and every setting is read again anyway."""
    if command == "batch":
        return shlex.join(["optout", "batch", source, "--resume", *_carried(settings, settings.flows, command)])
    if command == "demo":
        return "optout demo"
    if source.startswith("account:"):
        email = source.removeprefix("account:")
        if command != "check":
            return run_again(settings, email)
        check = ["optout", "check", *_carried(settings, settings.flows, command)]
        return f"LINKEDIN_EMAIL={shlex.quote(email)} {shlex.join(check)}"
    return shlex.join(["optout", "check", source, *_carried(settings, settings.flows, "check")])


def _carried(settings: Settings, plan: tuple[str, ...], command: str, given: tuple[str, ...] = ()) -> list[str]:
    """The options of `settings` that differ from the defaults and that `command` accepts."""
    default = Settings()
    options = ["--base-url", settings.base_url]
    if plan != default.flows:
        options += [argument for name in plan for argument in ("--only", name)]
    if settings.dry_run and command != "check":
        options.append("--dry-run")
    if not settings.headless and "--headed" not in given:
        options.append("--headed")
    if settings.out_dir != default.out_dir:
        options += ["--out", str(settings.out_dir)]
    if settings.keep_sessions and settings.profiles_dir != default.profiles_dir:
        options += ["--profiles", str(settings.profiles_dir)]
    if not settings.keep_sessions:
        options.append("--fresh-sessions")
    if not settings.reuse_browser and command != "run":
        options.append("--no-reuse-browser")
    if settings.remote_url:
        options += ["--remote-url", settings.remote_url, "--browser", settings.browser]
    return options

"""The full default plan against many seeds: every page detail LINKEDIN.md leaves open is drawn per member, and
the bot must still opt out whoever is opted in and leave alone whoever already opted out.

One sandbox and one `optout batch` cover every seed: two members per seed (each spec carries the seed), one
with everything on, one who already opted out. Fresh sessions: each worker keeps its browser, wiped between
accounts (fewer browser starts; and who is signed in must be checked after every login). SEEDS (default 30)
sets how many; `make soak SEEDS=500` runs more, and SEED_FROM where they start (a long soak in chunks).
Judged on the sandbox's own record, never on what the bot reports; a failure names the seed and the email.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.batch_helpers import duplicates

pytestmark = pytest.mark.browser

SEEDS = int(os.environ.get("SEEDS", "30"))
SEED_FROM = int(os.environ.get("SEED_FROM", "0"))
PASSWORD = "Secr3t-pass-Zq81"
NAMES = ("Ana Example", "Jürgen Müller-Lüdenscheidt", "Zoë O'Brien", "Łucja Wiśniewska", "Mary Ann Smith",
         "João da Silva")
BOTH = ["ai-training", "personalization-ml"]
SHOWN = ("language", "switch", "genai_path", "partners_path", "genai_lost_save", "partners_lost_save", "form_shape",
         "form_controls", "field_names", "names_prefilled", "required_mark", "cases_markup", "case_phrasing",
         "case_data", "subject", "confirmation", "confirmation_link", "feed_name")


def _members(seed: int) -> list[dict]:
    """The seed's two members: opted in (every third signs in with a second address), and already opted out."""
    region = "EU" if seed % 4 == 3 else "US"
    name = NAMES[seed % len(NAMES)]
    opted_in = {"email": f"seed{seed}.in@example.com", "password": PASSWORD, "name": name, "seed": seed,
                "region": region}
    if seed % 3 == 1:
        opted_in["other_emails"] = [f"seed{seed}.in.work@example.com"]
    opted_out = {"email": f"seed{seed}.out@example.com", "password": PASSWORD, "name": name, "seed": seed,
                 "region": region, "genai_training": False, "partner_sharing": False, "objections": BOTH}
    return [opted_in, opted_out]


def _csv(members: list[dict], folder: Path) -> Path:
    # a team gives each member's country: a form that asks for it and preselects none has no other source
    lines = ["email,password,label,country"]
    lines += [f"{(m.get('other_emails') or [m['email']])[0]},{m['password']},seed {m['seed']},"
              f"{'DE' if m['region'] == 'EU' else 'US'}" for m in members]
    path = folder / "accounts.csv"
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)
    return path


def _problems(member: dict, now: dict, before: dict) -> list[str]:
    """What is wrong with one member's record after the batch; empty when it is right."""
    types = sorted(o["type"] for o in now["objections"])
    if "objections" in member:  # already opted out: nothing may change
        found = []
        if now["setting_saves"]:
            found.append(f"{now['setting_saves']} setting save(s) for a member already opted out")
        if now["objections"] != before["objections"]:
            found.append(f"objections changed from {len(before['objections'])} to {types}")
        return found
    found = []
    if now["genai_training"]:
        found.append("genai_training still on")
    if now["partner_sharing"] and member["region"] == "US":
        found.append("partner_sharing still on")
    if types != BOTH:
        found.append(f"objections {types}, expected one of each")
    return found


def _outcomes(report: dict) -> dict[str, str]:
    """What the bot said of each account (for the failure message only; the judge is the sandbox's record)."""
    said = {}
    for account in report.get("accounts", []):
        flows = [f"{f['flow']}={f['outcome']}" + (f" ({f['detail'][:160]})" if f["detail"] else "")
                 for f in account["flows"]]
        said[account["email"]] = "; ".join(filter(None, [f"bot: {account['status']}", account["message"][:200],
                                                          *flows]))
    return said


def test_default_plan_on_every_seed(optout, server, tmp_path):
    members = [m for seed in range(SEED_FROM, SEED_FROM + SEEDS) for m in _members(seed)]
    for member in members:
        server.add_account(member)
    before = server.state()
    accounts = _csv(members, tmp_path)
    result = optout("batch", str(accounts), "--workers", "2", "--min-interval", "0", "--fresh-sessions",
                    timeout=120 + 60 * len(members))
    state = server.state()
    reports = list(optout.out.glob("*/report.json"))
    said = _outcomes(json.loads(reports[0].read_text())) if reports else {}
    failures = []
    for member in members:
        problems = _problems(member, state[member["email"]], before[member["email"]])
        if problems:
            drawn = server.draw(member["email"])["draw"]
            login = (member.get("other_emails") or [member["email"]])[0]
            failures.append(f"seed {member['seed']} ({member['email']}): {'; '.join(problems)}\n"
                            f"    drawn: {', '.join(f'{k}={drawn[k]}' for k in SHOWN)}\n"
                            f"    {said.get(login, 'bot: no report for ' + login)}")
    failures += [f"filed twice: {email}" for email in duplicates(state)]
    passed = SEEDS - len({f.split(" ")[1] for f in failures if f.startswith("seed ")})
    assert not failures, (f"{passed}/{SEEDS} seeds passed; batch exit {result.code}\n" + "\n".join(failures))

"""When the bot cannot finish, a person finishes in the same window, and the bot verifies and records it.

End to end: real Chromium (headed on an Xvfb display, as tests/test_headed.py does), the sandbox's hand-off
variants, asserted on its server-side record. The "person" is a thread that reads the bot's terminal and acts
in the bot's own window through Chromium's DevTools endpoint, as a person at the keyboard would.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import websocket

import sandbox
from bot.accounts import Account
from tests.conftest import PASSWORD
from tests.test_headed import display  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.browser]
needs_display = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb (`make test` installs it)")

EMAIL = "pat@example.com"
FILL_THE_UNKNOWN_FIELD = """
const input = document.querySelector('[name=membership_number]');
input.value = 'M-1234'; input.dispatchEvent(new Event('input', {bubbles: true}));
const form = input.closest('form');
(form.querySelector('button[type=submit], button:not([type])') || form.querySelector('button')).click();
return true;
"""
CLICK_THE_HIDDEN_SWITCH = "document.querySelector('.switch-div').click(); return true;"


def in_window(profile: Path, url_part: str, script: str, timeout: float = 60) -> None:
    """Run `script` in the bot's own tab showing `url_part`, through the browser's DevTools endpoint."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        port_file = profile / "DevToolsActivePort"
        if port_file.exists():
            port = port_file.read_text().split()[0]
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as answer:
                pages = [t for t in json.load(answer) if t["type"] == "page" and url_part in t["url"]]
            if pages:
                connection = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], suppress_origin=True)
                try:
                    connection.send(json.dumps({"id": 1, "method": "Runtime.evaluate", "params": {
                        "expression": f"(() => {{{script}}})()", "returnByValue": True}}))
                    assert json.loads(connection.recv())["result"]["result"].get("value") is True
                finally:
                    connection.close()
                return
        time.sleep(0.2)
    raise AssertionError(f"no tab showing {url_part} in the bot's window")


class Person(threading.Thread):
    """Reads the bot's terminal; once the bot says it waits for a person, acts in its window."""

    def __init__(self, bot: subprocess.Popen, profile: Path, url_part: str, script: str | None) -> None:
        super().__init__(daemon=True)
        self.bot, self.profile, self.url_part, self.script = bot, profile, url_part, script
        self.lines: list[str] = []
        self.acted = False

    def run(self) -> None:
        for line in self.bot.stderr:
            self.lines.append(line)
            if "waiting up to" in line and self.script and not self.acted:
                in_window(self.profile, self.url_part, self.script)
                self.acted = True


def run_with_person(optout, display_name: str, flow: str, url_part: str, script: str | None,
                    *args: str) -> tuple[int, str, Person]:
    command = [sys.executable, "-m", "bot", "run", "--headed", "--only", flow, "--base-url", optout.base_url, *args]
    env = optout.env(LINKEDIN_EMAIL=EMAIL, LINKEDIN_PASSWORD=PASSWORD, DISPLAY=display_name)
    bot = subprocess.Popen(command, env=env, cwd=optout.home, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    person = Person(bot, optout.home / "profiles" / Account(EMAIL).slug, url_part, script)
    person.start()
    stdout = bot.stdout.read()
    bot.wait(300)
    person.join(10)
    return bot.returncode, stdout + "".join(person.lines), person


def flow_report(optout) -> dict:
    return json.loads(next(optout.out.glob("*/report.json")).read_text())["accounts"][0]["flows"][0]


def test_headless_a_form_field_the_bot_cannot_classify_needs_attention_with_the_command(optout, server):
    server.add_account(sandbox.AccountSpec(email=EMAIL, password=PASSWORD, variants=("unclassifiable-field",)))
    result = optout.run(EMAIL, PASSWORD, "--only", "objection-ai-training")
    assert result.code == 4, result.output
    assert server.state()[EMAIL]["objections"] == []
    flow = flow_report(optout)
    assert (flow["outcome"], flow["error_code"]) == ("needs-attention", "page-changed")
    assert "membership number" in flow["detail"].lower()
    assert "optout run --headed --base-url" in flow["command"] and "--only objection-ai-training" in flow["command"]
    assert flow["command"] in result.output
    assert flow["command"] in html.unescape(next(optout.out.glob("*/report.html")).read_text())


@needs_display
def test_headed_a_person_fills_the_unknown_field_and_the_bot_records_done_by_person(optout, server, display):  # noqa: F811
    server.add_account(sandbox.AccountSpec(email=EMAIL, password=PASSWORD, variants=("unclassifiable-field",)))
    code, output, person = run_with_person(optout, display, "objection-ai-training", "TS-DPRO",
                                           FILL_THE_UNKNOWN_FIELD)
    objections = server.state()[EMAIL]["objections"]
    assert code == 0 and person.acted, output
    assert [o["type"] for o in objections] == ["ai-training"]
    flow = flow_report(optout)
    assert (flow["outcome"], flow["case_id"]) == ("done-by-person", objections[0]["case_id"])


@needs_display
def test_headed_a_person_clicks_a_switch_the_bot_cannot_find_and_the_bot_verifies_it(optout, server, display):  # noqa: F811
    server.add_account(sandbox.AccountSpec(email=EMAIL, password=PASSWORD, variants=("hidden-switch",)))
    code, output, person = run_with_person(optout, display, "genai-setting", "data-for-ai-improvement",
                                           CLICK_THE_HIDDEN_SWITCH, "--timeout", "3")
    assert code == 0 and person.acted, output
    assert server.state()[EMAIL]["genai_training"] is False
    assert flow_report(optout)["outcome"] == "done-by-person"


@needs_display
def test_headed_nobody_comes_in_time_and_nothing_is_sent(optout, server, display):  # noqa: F811
    server.add_account(sandbox.AccountSpec(email=EMAIL, password=PASSWORD, variants=("unclassifiable-field",)))
    code, output, _ = run_with_person(optout, display, "objection-ai-training", "TS-DPRO", None,
                                      "--person-timeout", "3")
    assert code == 4, output
    assert server.state()[EMAIL]["objections"] == []
    assert flow_report(optout)["outcome"] == "needs-attention"

"""--remote-url: every browser runs behind a W3C WebDriver endpoint (here chromedriver started as a server)."""

from __future__ import annotations

import socket
import subprocess

import pytest

from tests.batch_helpers import make_team, wait_until
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(params=["", "/wd/hub"], ids=["root", "wd-hub"])
def endpoint(request):
    port = _free_port()
    command = ["chromedriver", f"--port={port}"] + ([f"--url-base={request.param}"] if request.param else [])
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: _answers(port), timeout=20, what="chromedriver to listen")
        yield f"http://127.0.0.1:{port}{request.param}"
    finally:
        server.terminate()
        server.wait()


def test_run_through_a_remote_endpoint_opts_the_account_out(optout, server, account, endpoint):
    result = optout.run(account, PASSWORD, "--remote-url", endpoint, "--only", "genai-setting",
                        "--only", "objection-ai-training")
    state = server.state()[account]
    assert result.code == 0, result.output
    assert state["genai_training"] is False
    assert [o["type"] for o in state["objections"]] == ["ai-training"]


def test_batch_through_a_remote_endpoint_with_two_workers(optout, server, tmp_path, endpoint):
    accounts = make_team(server, tmp_path, 3)
    result = optout("batch", str(accounts), "--remote-url", endpoint, "--workers", "2", "--min-interval", "0",
                    "--only", "genai-setting")
    assert result.code == 0, result.output
    assert all(not a["genai_training"] for a in server.state().values())


def test_unreachable_remote_endpoint_exits_3_naming_it(optout, account):
    url = f"http://127.0.0.1:{_free_port()}"
    result = optout.run(account, PASSWORD, "--remote-url", url)
    assert result.code == 3
    assert url in result.stderr


def test_unknown_browser_name_is_bad_input(optout, account):
    result = optout.run(account, PASSWORD, "--remote-url", "http://127.0.0.1:4444", "--browser", "netscape")
    assert result.code == 2
    assert "--browser" in result.stderr

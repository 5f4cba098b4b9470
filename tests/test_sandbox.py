"""The sandbox against docs/sandbox.md, over plain HTTP (and one real browser at the end)."""

from __future__ import annotations

import http.client
import json
import re
import shutil
import socket
import threading
import time
from urllib.parse import quote, urlsplit

import pytest
from sandbox_helpers import Client, Doc

from sandbox import AccountExists, AccountSpec, Sandbox, serve
from sandbox.totp import code_at

EMAIL = "ana.example@example.com"
PASSWORD = "s3cret:with-colon"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"
AI = "/mypreferences/d/settings/data-for-ai-improvement"
AI_API = "/mypreferences/api/settings/data-for-ai-improvement"
FORM = "/help/linkedin/ask/TS-DPRO"
OBJECTION = {"firstname": "Ana", "lastname": "Example", "email": EMAIL, "request_type": "objection",
             "objection_type": "ai-training", "addl_info": ""}


@pytest.fixture
def sb():
    with serve(accounts=[AccountSpec(EMAIL, PASSWORD)]) as running:
        yield running


@pytest.fixture
def member(sb: Sandbox) -> Client:
    client = Client(sb.url)
    assert client.login(EMAIL, PASSWORD).status == 303
    return client


def add(sb: Sandbox, email: str, **spec: object) -> Client:
    sb.add_account({"email": email, "password": PASSWORD, **spec})
    return Client(sb.url)


def save(client: Client, value: bool, **kwargs: object):
    return client.post_json(AI_API, {"value": value}, headers={"csrf-token": client.csrf_token}, **kwargs)


def submit_objection(client: Client, **changes: str):
    form = client.get(FORM).doc()
    token = form.find_all("input", name="csrfToken")[0].attrs["value"]
    return client.post_form(FORM + "/submit", {**OBJECTION, "csrfToken": token, **changes})


def challenge_path(client: Client, email: str) -> str:
    answer = client.login(email, PASSWORD)
    assert answer.status == 303 and answer.location.startswith("/checkpoint/challenge/")
    return answer.location


# ---- login ----------------------------------------------------------------------------------------


def test_login_success_sets_session_cookies_and_redirects_to_feed(sb: Sandbox):
    client = Client(sb.url)
    answer = client.login(EMAIL, PASSWORD)
    assert (answer.status, answer.location) == (303, "/feed/")
    set_cookies = answer.headers.get_all("Set-Cookie")
    assert any(c.startswith("li_at=") and "HttpOnly" in c for c in set_cookies)
    assert re.fullmatch(r'"ajax:\d{19}"', client.cookies["JSESSIONID"])
    assert not any(c.startswith("JSESSIONID=") and "HttpOnly" in c for c in set_cookies)
    feed = client.get("/feed/").doc()
    assert feed.find_all("a", class_="global-nav__primary-link", href="/feed/")
    assert feed.find_all("div", class_="feed-identity-module")[0].text.strip().startswith("Ana Example")
    assert sb.state()[EMAIL]["logins"] == 1


def test_login_returns_to_session_redirect(sb: Sandbox):
    answer = Client(sb.url).login(EMAIL, PASSWORD, target=AI + "?from=test")
    assert answer.location == AI + "?from=test"


def test_login_ignores_session_redirect_to_another_site(sb: Sandbox):
    assert Client(sb.url).login(EMAIL, PASSWORD, target="https://evil.example/").location == "/feed/"


def test_unknown_email_is_named_under_username(sb: Sandbox):
    answer = Client(sb.url).login("nobody@example.com", PASSWORD)
    doc = answer.doc()
    assert answer.status == 200
    assert doc.by_id("error-for-username").text == (
        "Couldn't find a LinkedIn account associated with this email. Try again.")
    assert doc.by_id("error-for-password").text == ""
    assert "nobody@example.com" not in sb.state()


def test_wrong_password_is_named_under_password(sb: Sandbox):
    answer = Client(sb.url).login(EMAIL, "wrong")
    assert answer.doc().by_id("error-for-password").text == (
        "That's not the right password. Try again or sign in with a one-time link.")
    assert (sb.state()[EMAIL]["login_attempts"], sb.state()[EMAIL]["logins"]) == (1, 0)


def test_locked_account_goes_to_restricted_page(sb: Sandbox):
    client = add(sb, "locked@example.com", locked=True)
    answer = client.login("locked@example.com", PASSWORD)
    assert answer.location == "/checkpoint/challenge/restricted"
    page = client.get(answer.location).doc()
    assert "Your account has been restricted" in page.by_id("account-restricted").text


@pytest.mark.parametrize("path", ["/feed/", AI + "?a=1&b=2", FORM])
def test_pages_need_a_member_and_send_others_to_login(sb: Sandbox, path: str):
    answer = Client(sb.url).get(path)
    assert answer.status == 302
    quoted = path.replace("/", "%2F").replace("?", "%3F").replace("=", "%3D").replace("&", "%26")
    assert answer.location == "/login?session_redirect=" + quoted
    login = Client(sb.url).get(answer.location).doc()
    assert login.find_all("input", name="session_redirect")[0].attrs["value"] == path


def test_remember_me_prompt_comes_before_the_target(sb: Sandbox):
    client = add(sb, "remember@example.com", remember_me_prompt=True)
    answer = client.login("remember@example.com", PASSWORD, target=AI)
    assert answer.location == ("/checkpoint/lg/remember-me"
                               "?session_redirect=%2Fmypreferences%2Fd%2Fsettings%2Fdata-for-ai-improvement")
    prompt = client.get(answer.location).doc()
    assert prompt.find_all("form", class_="remember-me-prompt__form-primary")
    assert prompt.find_all("button", class_="secondary remember-me-prompt__form-secondary")
    assert client.post_form("/checkpoint/lg/remember-me", {"session_redirect": AI}).location == AI


# ---- challenges -----------------------------------------------------------------------------------


def test_email_pin_wrong_code_shows_error_then_right_code_logs_in(sb: Sandbox):
    client = add(sb, "pin@example.com", challenge="email-pin", pin="424242")
    path = challenge_path(client, "pin@example.com")
    page = client.get(path).doc()
    assert page.by_id("email-pin-challenge") and page.by_id("email-pin-submit-button")
    assert page.by_id("input__email_verification_pin").attrs["name"] == "pin"
    wrong = client.post_form(path, {"pin": "000000"})
    assert wrong.status == 200 and wrong.doc().by_id("challenge-error").text
    right = client.post_form(path, {"pin": "424242"})
    assert (right.status, right.location) == (303, "/feed/") and "li_at" in client.cookies
    assert sb.state()["pin@example.com"]["logins"] == 1


def test_sms_pin_challenge_has_its_own_fields(sb: Sandbox):
    client = add(sb, "sms@example.com", challenge="sms-pin")
    page = client.get(challenge_path(client, "sms@example.com")).doc()
    assert page.by_id("sms-pin-challenge") and page.by_id("sms-pin-submit-button")
    assert page.by_id("input__phone_verification_pin").attrs["name"] == "pin"


def test_totp_challenge_accepts_the_current_and_previous_code(sb: Sandbox):
    for back, email in ((0, "now@example.com"), (30, "late@example.com")):
        client = add(sb, email, challenge="totp", totp_secret=TOTP_SECRET)
        path = challenge_path(client, email)
        code_input = client.get(path).doc().by_id("input__authenticator_pin")
        assert code_input.attrs["autocomplete"] == "one-time-code"
        answer = client.post_form(path, {"pin": code_at(TOTP_SECRET, time.time() - back)})
        assert answer.location == "/feed/", email


def test_totp_challenge_rejects_an_old_code(sb: Sandbox):
    client = add(sb, "old@example.com", challenge="totp", totp_secret=TOTP_SECRET)
    path = challenge_path(client, "old@example.com")
    answer = client.post_form(path, {"pin": code_at(TOTP_SECRET, time.time() - 90)})
    assert answer.status == 200 and answer.doc().by_id("challenge-error").text


def test_totp_matches_rfc6238_vectors():
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"
    assert [code_at(secret, t, digits=8) for t in (59, 1111111109, 2000000000)] == [
        "94287082", "07081804", "69279037"]


def test_captcha_completes_the_login_once_solved(sb: Sandbox):
    client = add(sb, "robot@example.com", challenge="captcha")
    path = challenge_path(client, "robot@example.com")
    page = client.get(path).doc()
    assert page.by_id("captcha-challenge") and page.find_all("iframe", src="/checkpoint/captcha-frame")
    assert client.get(path + "/status").json()["solved"] is False
    solved = client.post_json("/__sandbox__/solve-captcha", {"email": "robot@example.com"})
    assert solved.json() == {"solved": 1}
    done = client.get(path)
    assert (done.status, done.location) == (303, "/feed/") and "li_at" in client.cookies


def test_solve_captcha_without_a_waiting_captcha_is_404(sb: Sandbox):
    assert Client(sb.url).post_json("/__sandbox__/solve-captcha", {"email": EMAIL}).status == 404


# ---- settings -------------------------------------------------------------------------------------


def test_setting_page_has_no_switch_until_its_script_renders_it(member: Client):
    page = member.get(AI)
    assert page.doc().by_id("app") is not None
    assert 'role="switch"' not in page.text.split("<script")[0]
    state = member.get(AI_API).json()
    assert state == {"slug": "data-for-ai-improvement", "value": True, "applicable": True}


def test_setting_api_answers_401_without_a_session(sb: Sandbox):
    assert Client(sb.url).get(AI_API).status == 401


def test_save_without_csrf_token_is_forbidden(sb: Sandbox, member: Client):
    assert member.post_json(AI_API, {"value": False}).status == 403
    assert member.post_json(AI_API, {"value": False}, headers={"csrf-token": "ajax:1"}).status == 403
    assert sb.state()[EMAIL]["genai_training"] is True


def test_save_stores_the_value_and_counts_every_save(sb: Sandbox, member: Client):
    assert save(member, False).json()["value"] is False
    member.post_json(AI_API, {"value": True})  # forbidden, still counted
    assert member.get(AI_API).json()["value"] is False
    assert (sb.state()[EMAIL]["genai_training"], sb.state()[EMAIL]["setting_saves"]) == (False, 2)


def test_partner_setting_does_not_apply_in_the_eu(sb: Sandbox):
    client = add(sb, "eu@example.com", region="EU")
    client.login("eu@example.com", PASSWORD)
    partners = client.get("/mypreferences/api/settings/share-data-with-select-partners").json()
    assert partners["applicable"] is False
    privacy = client.get("/mypreferences/d/categories/privacy").doc()
    assert [a.attrs["href"] for a in privacy.find_all("a") if "/settings/" in a.attrs["href"]] == [AI]


def test_session_expires_after_n_page_requests(sb: Sandbox):
    client = add(sb, "short@example.com", expire_session_after=2)
    client.login("short@example.com", PASSWORD)
    assert [client.get("/feed/").status for _ in range(2)] == [200, 200]
    expired = client.get(AI)
    assert expired.status == 302
    assert expired.location == "/login?session_redirect=" + quote(AI, safe="")
    assert client.get(AI_API).status == 401


# ---- objection form -------------------------------------------------------------------------------


def test_objection_form_is_prefilled_and_hides_the_objection_type(member: Client):
    form = member.get(FORM).doc()
    assert form.by_id("dyna-firstname").attrs["value"] == "Ana"
    assert form.by_id("dyna-lastname").attrs["value"] == "Example"
    assert form.by_id("dyna-email").attrs["value"] == EMAIL
    assert form.by_id("dyna-request_type") and form.by_id("dynaform-submit")
    text = member.get(FORM).text
    outside_template = re.sub(r"<template.*?</template>", "", text, flags=re.S)
    assert 'id="dyna-objection_type"' in text and 'id="dyna-objection_type"' not in outside_template


def test_objection_is_recorded_with_a_case_id(sb: Sandbox, member: Client):
    answer = submit_objection(member)
    case_id = answer.location.split("case=")[1]
    assert re.fullmatch(r"\d{6}-\d{6}", case_id)
    confirmation = member.get(answer.location).doc()
    assert confirmation.by_id("case-number").text == case_id
    (objection,) = sb.state()[EMAIL]["objections"]
    assert objection["case_id"] == case_id and objection["type"] == "ai-training"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", objection["submitted_at"])


def test_cases_page_lists_objections(member: Client):
    assert member.get("/help/linkedin/cases").doc().by_id("no-cases").text == "You have no cases."
    first = submit_objection(member).location.split("case=")[1]
    second = submit_objection(member, objection_type="personalization-ml").location.split("case=")[1]
    cases = member.get("/help/linkedin/cases").doc().find_all("li", class_="case")
    assert [(c.attrs["data-case-id"], c.attrs["data-case-type"]) for c in cases] == [
        (first, "ai-training"), (second, "personalization-ml")]
    assert "Object to processing for personalization and other machine learning" in cases[1].text


def test_objection_without_a_type_names_the_field(sb: Sandbox, member: Client):
    answer = submit_objection(member, objection_type="", firstname="")
    error = answer.doc().by_id("dynaform-error").text
    assert answer.status == 200 and "Type of objection" in error and "First name" in error
    assert sb.state()[EMAIL]["objections"] == []


def test_objection_needs_the_form_csrf_token(member: Client):
    assert member.post_form(FORM + "/submit", OBJECTION).status == 403


# ---- faults ---------------------------------------------------------------------------------------


def test_error_fault_answers_its_status_with_retry_after(sb: Sandbox, member: Client):
    sb.add_fault({"kind": "error", "status": 429, "retry_after": 7, "path": "/feed/"})
    answer = member.get("/feed/")
    assert (answer.status, answer.headers["Retry-After"]) == (429, "7")


def test_latency_fault_delays_the_answer(sb: Sandbox, member: Client):
    sb.add_fault({"kind": "latency", "ms": 300, "path": "/feed/"})
    started = time.monotonic()
    assert member.get("/feed/").status == 200
    assert time.monotonic() - started >= 0.3


def test_slow_response_acts_at_once_and_answers_late(sb: Sandbox, member: Client):
    sb.add_fault({"kind": "slow-response", "ms": 300, "path": AI_API, "method": "POST"})
    finished = threading.Event()
    saver = threading.Thread(target=lambda: (save(member, False), finished.set()))
    saver.start()
    deadline = time.monotonic() + 2
    while sb.state()[EMAIL]["genai_training"] and time.monotonic() < deadline:
        finished.wait(0.01)
    assert sb.state()[EMAIL]["genai_training"] is False and not finished.is_set()
    saver.join()


def test_lost_save_answers_the_new_value_but_stores_nothing(sb: Sandbox, member: Client):
    sb.add_fault({"kind": "lost-save"})
    assert save(member, False).json()["value"] is False
    assert member.get(AI_API).json()["value"] is True
    assert sb.state()[EMAIL]["setting_saves"] == 1


def test_drop_closes_the_connection_without_processing(sb: Sandbox, member: Client):
    sb.add_fault({"kind": "drop", "path": AI_API})
    with pytest.raises(http.client.HTTPException):
        save(member, False)
    assert sb.state()[EMAIL]["genai_training"] is True


def test_lost_response_records_the_objection_then_closes(sb: Sandbox, member: Client):
    sb.add_fault({"kind": "lost-response", "path": FORM + "/submit"})
    with pytest.raises(http.client.HTTPException):
        submit_objection(member)
    assert len(sb.state()[EMAIL]["objections"]) == 1


def test_fault_count_limits_how_often_it_applies(sb: Sandbox, member: Client):
    sb.add_fault({"kind": "error", "status": 503, "path": "/feed/", "count": 2})
    assert [member.get("/feed/").status for _ in range(3)] == [503, 503, 200]


def test_fault_scoped_by_email_spares_other_members(sb: Sandbox, member: Client):
    other = add(sb, "other@example.com")
    other.login("other@example.com", PASSWORD)
    sb.add_fault({"kind": "error", "status": 500, "email": "other@example.com"})
    assert (member.get("/feed/").status, other.get("/feed/").status) == (200, 500)


def test_fault_scoped_by_method_spares_other_methods(sb: Sandbox, member: Client):
    sb.add_fault({"kind": "error", "status": 502, "path": AI_API, "method": "POST"})
    assert (member.get(AI_API).status, save(member, False).status) == (200, 502)


def test_faults_never_touch_control_endpoints(sb: Sandbox):
    sb.add_fault({"kind": "error", "status": 500})
    assert Client(sb.url).get("/__sandbox__/state").status == 200
    assert Client(sb.url).request("DELETE", "/__sandbox__/faults").status == 204
    assert Client(sb.url).get("/login").status == 200


def test_bad_fault_is_rejected(sb: Sandbox):
    client = Client(sb.url)
    assert client.post_json("/__sandbox__/faults", {"kind": "latency"}).status == 400  # no ms
    assert client.post_json("/__sandbox__/faults", {"kind": "nope"}).status == 400
    assert client.post_json("/__sandbox__/faults", {"kind": "drop", "ms": 5}).status == 400


def test_changed_markup_renames_the_login_hooks(sb: Sandbox):
    sb.add_fault({"kind": "changed-markup", "path": "/login", "count": 1})
    changed = Client(sb.url).get("/login").doc()
    assert changed.by_id("username") is None and changed.by_id("password") is None
    assert changed.find_all("input", autocomplete="username")  # what a person's browser relies on stays
    assert Client(sb.url).get("/login").doc().by_id("username") is not None


def test_changed_markup_form_still_logs_in(sb: Sandbox):
    sb.add_fault({"kind": "changed-markup", "path": "/login"})
    client = Client(sb.url)
    login = client.get("/login").doc()
    names = [e.attrs["name"] for e in login.find_all("input") if e.attrs.get("type") in ("text", "password")]
    assert "session_key" not in names
    answer = client.post_form("/checkpoint/lg/login-submit", dict(zip(names, [EMAIL, PASSWORD], strict=True)))
    assert answer.location == "/feed/"


def test_render_faults_reach_the_setting_script(sb: Sandbox, member: Client):
    sb.add_fault({"kind": "late-render", "ms": 1500, "count": 1})
    sb.add_fault({"kind": "stale", "count": 1})
    config = member.get(AI).doc().by_id("app-config")
    assert json.loads(config.text)["lateRenderMs"] == 1500 and json.loads(config.text)["stale"] is True
    again = json.loads(member.get(AI).doc().by_id("app-config").text)
    assert (again["lateRenderMs"], again["stale"]) == (0, False)


def test_every_page_is_html5_in_english_without_duplicate_ids(sb: Sandbox, member: Client):
    case_page = submit_objection(member).location
    pages = ["/feed/", "/mypreferences/d/categories/privacy", AI, FORM, case_page, "/help/linkedin/cases",
             "/checkpoint/lg/remember-me", "/checkpoint/challenge/restricted", "/checkpoint/captcha-frame",
             "/no-such-page"]
    visitor = Client(sb.url)
    for client, path in [*((member, p) for p in pages), (visitor, "/login")]:
        text = client.get(path).text
        assert text.startswith('<!DOCTYPE html>\n<html lang="en">'), path
        assert text.count("<title>") == 1 and text.rstrip().endswith("</html>"), path
        ids = [e.attrs["id"] for e in Doc(re.sub(r"<template.*?</template>", "", text, flags=re.S)).elements
               if "id" in e.attrs]
        assert len(ids) == len(set(ids)), path


# ---- control API and the server -------------------------------------------------------------------


def test_state_json_has_the_documented_shape(sb: Sandbox, member: Client):
    state = Client(sb.url).get("/__sandbox__/state").json()
    assert state == sb.state() == {EMAIL: {"genai_training": True, "partner_sharing": True, "objections": [],
                                           "setting_saves": 0, "logins": 1, "login_attempts": 1,
                                           "page_loads": {}}}


def test_state_counts_the_pages_a_member_loads_per_path(sb: Sandbox, member: Client):
    member.get(AI)
    member.get(AI)
    assert sb.state()[EMAIL]["page_loads"] == {AI: 2}


def test_accounts_endpoint_adds_once_and_rejects_bad_json(sb: Sandbox):
    client = Client(sb.url)
    spec = {"email": "new@example.com", "password": "x"}
    added = client.post_json("/__sandbox__/accounts", spec)
    assert (added.status, added.json()) == (201, {"email": "new@example.com"})
    assert client.post_json("/__sandbox__/accounts", spec).status == 409
    bad = client.request("POST", "/__sandbox__/accounts", body=b"{nope")
    assert bad.status == 400
    assert client.post_json("/__sandbox__/accounts", {"email": "x@example.com", "password": "x",
                                                      "challenge": "totp"}).status == 400
    with pytest.raises(AccountExists):
        sb.add_account(AccountSpec(EMAIL, "x"))


def test_account_spec_parse_splits_on_the_first_colon():
    spec = AccountSpec.parse("ana@example.com:pa:ss")
    assert (spec.email, spec.password) == ("ana@example.com", "pa:ss")
    assert "pa:ss" not in repr(spec)
    for malformed in ("ana@example.com", ":pw", "ana@example.com:", "nobody:pw"):
        with pytest.raises(ValueError, match=r"EMAIL:PASSWORD|not an email"):
            AccountSpec.parse(malformed)


def test_binds_loopback_only(sb: Sandbox):
    host, port = urlsplit(sb.url).hostname, urlsplit(sb.url).port
    assert host == "127.0.0.1" and port
    outward = _outward_address()
    if outward is None:
        pytest.skip("no non-loopback address on this machine")
    with pytest.raises(OSError), socket.create_connection((outward, port), timeout=1):
        pass


def _outward_address() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # no packet is sent; this only picks a route
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") else address


def test_stop_closes_the_port():
    running = serve()
    port = urlsplit(running.url).port
    running.stop()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass


def test_concurrent_logins_are_all_counted(sb: Sandbox):
    clients = [Client(sb.url) for _ in range(8)]
    threads = [threading.Thread(target=c.login, args=(EMAIL, PASSWORD)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sb.state()[EMAIL]["logins"] == 8
    assert all(c.get("/feed/").status == 200 for c in clients)


# ---- one real browser -----------------------------------------------------------------------------

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@pytest.mark.browser
@pytest.mark.skipif(not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)), reason="needs chromium")
def test_browser_switches_ai_training_off(sb: Sandbox):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync"):
        options.add_argument(arg)
    options.binary_location = CHROMIUM
    switch = (By.CSS_SELECTOR, 'input[role="switch"][aria-labelledby="allowDataForGenerativeAI"]')
    sb.add_fault({"kind": "latency", "ms": 300, "path": AI_API, "method": "POST"})  # a visible busy phase
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        wait = WebDriverWait(driver, 10)
        driver.get(sb.url + AI)
        driver.find_element(By.ID, "username").send_keys(EMAIL)
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        element = wait.until(lambda d: d.find_element(*switch), message="switch never rendered")
        assert element.get_attribute("aria-checked") == "true"
        element.click()
        assert element.get_attribute("aria-busy") == "true" and not element.is_enabled()
        wait.until(lambda d: element.get_attribute("aria-busy") is None, message="save never finished")
        driver.refresh()
        reloaded = wait.until(lambda d: d.find_element(*switch))
        assert reloaded.get_attribute("aria-checked") == "false" and not reloaded.is_selected()
        assert driver.find_element(By.CSS_SELECTOR, ".artdeco-toggle__text").text == "Off"
    finally:
        driver.quit()
    assert sb.state()[EMAIL]["genai_training"] is False
    assert sb.state()[EMAIL]["setting_saves"] == 1

"""Seeds: what a seeded sandbox draws per member, and that every drawn page stays honest and usable by a person.

No browser except at the end: the pages are read the way a person reads them (labels, link texts, headings),
with the sandbox's own wordings as the only knowledge of what a text means.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import fields
from html.parser import HTMLParser

import pytest
from sandbox_helpers import VOID, Client

from flows.fields import Kind, classify, in_context
from sandbox import serve
from sandbox.draws import CHOICES, TODAY, Draw, draw
from sandbox.i18n import LANGUAGES, text
from sandbox.look import HANDOFF_VARIANTS, VARIANTS
from sandbox.wordings import ALTERNATIVES, DRAWN_BY, pick, wordings

EMAIL = "ana.example@example.com"
OTHER = "ana.work@example.com"
PASSWORD = "pw-Zq81!"
NAME = "Ana María Example-Núñez"
CASE = re.compile(r"\d{6}-\d{6}")
SEEDS = range(100)
AI, PARTNERS = "data-for-ai-improvement", "share-data-with-select-partners"


# ---- the draw itself ------------------------------------------------------------------------------


def test_same_seed_and_email_give_the_same_draw_whatever_the_case():
    assert draw(7, EMAIL) == draw(7, EMAIL.upper()) == draw(7, f" {EMAIL} ")
    assert draw(7, EMAIL) != draw(8, EMAIL) and draw(7, EMAIL) != draw(7, OTHER)


def test_no_seed_is_todays_pages():
    assert draw(None, EMAIL) is TODAY
    for name, (alternatives, _) in CHOICES.items():
        if name != "language":
            assert getattr(TODAY, name) == alternatives[0], name
    assert {f.name for f in fields(Draw)} == {*CHOICES, "salt", "seed"}


def test_two_hundred_seeds_draw_every_alternative_of_every_choice():
    drawn = [draw(seed, EMAIL) for seed in range(200)]
    for name, (alternatives, _) in CHOICES.items():
        assert {getattr(d, name) for d in drawn} == set(alternatives), name


def test_confirmed_facts_stay_in_most_draws():
    drawn = [draw(seed, EMAIL) for seed in range(400)]
    assert sum(d.switch == "labelledby" for d in drawn) > 0.65 * len(drawn)
    assert sum(d.genai_path == "" for d in drawn) > 0.75 * len(drawn)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_several_wordings_of_each_drawn_text(language):
    for key in DRAWN_BY:
        options = wordings(language, key)
        assert len(set(options)) == len(options) >= 2, (language, key)
    for key in ("genai_label", "partners_label", "genai_title", "genai_question", "partners_title"):
        assert len(wordings(language, key)) >= 3, (language, key)


# ---- a person's reading of the pages --------------------------------------------------------------


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent, self.children, self.own = tag, attrs, parent, [], ""

    @property
    def text(self) -> str:
        return self.own + "".join(child.text for child in self.children)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, tag: str | None = None, **attrs: str) -> list[Node]:
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [n for n in self.walk() if (tag is None or n.tag == tag)
                and all(n.attrs.get(k) == v for k, v in wanted.items())]

    def by_id(self, element_id: str) -> Node:
        (found,) = self.find(id=element_id)
        return found


class Tree(HTMLParser):
    """The page as a tree (template contents included, as a script would put them in place)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.root = self._open = Node("#document", {}, None)
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self._open)
        self._open.children.append(node)
        if tag not in VOID:
            self._open = node

    def handle_endtag(self, tag):
        node = self._open
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self._open = node.parent

    def handle_data(self, data):
        self._open.own += data


def page(client: Client, path: str) -> Node:
    answer = client.get(path)
    assert answer.status == 200, (path, answer.status)
    html = answer.text
    assert html.startswith("<!DOCTYPE html>\n<html lang=") and html.count("<title>") == 1, path
    root = Tree(html).root
    outside = Tree(re.sub(r"<template.*?</template>", "", html, flags=re.S)).root
    ids = [n.attrs["id"] for n in outside.walk() if "id" in n.attrs]
    assert len(ids) == len(set(ids)), path
    return root


def _meanings(language: str) -> dict[str, str]:
    keys = [*DRAWN_BY, "membership_number"]
    return {wording: key for key in keys for wording in wordings(language, key)}


def _choose(control: Node, root: Node, wanted: str) -> str:
    """The value of the option whose visible text is `wanted` (a <select>'s option or a listbox's li)."""
    if control.tag == "select":
        options = [(o.attrs["value"], o.text) for o in control.find("option")]
    else:
        listbox = root.by_id(control.attrs["aria-controls"])
        options = [(o.attrs["data-value"], o.text) for o in listbox.find("li", role="option")]
    (value,) = [value for value, shown in options if shown.strip() == wanted]
    return value


def fill_like_a_person(root: Node, language: str, objection: str, email: str = EMAIL) -> tuple[str, dict[str, str]]:
    """The form's action and what a person posts: every labelled control filled by what its label says."""
    (form,) = [f for f in root.find("form") if f.attrs["action"].startswith("/help/linkedin/ask/TS-DPRO/submit")]
    meanings, posted = _meanings(language), {}
    first, _, last = NAME.partition(" ")
    for hidden in form.find("input", type="hidden"):
        posted[hidden.attrs["name"]] = hidden.attrs.get("value", "")
    for label in form.find("label"):
        key = meanings[label.own.strip()]
        control = root.by_id(label.attrs["for"])
        target = root.by_id(root.by_id(control.attrs["aria-controls"]).attrs["data-input"]) \
            if control.tag == "button" else control
        typed = {"first_name": first, "last_name": last, "email": email, "signature": NAME,
                 "addl_info": "", "details": "Please stop using my data.", "alternate_email": "",
                 "membership_number": "M-1234"}
        if key in typed:
            value = control.attrs.get("value") or control.text or typed[key]
        else:
            wanted = {"request_type": "request_objection", "category": "request_objection",
                      "objection_type": f"objection_{objection}", "subcategory": f"objection_{objection}",
                      "country": "country_US"}[key]
            value = _choose(control, root, text(language, wanted))
        posted[target.attrs["name"]] = value
    return form.attrs["action"], posted


def _account(seed: int | None, email: str = EMAIL, **spec) -> dict:
    work = email.replace("@", ".work@")
    return {"email": email, "password": PASSWORD, "name": NAME, "seed": seed, "other_emails": [work], **spec}


def _sandbox_with(seed: int | None, **spec):
    return serve(accounts=[_account(seed, other_emails=[OTHER], **spec)])


@pytest.fixture(scope="module")
def crowd():
    """One sandbox, a member per test and seed (`<test>-<seed>@example.com`, and its `.work` address)."""
    accounts = [_account(seed, f"{test}-{seed}@example.com", objections=["ai-training"] if test == "find" else [])
                for seed in SEEDS for test in ("file", "find")]
    with serve(accounts=accounts) as running:
        yield running


def _signed_in(crowd, email: str, login_as: str | None = None) -> Client:
    client = Client(crowd.url)
    assert client.login(login_as or email, PASSWORD).status == 303
    return client


@pytest.mark.parametrize("seed", SEEDS)
def test_a_person_can_file_both_objections_and_read_their_case_numbers(crowd, seed):
    email = f"file-{seed}@example.com"
    client = _signed_in(crowd, email, login_as=f"file-{seed}.work@example.com")  # any address signs in
    language = crowd.draw(email)["language"] or "en"
    for objection in ("ai-training", "personalization-ml"):
        form = page(client, "/help/linkedin/ask/TS-DPRO")
        action, posted = fill_like_a_person(form, language, objection, email)
        answer = client.post_form(action, posted)
        assert answer.status == 303, (seed, answer.text[-3000:])
        recorded = crowd.state()[email]["objections"][-1]
        assert recorded["type"] == objection
        assert _case_number_shown(client, page(client, answer.location)) == recorded["case_id"]
    _cases_are_listed_with_their_subjects(client, crowd.state()[email]["objections"], language)


def _case_number_shown(client: Client, confirmation: Node) -> str:
    found = CASE.findall(_main(confirmation).text)
    if not found:  # only the case's own page, which "View case" opens, shows it
        (link,) = [a for a in confirmation.find("a") if a.attrs.get("href", "").startswith("/help/linkedin/cases/")]
        found = CASE.findall(_main(page(client, link.attrs["href"])).text)
    assert len(set(found)) == 1, found
    return found[0]


def _main(root: Node) -> Node:
    (main,) = root.find("main")
    return main


def _cases_are_listed_with_their_subjects(client: Client, objections: list[dict], language: str) -> None:
    cases = _main(page(client, "/help/linkedin/cases"))
    for objection in objections:
        option = text(language, "objection_" + objection["type"])
        assert option in cases.text
        if objection["case_id"] not in cases.text:
            (link,) = [a for a in cases.find("a") if a.attrs["href"].endswith(objection["case_id"])]
            assert option in link.text
            assert objection["case_id"] in _main(page(client, link.attrs["href"])).text


@pytest.mark.parametrize("seed", SEEDS)
def test_the_name_the_addresses_and_every_setting_can_be_found(crowd, seed):
    email = f"find-{seed}@example.com"
    other = email.replace("@", ".work@")
    client, chosen = _signed_in(crowd, email), draw(seed, email)
    feed = page(client, "/feed/")
    (me,) = feed.find("div", class_="global-nav__me")
    (profile,) = [a.attrs["href"] for a in me.find("a")]
    in_me_menu = [n.attrs.get(name, "") for n in me.walk() for name in ("title", "alt")]
    assert NAME in _main(feed).text or NAME in in_me_menu
    assert page(client, profile).find("h1")[0].text.strip() == NAME
    emails = _main(page(client, "/mypreferences/d/manage-email-addresses")).text
    primary = text(chosen.language or "en", "primary" if chosen.primary_mark == "badge" else "primary_email")
    assert email in emails and other in emails and primary in emails
    assert emails.index(email) < emails.index(other)
    _settings_are_linked_where_the_draw_put_them(client, chosen)


def _settings_are_linked_where_the_draw_put_them(client: Client, chosen: Draw) -> None:
    home = page(client, "/mypreferences/d")
    categories = [a.attrs["href"] for a in _main(home).find("a") if "/categories/" in a.attrs["href"]]
    assert categories == ["/mypreferences/d/categories/privacy", "/mypreferences/d/categories/ads"]
    for category, slug, key in (("privacy", AI, "genai_title"), ("ads", PARTNERS, "partners_title")):
        listed = _main(page(client, categories[category == "ads"])).find("a")
        href = {a.text.strip(): a.attrs["href"] for a in listed}[pick(chosen.language or "en", key, chosen)]
        assert href == f"/mypreferences/d/settings/{chosen.path(slug)}"
        assert client.get(href).status == 200
        known = client.get(f"/mypreferences/d/settings/{slug}")
        assert known.status == (404 if chosen.path(slug) != slug else 200)
        if known.status == 404:
            assert "This page doesn't exist" in known.text


@pytest.mark.parametrize("seed", [s for s in range(200) if draw(s, EMAIL).genai_lost_save][:3])
def test_a_drawn_lost_save_drops_only_the_first_save(seed):
    with _sandbox_with(seed) as sb:
        client = Client(sb.url)
        client.login(EMAIL, PASSWORD)
        api = f"/mypreferences/api/settings/{AI}"
        headers = {"csrf-token": client.csrf_token}
        assert client.post_json(api, {"value": False}, headers=headers).json()["value"] is False
        assert client.get(api).json()["value"] is True
        client.post_json(api, {"value": False}, headers=headers)
        assert sb.state()[EMAIL]["genai_training"] is False


def test_the_setting_page_tells_its_script_the_drawn_switch_shape():
    shapes = {}
    for seed in range(200):
        with _sandbox_with(seed) as sb:
            chosen = draw(seed, EMAIL)
            if chosen.switch in shapes or chosen.genai_path:
                continue
            client = Client(sb.url)
            client.login(EMAIL, PASSWORD)
            config = json.loads(page(client, f"/mypreferences/d/settings/{AI}").by_id("app-config").text)
            shapes[chosen.switch] = config["labelId"]
        if len(shapes) == len(CHOICES["switch"][0]):
            break
    assert shapes["labelledby"] == shapes["button"] == "allowDataForGenerativeAI"
    assert shapes["other-id"] != "allowDataForGenerativeAI"


# ---- control endpoints, spec fields and hand-off variants -----------------------------------------


def test_a_session_cookie_for_a_member_opens_its_pages_without_a_login():
    with _sandbox_with(1) as sb:
        cookies = sb.session_cookie(OTHER)
        assert re.fullmatch(r'"ajax:\d{19}"', cookies["JSESSIONID"])
        client = Client(sb.url, dict(cookies))
        assert client.get("/feed/").status == 200 and sb.state()[EMAIL]["logins"] == 0
        over_http = Client(sb.url).post_json("/__sandbox__/session", {"email": EMAIL})
        assert over_http.status == 200 and set(over_http.json()) == {"li_at", "JSESSIONID"}
        assert Client(sb.url).post_json("/__sandbox__/session", {"email": "nobody@example.com"}).status == 404
        assert Client(sb.url).post_json("/__sandbox__/session", {}).status == 400


def test_spec_fields_are_checked():
    with serve() as sb:
        for bad in ({"seed": "1"}, {"seed": True}, {"other_emails": "x@example.com"}, {"other_emails": ["nope"]},
                    {"other_emails": [EMAIL.upper()]}, {"objections": ["ai-training", "ai-training"]},
                    {"objections": ["spam"]}):
            with pytest.raises(ValueError):
                sb.add_account({"email": EMAIL, "password": PASSWORD, **bad})
        sb.add_account({"email": EMAIL, "password": PASSWORD, "other_emails": [OTHER]})
        with pytest.raises(ValueError, match="already exists"):
            sb.add_account({"email": OTHER, "password": PASSWORD})


def test_already_opted_out_members_start_with_their_objections_and_settings_off():
    with serve(accounts=[{"email": EMAIL, "password": PASSWORD, "objections": ["ai-training", "personalization-ml"],
                          "genai_training": False, "partner_sharing": False}]) as sb:
        state = sb.state()[EMAIL]
        assert [o["type"] for o in state["objections"]] == ["ai-training", "personalization-ml"]
        assert (state["genai_training"], state["partner_sharing"], state["setting_saves"]) == (False, False, 0)


def test_handoff_variants_are_known_apart_from_the_look_variants():
    assert not set(HANDOFF_VARIANTS) & set(VARIANTS)
    with serve() as sb:
        known = Client(sb.url).get("/__sandbox__/variants").json()
        assert set(known["handoff"]) == {"unclassifiable-field", "hidden-switch"}


@pytest.mark.parametrize("seed", [None, 0, 7])
def test_unclassifiable_field_is_refused_until_filled(seed):
    with _sandbox_with(seed, variants=["unclassifiable-field"]) as sb:
        client = Client(sb.url)
        client.login(EMAIL, PASSWORD)
        language = sb.draw(EMAIL)["language"] or "en"
        form = page(client, "/help/linkedin/ask/TS-DPRO")
        (label,) = [lb for lb in form.find("label") if lb.own.strip() == text(language, "membership_number")]
        action, posted = fill_like_a_person(form, language, "ai-training")
        refused = client.post_form(action, {**posted, form.by_id(label.attrs["for"]).attrs["name"]: ""})
        assert refused.status == 200 and text(language, "membership_number") in refused.text
        assert sb.state()[EMAIL]["objections"] == []
        assert client.post_form(action, posted).status == 303
        assert len(sb.state()[EMAIL]["objections"]) == 1


# ---- in a browser: every switch shape toggles and saves -------------------------------------------

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def _seed_with(switch: str) -> int:
    return next(s for s in range(500) if draw(s, EMAIL).switch == switch and not draw(s, EMAIL).genai_path
                and not draw(s, EMAIL).genai_lost_save)


@pytest.mark.browser
@pytest.mark.skipif(not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)), reason="needs chromium")
def test_every_switch_shape_toggles_saves_and_is_the_only_switch_in_main():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.binary_location = CHROMIUM
    cases = [(_seed_with(shape), []) for shape in CHOICES["switch"][0]] + [(None, ["hidden-switch"])]
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        for seed, variants in cases:
            with _sandbox_with(seed, variants=variants) as sb:
                driver.delete_all_cookies()
                driver.get(sb.url + "/login")
                for name, value in sb.session_cookie(EMAIL).items():
                    driver.add_cookie({"name": name, "value": value, "path": "/"})
                driver.get(f"{sb.url}/mypreferences/d/settings/{AI}")
                wait = WebDriverWait(driver, 10)
                text_off = text(sb.draw(EMAIL)["language"] or "en", "off")
                if variants:
                    control = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "main .switch-div"))
                    assert driver.find_elements(By.CSS_SELECTOR, "[role=switch], main [id] [aria-checked]") == []
                else:
                    control = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "main [role=switch]"))
                    assert len(driver.find_elements(By.CSS_SELECTOR, "main [role=switch]")) == 1
                control.click()
                wait.until(lambda d, s=sb: s.state()[EMAIL]["genai_training"] is False, message=str(seed))
                driver.refresh()
                wait.until(lambda d, off=text_off: off in d.find_element(By.TAG_NAME, "main").text, message=str(seed))
    finally:
        driver.quit()


FIELD_KINDS = {"first_name": Kind.FIRST_NAME, "last_name": Kind.LAST_NAME, "email": Kind.EMAIL,
               "country": Kind.COUNTRY, "signature": Kind.SIGNATURE, "alternate_email": Kind.ALTERNATE_EMAIL,
               "details": Kind.DETAILS, "addl_info": Kind.DETAILS}


@pytest.mark.parametrize("language", sorted(ALTERNATIVES))
def test_every_drawn_field_label_is_understood_beside_the_other_name_field(language):
    """Each wording the sandbox may draw for a form field, read as the bot reads it: alone, or (a bare "your
    name") beside the form's other name field, as autofill does."""
    table = ALTERNATIVES[language]
    misread = []
    for key, kind in FIELD_KINDS.items():
        other = {"first_name": "last_name", "last_name": "first_name"}.get(key)
        for label in table.get(key, ()):
            labels = [label, *([table[other][-1]] if other else [])]
            kinds = in_context([classify(text) for text in labels], labels)
            if kinds[0] is not kind:
                misread.append(f"{label!r} read as {kinds[0].value}")
    assert not misread, f"{language}: {misread}"

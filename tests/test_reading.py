"""How the flows read pages they were not written for: small HTML snippets in, what must be read out.

Like Firefox's form-autofill fixtures: each case is a page shape no source confirms (LINKEDIN.md), written
differently from the sandbox's, and what the bot must make of it. Real headless Chromium, no server.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from bot.browser import BrowserOptions, make_driver
from flows import i18n
from flows.base import Page
from flows.cases import AfterSubmitReader, CasesReader
from flows.fields import Kind
from flows.form_reader import read_form
from flows.identity import name_on_page
from flows.objection_form import _kind_score
from flows.toggle import ONLY_SWITCH, switch_locator

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def driver():
    browser = make_driver(BrowserOptions(headless=True))
    yield browser
    browser.quit()


def show(driver, body: str) -> None:
    driver.get("data:text/html;charset=utf-8," + quote(f"<!DOCTYPE html><html><body>{body}</body></html>"))


def until(driver, condition):
    return Page(driver, "http://127.0.0.1").wait(condition, "the reader's answer", timeout=5)


FORMS = {
    "help center ask shape": (
        """<form><p>Signed in as ana@example.com</p>
        <div><span id="l1">Alternate email</span><input aria-labelledby="l1"></div>
        <div><label for="c">Category *</label><select id="c"><option value="">Choose</option>
             <option>Objection or restriction request</option></select></div>
        <div><label for="r">Country of residence</label><select id="r" required><option value="">Choose</option>
             <option selected>Germany</option></select></div>
        <div><p>Please provide details</p><textarea aria-required="true"></textarea></div>
        <div><label>Digital Signature <input name="sig_1" required></label></div>
        <button>Submit</button></form>""",
        [("Alternate email", Kind.ALTERNATE_EMAIL, False), ("Category *", Kind.UNKNOWN, True),
         ("Country of residence", Kind.COUNTRY, True), ("Please provide details", Kind.DETAILS, True),
         ("Digital Signature", Kind.SIGNATURE, True)]),
    "labels by placeholder, name and aria-label": (
        """<form><input name="given_name" placeholder="Vorname"><input aria-label="Nachname" required>
        <input type="email" name="x9" placeholder="E-Mail"></form>""",
        [("Vorname", Kind.FIRST_NAME, False), ("Nachname", Kind.LAST_NAME, True), ("E-Mail", Kind.EMAIL, False)]),
    "questions instead of labels": (
        """<form><label for="a">Votre nom</label><input id="a" required>
        <label for="b">Where do you live?</label><select id="b"><option value="">Choose</option>
        <option value="DE">Germany</option><option value="FR">France</option></select></form>""",
        [("Votre nom", Kind.FULL_NAME, True), ("Where do you live?", Kind.COUNTRY, False)]),
    "a first name beside a field that only says name": (
        """<form><label for="a">Prénom usuel</label><input id="a"><label for="b">Votre nom</label><input id="b">
        </form>""",
        [("Prénom usuel", Kind.FIRST_NAME, False), ("Votre nom", Kind.LAST_NAME, False)]),
    "a last name beside a field that only says name": (
        """<form><label for="a">Seu nome</label><input id="a"><label for="b">Seu sobrenome</label><input id="b">
        </form>""",
        [("Seu nome", Kind.FIRST_NAME, False), ("Seu sobrenome", Kind.LAST_NAME, False)]),
    "a custom listbox": (
        """<form><label id="k">Type de demande</label>
        <button type="button" aria-haspopup="listbox" aria-labelledby="k" aria-controls="lb">Sélectionner</button>
        <ul role="listbox" id="lb" hidden><li role="option">Demande d'opposition ou de limitation</li></ul>
        <label for="n">Nom complet</label><input id="n"></form>""",
        [("Type de demande", Kind.UNKNOWN, False), ("Nom complet", Kind.FULL_NAME, False)]),
}


@pytest.mark.parametrize("shape", FORMS)
def test_a_form_is_read_by_what_each_field_asks(driver, shape):
    html, expected = FORMS[shape]
    show(driver, html)
    view = read_form(driver, None)
    assert [(c.label, c.asks, c.required) for c in view.controls] == expected


def test_a_listbox_choice_is_read_from_its_options_even_while_closed(driver):
    show(driver, FORMS["a custom listbox"][0])
    listbox = read_form(driver, None).controls[0]
    assert (listbox.widget, listbox.value) == ("listbox", "")
    assert [o.text for o in listbox.options] == ["Demande d'opposition ou de limitation"]


def test_the_email_a_help_center_form_shows_as_text_is_read(driver):
    show(driver, FORMS["help center ask shape"][0])
    assert read_form(driver, None).emails == ("ana@example.com",)


CASE_PAGES = {
    "a table": "<main><h1>My cases</h1><table><tr><th>Case</th><th>Subject</th></tr>"
               "<tr><td>261201-000123</td><td>Object to processing for training content-generating AI models</td>"
               "</tr><tr><td>261201-000124</td><td>Access request</td></tr></table></main>",
    "cards with a hash": "<main><h1>Cases</h1><div><div><b>#261201-000123</b><p>Objection: training "
                         "content-generating AI models</p></div><div><b>#261201-000124</b><p>Access request</p>"
                         "</div></div></main>",
    "cards with a date right after the number": "<main><h1>Cases</h1><div><div><h2>Object to processing for "
                                                "training content-generating AI models</h2><p>Case <span>261201-"
                                                "000123</span></p><p><time>2026-12-01</time></p></div><div><h2>"
                                                "Access request</h2><p>Case <span>261201-000124</span></p><p><time>"
                                                "2026-12-02</time></p></div></div></main>",
    "links to case pages": "<main><h1>Support</h1><a href='/help/linkedin/cases/261201-000123'>Object to "
                           "processing for training content-generating AI models</a> <a href='/help/linkedin/"
                           "cases/261201-000124'>Access request</a></main>",
    "a list with 'Case number:'": "<main><h1>Cases</h1><ul><li><span>Case number: 261201-000123</span> "
                                  "<span>Widerspruch gegen die Verarbeitung zum Training von KI-Modellen zur "
                                  "Erstellung von Inhalten</span></li><li>Case number: 261201-000124 "
                                  "Access request</li></ul></main>",
}


@pytest.mark.parametrize("shape", CASE_PAGES)
def test_cases_are_read_by_their_case_numbers_and_matched_by_their_subject(driver, shape):
    show(driver, CASE_PAGES[shape])
    cases = until(driver, CasesReader(i18n.NO_CASES)).cases
    assert sorted(case.case_id for case in cases) == ["261201-000123", "261201-000124"]
    ai = [case.case_id for case in cases if _kind_score(case.text, "ai-training") >= 0.6]
    other = [case.case_id for case in cases if _kind_score(case.text, "personalization-ml") >= 0.6]
    assert (ai, other) == (["261201-000123"], [])


def test_a_cases_page_without_cases_is_read_as_empty_once_it_stops_changing(driver):
    show(driver, "<main><h1>My cases</h1><p>Nothing here yet.</p></main>")
    assert until(driver, CasesReader(i18n.NO_CASES)).cases == ()


@pytest.mark.parametrize("phrasing", ["Your case number is 261201-000123", "Case #261201-000123",
                                      "Reference: 261201-000123", "We've received your request (case 261201-000123)"])
def test_a_confirmation_gives_its_case_number_in_any_phrasing(driver, phrasing):
    show(driver, f"<main><h1>Thanks</h1><p>{phrasing}</p></main>")
    assert until(driver, AfterSubmitReader()).case_id == "261201-000123"


def test_a_confirmation_with_only_a_view_case_link_leads_to_the_case(driver):
    show(driver, "<main><h1>Thanks</h1><a href='/help/linkedin/cases/abc'>View case</a></main>")
    answer = until(driver, AfterSubmitReader())
    assert (answer.case_id, answer.case_link.endswith("/help/linkedin/cases/abc")) == (None, True)


def test_a_refused_form_is_read_as_refused(driver):
    show(driver, "<main><form><div role='alert'>Please fill in Country</div><input name='x'></form></main>")
    assert until(driver, AfterSubmitReader()).refusal == "Please fill in Country"


@pytest.mark.parametrize("where", [
    "<div class='feed-identity-module'><a href='/in/ana/'><span>Ana Example</span></a><p>Welcome back</p></div>",
    "<nav><div class='global-nav__me'><img alt='Photo of Ana Example' src='x'>Me</div></nav>",
    "<header><a href='/in/ana-example-1/' title='Ana Example'>Me</a></header>",
])
def test_the_members_name_is_read_from_any_of_the_places_that_show_it(driver, where):
    show(driver, where + "<main><a href='/in/someone-else/'>Bob Other</a></main>")
    assert name_on_page(driver).name == "Ana Example"


def test_a_name_in_someone_elses_post_is_not_taken_for_the_members(driver):
    show(driver, "<main><article><a href='/in/bob/'>Bob Other</a> posted</article></main>")
    assert name_on_page(driver).name is None


def test_a_pages_only_switch_is_found_whatever_its_label_says(driver):
    show(driver, "<main><h1>Werbedaten</h1><div><span>Etwas ganz anderes</span>"
                 "<button role='switch' aria-checked='true'></button></div></main>")
    found = switch_locator("shareDataWithTrustedPartners", i18n.PARTNERS_SWITCH).find(driver)
    assert found is not None and found[1] == ONLY_SWITCH[0].describe()


def test_on_a_page_with_two_switches_neither_is_taken_for_the_only_one(driver):
    show(driver, "<main><button role='switch'></button><button role='switch'></button></main>")
    assert switch_locator("allowAdsByAge", {"en": "Ads by age"}).find(driver) is None

"""The Data Processing Objection Form (`/help/linkedin/ask/TS-DPRO`) and the Help Center's list of cases.

The form's shape is unconfirmed (docs/linkedin-facts.md): it may be the `dyna-*` form of its sibling TS-RDMLP
or the Help Center "ask" shape (category and subcategory dropdowns, country, details, a digital signature),
with `<select>`s, custom listboxes or radio buttons, perhaps inside an iframe. So the form is read by meaning
(flows/form_reader.py): every dropdown gets the option that names this objection, or the "objection or
restriction" category that leads to it; every text field what its label asks for. A required field the bot
cannot classify stops the flow before anything is sent.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.select import Select

from flows import i18n
from flows.base import Flow, Locator, Page, ProbeTarget, Reading, Receipt, State, gone
from flows.cases import AfterSubmit, AfterSubmitReader, Case, CasesReader, case_number_in
from flows.countries import country_matches, lists_countries
from flows.errors import FlowError, NotVerified, PageChanged
from flows.fields import Kind
from flows.form_reader import Control, FormView, Option, read_form
from flows.identity import IDENTITY_CARD, PROFILE_LINKS, Addresses, find_name
from flows.locator import TEXT, Strategy, in_languages
from flows.person import Handoff
from flows.plan import OBJECTION_AI_TRAINING, OBJECTION_PERSONALIZATION
from flows.text import best_likeness, norm, words

log = logging.getLogger("flows.objection")

FORM_PATH = "/help/linkedin/ask/TS-DPRO"
CASES_PATH = "/help/linkedin/cases"
OPTION_LIKENESS = 0.6
"""How much of an objection's (or category's) words an option must carry to be chosen for it."""
MAX_FORM_ROUNDS = 8
"""Choices that reveal more choices (a subcategory after a category): how many rounds before giving up."""

_FIELDS = ("//form[count(.//input[not(@type='hidden')] | .//select | .//textarea | "
           ".//*[@aria-haspopup='listbox'] | .//*[@role='combobox'])>=2]")
FORM = Locator("objection form", (
    (By.ID, "dynaform"),
    Strategy(By.XPATH, _FIELDS, "a form with fields", structural=True),
))
FORM_FRAME = Locator("objection form iframe", (
    (By.CSS_SELECTOR, "iframe[src*='TS-DPRO']"),
    *in_languages("iframe titled", f"//iframe[@title={TEXT}]", i18n.FORM_TITLE),
    Strategy(By.CSS_SELECTOR, "iframe[src*='/help/']", "a Help Center iframe", structural=True),
))
SUBMIT = Locator("form submit button", (
    (By.ID, "dynaform-submit"),
    *in_languages("button text", f"//form//button[not(@type='button')][normalize-space()={TEXT}]", i18n.SUBMIT),
    Strategy(By.XPATH, f"({_FIELDS}//button[@type='submit' or not(@type)][not(@aria-haspopup)])[last()]",
             "the form's last submit button", structural=True),
))
_DIGITS = "translate(normalize-space(), '0123456789', '##########')"
CASE_NUMBER = Locator("a case number", (
    Strategy(By.XPATH, f"//*[not(self::script)][contains({_DIGITS}, '#####-####')][not(*)]",
             "text shaped like a case number", structural=True),
    Strategy(By.XPATH, "//a[contains(@href, '/cases/')]", "a link to a case", structural=True),
))
NO_CASES = Locator("no-cases note", (
    *in_languages("text", f"(//*[normalize-space()={TEXT}])[last()]", i18n.NO_CASES),
), unmatched="a cases page that shows no case number and has stopped changing is read as empty")
KIND_LABELS = {"ai-training": i18n.OBJECT_TO_AI_TRAINING, "personalization-ml": i18n.OBJECT_TO_PERSONALIZATION}
KIND_WORDS = {"ai-training": i18n.AI_TRAINING_WORDS, "personalization-ml": i18n.PERSONALIZATION_WORDS}
_OBJECTION_WORDS = frozenset(word for text in i18n.OBJECTION_WORDS for word in words(text))
CATEGORY_TEXTS = (*i18n.OBJECTION_REQUEST.values(), "Object to or restrict processing",
                  "Objection to processing", "Right to object", "Objection or restriction")

_LISTBOX_OPTIONS_JS = """
const el = arguments[0];
const named = el.getAttribute('aria-controls') || el.getAttribute('aria-owns');
let box = named && document.getElementById(named);
if (!box) box = Array.from(document.querySelectorAll('[role=listbox]'))
  .find((b) => el.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
if (!box) return [false, []];
const shown = !!(box.offsetWidth || box.offsetHeight || box.getClientRects().length);
return [shown, Array.from(box.querySelectorAll('[role=option]'))];
"""

_INVALID_JS = """
const form = arguments[0].form || arguments[0].closest('form');
if (!form || form.checkValidity()) return null;
const bad = form.querySelector(':invalid');
const label = bad.id && document.querySelector(`label[for="${CSS.escape(bad.id)}"]`);
return ((label && label.textContent) || bad.getAttribute('aria-label') || bad.getAttribute('placeholder')
        || bad.name || bad.id || bad.tagName).replace(/\\s+/g, ' ').trim();
"""
"""The browser's own check of the form (required, type=email, pattern): a form it would refuse is not sent."""

_CASES_MEMO = "help-center-cases"


class NameNeeded(Exception):
    """The form requires the member's name, LinkedIn did not prefill it and the bot does not know it yet."""


def read_cases(page: Page) -> list[Case]:
    """The member's Help Center cases, by their case numbers, once the page has shown them (or shown none)."""
    page.open(CASES_PATH)
    return list(page.wait(CasesReader(i18n.NO_CASES), "the list of cases (or a note that there are none)").cases)


def emails_on_form(page: Page) -> Addresses | None:
    """The addresses the objection form shows the signed-in member (as text, or prefilled in its email field):
    who is signed in, where Settings > Email addresses cannot be read."""
    page.open(FORM_PATH)
    try:
        view = read_form(page.driver, page.find_in_frame(FORM, FORM_FRAME))
    finally:
        page.top()
    shown = [*view.emails, *(control.value.strip().lower() for control in view.controls
                             if control.asks is Kind.EMAIL and control.value.strip())]
    return Addresses(tuple(dict.fromkeys(shown)), None) if shown else None


def _likeness_to(text: str, kind: str) -> float:
    """The text's likeness to the kind's form wording, or to a shorter name of it where the text says it is an
    objection (a case's subject, a reworded option)."""
    full = best_likeness(text, KIND_LABELS[kind])
    if not any(word in words(text) for word in _OBJECTION_WORDS):
        return full
    return max(full, best_likeness(text, KIND_WORDS[kind]))


def _kind_score(text: str, kind: str) -> float:
    """How surely a text names this kind of objection and not another: its likeness to this kind's wording,
    0 when another kind's wording fits it as well or better."""
    ours = _likeness_to(text, kind)
    rivals = max(_likeness_to(text, other) for other in KIND_LABELS if other != kind)
    return ours if ours > rivals else 0.0


@dataclass
class ObjectionFormPage:
    """Fills and submits the form for one kind of objection, reading it by meaning."""

    page: Page
    kind: str

    def fill(self) -> None:
        """Open the form and fill everything it asks; raises before anything is sent when a required field
        cannot be filled."""
        self.page.open(FORM_PATH)
        form = self.page.find_in_frame(FORM, FORM_FRAME)
        self._choose_all(form)
        view = read_form(self.page.driver, form)
        unknown = [control for control in view.controls if not self._fill(control)]
        view = read_form(self.page.driver, form)
        missing = [control for control in view.controls if control.required and not control.value]
        if unknown or missing:
            field = (unknown or missing)[0]
            raise PageChanged(f"the objection form asks for {field.title!r}, which the bot cannot fill",
                              locator=field.title, url=FORM_PATH)

    def _choose_all(self, form: WebElement) -> None:
        """Choose in every dropdown, a round at a time: a choice may reveal another dropdown."""
        for _ in range(MAX_FORM_ROUNDS):
            view = read_form(self.page.driver, form)
            if not any(self._choose(control) for control in _choice_groups(view)):
                return
        raise PageChanged("the objection form kept offering new choices", url=FORM_PATH)

    def _choose(self, control: Control) -> bool:
        """Choose what this dropdown should say; True when the choice changed something."""
        options = self._options(control)
        target = self._target(control, options)
        if target is None:
            if control.widget == "listbox" and self._listbox(control.element)[0]:
                self.page.click(control.element)  # close what _options opened
            return False
        if target.selected or (target.text and target.text == control.value):
            return False
        log.info("objection form: %r -> %r", control.title, target.text)
        self._pick(control, options.index(target))
        return True

    def _target(self, control: Control, options: tuple[Option, ...]) -> Option | None:
        usable = [option for option in options if not option.disabled and option.text]
        if not usable:
            return None
        scored = max(usable, key=lambda option: _kind_score(option.text, self.kind))
        if _kind_score(scored.text, self.kind) >= OPTION_LIKENESS:
            return scored
        category = max(usable, key=lambda option: best_likeness(option.text, CATEGORY_TEXTS))
        if best_likeness(category.text, CATEGORY_TEXTS) >= OPTION_LIKENESS:
            return category
        asks_country = control.asks is Kind.COUNTRY or lists_countries([(o.text, o.value) for o in usable])
        if asks_country and not control.value:
            return self._country(control, [option for option in usable if option.value or option.selected])
        return None

    def _country(self, control: Control, options: list[Option]) -> Option | None:
        """LinkedIn's preselection stays; else the account's country; else the field is named in the error."""
        country = self.page.country or _country_shown(self.page, options)
        if not country:
            if control.optional:
                return None
            raise FlowError(f"the objection form asks for {control.title!r} and LinkedIn did not preselect it",
                            hint="Give the member's country with --country (or LINKEDIN_COUNTRY, or the CSV "
                                 "column country), as a name or a two-letter code.")
        found = next((option for option in options if country_matches(country, option.text, option.value)), None)
        if found is None:
            raise FlowError(f"the objection form's {control.title!r} offers no {country!r}",
                            hint="Give --country as the form names it, or as a two-letter code.")
        return found

    def _options(self, control: Control) -> tuple[Option, ...]:
        """A dropdown's options; a listbox that renders them only when open is opened first."""
        if control.widget != "listbox" or control.options:
            return control.options
        self.page.click(control.element)
        self.page.wait(lambda _: self._listbox(control.element)[0], f"the list of {control.title!r}")
        reread = read_form(self.page.driver, None)
        return next((c.options for c in reread.controls if c.element == control.element), ())

    def _listbox(self, element: WebElement) -> tuple[bool, list[WebElement]]:
        shown, options = self.page.driver.execute_script(_LISTBOX_OPTIONS_JS, element)
        return bool(shown), options

    def _pick(self, control: Control, index: int) -> None:
        if control.widget == "select":
            Select(control.element).select_by_index(index)
        elif control.widget == "radio":
            self.page.click(_radios(self.page.driver, control)[index])
        else:
            if not self._listbox(control.element)[0]:
                self.page.click(control.element)
            self.page.wait(lambda _: self._listbox(control.element)[0], f"the list of {control.title!r}")
            choice = self._listbox(control.element)[1][index]
            self.page.click(choice)
            self.page.wait(lambda _: choice.get_attribute("aria-selected") == "true" or not choice.is_displayed(),
                           f"the choice in {control.title!r}")

    def _fill(self, control: Control) -> bool:
        """Fill one non-choice field by what it asks; False for a required field the bot cannot classify."""
        if control.is_choice or control.read_only:
            return True
        if control.widget == "checkbox":
            if control.asks is Kind.CONFIRMATION and not control.value:
                self.page.click(control.element)
            return control.asks is Kind.CONFIRMATION or not control.required
        if control.value.strip():
            return True
        value = self._value_for(control)
        if value is None:
            # a field the bot does not understand may be one LinkedIn requires without marking it: nothing is
            # sent unless the field says it is optional
            return not control.required and (control.asks is not Kind.UNKNOWN or control.optional)
        control.element.send_keys(value)
        return True

    def _value_for(self, control: Control) -> str | None:
        asks, page = control.asks, self.page
        if asks in (Kind.FIRST_NAME, Kind.LAST_NAME, Kind.FULL_NAME, Kind.SIGNATURE):
            if not page.member_name:
                if control.required:
                    raise NameNeeded
                return None
            first, _, last = page.member_name.strip().partition(" ")
            return {Kind.FIRST_NAME: first, Kind.LAST_NAME: last or None}.get(asks, page.member_name)
        if asks is Kind.EMAIL or (asks is Kind.ALTERNATE_EMAIL and control.required):
            return page.member_email
        if asks is Kind.DETAILS:
            return page.details or i18n.DETAILS[self.kind]
        if asks is Kind.COUNTRY and page.country:
            return page.country
        return None

    def submit(self, button: WebElement | None = None) -> str:
        """Submit and wait for LinkedIn's answer; returns the case number it gave."""
        button = button or self.page.find(SUBMIT)
        invalid = self.page.driver.execute_script(_INVALID_JS, button)
        if invalid is not None:
            raise PageChanged(f"the objection form does not accept what is in {invalid!r}", locator=invalid,
                              url=FORM_PATH)
        self.page.click(button)
        reader = AfterSubmitReader()
        left = gone(button)
        answer = self.page.wait(lambda driver: "left" if left(driver) else _in_place(reader, driver),
                                "the page after submitting the form")
        if answer == "left":
            self.page.check_loaded()
            answer = self.page.wait(reader, "a case number or LinkedIn's answer after Submit")
        return case_number_of(self.page, answer)


def case_number_of(page: Page, answer: AfterSubmit) -> str:
    """The case number LinkedIn's answer to a submission gives, whoever pressed Submit: on the page, or on the
    case page its "View case" link opens. A refusal is a page the bot did not expect."""
    if answer.refusal:
        raise PageChanged(f"LinkedIn refused the objection form: {answer.refusal}", url=FORM_PATH)
    if answer.case_id:
        return answer.case_id
    assert answer.case_link is not None
    page.driver.get(answer.case_link)
    page.check_loaded()
    return page.wait(case_number_in, "the case number on the case page")


def _country_shown(page: Page, options: list[Option]) -> str | None:
    """The member's country as LinkedIn shows it on their identity card ("Berlin, Germany"), when exactly one of
    the form's countries is named there."""
    card = norm(page.memo.get(IDENTITY_CARD, ""))
    named = [option.text for option in options
             if option.text and re.search(rf"(?<!\w){re.escape(norm(option.text))}(?!\w)", card)]
    if len(named) == 1:
        log.info("objection form: the country of residence is %r, as the member's profile shows", named[0])
        return named[0]
    return None


def _in_place(reader: AfterSubmitReader, driver: WebDriver) -> AfterSubmit | None:
    """A form that answers without leaving its page (a script posts it): its answer, once it has a case."""
    answer = reader(driver)
    return answer if answer is not None and (answer.case_id or answer.case_link) else None


def _choice_groups(view: FormView) -> list[Control]:
    """The form's dropdowns, with each group of radio buttons as one dropdown of their labels."""
    groups: list[Control] = []
    radios: dict[str, list[Control]] = {}
    for control in view.controls:
        if control.widget == "radio":
            if control.name not in radios:
                radios[control.name] = []
                groups.append(control)
            radios[control.name].append(control)
        elif control.is_choice:
            groups.append(control)
    return [_radio_group(control, radios[control.name]) if control.widget == "radio" else control
            for control in groups]


def _radio_group(first: Control, members: list[Control]) -> Control:
    options = tuple(Option(radio.own, radio.name, bool(radio.value), radio.read_only) for radio in members)
    chosen = next((radio.own for radio in members if radio.value), "")
    return Control(first.element, "radio", first.label, "", first.name, first.required, chosen, options, False,
                   first.asks, first.optional)


def _radios(driver: WebDriver, control: Control) -> list[WebElement]:
    form = control.element.find_element(By.XPATH, "ancestor::form[1] | /html/body")
    return [radio for radio in form.find_elements(By.CSS_SELECTOR, "input[type=radio]")
            if radio.get_attribute("name") == control.name and radio.is_displayed()]


@dataclass
class ObjectionFlow(Flow):
    """One objection (one kind), filed at most once: the cases page is read before anything is sent."""

    name: str
    kind: str
    filed_once = True
    confirmed_by = "confirmed on the cases page"

    def check(self, page: Page) -> Reading:
        """Read from the cases page once per account; our own confirmed filings are added as they happen."""
        if _CASES_MEMO not in page.memo:
            page.memo[_CASES_MEMO] = read_cases(page)
        for case in page.memo[_CASES_MEMO]:
            if case.kind == self.kind or _kind_score(case.text, self.kind) >= OPTION_LIKENESS:
                return Reading(State.SUBMITTED, case.case_id)
        return Reading(State.NOT_SUBMITTED)

    def apply(self, page: Page) -> Receipt:
        cases = page.memo.pop(_CASES_MEMO, [])  # until confirmed, only the cases page itself is believed
        page.drop_preload(CASES_PATH)  # a cases page loaded before this filing would not show it
        form = ObjectionFormPage(page, self.kind)
        try:
            form.fill()
        except NameNeeded:
            page.top()
            page.member_name = find_name(page, page.memo.get(PROFILE_LINKS, []))
            if not page.member_name:
                raise FlowError("the objection form needs the member's name, LinkedIn did not prefill it, and "
                                "the bot found it nowhere on LinkedIn",
                                hint="Fill the form once by hand, or report this page with `optout probe`.") from None
            form.fill()
        page.capture(f"{self.name}-filled")
        case_id = form.submit()
        page.top()
        page.capture(f"{self.name}-confirmation")
        page.memo[_CASES_MEMO] = [*cases, Case(case_id, self.kind, "")]
        return Receipt(case_id=case_id, detail="submitted")

    def first_page(self, page: Page) -> str | None:
        return None if _CASES_MEMO in page.memo else CASES_PATH

    def verify(self, page: Page, receipt: Receipt) -> Reading:
        """The confirmation page with a case number is LinkedIn's proof of receipt."""
        if not receipt.case_id:
            raise NotVerified(f"{self.name}: LinkedIn showed no case number")
        return Reading(State.SUBMITTED, receipt.case_id)

    def handoff(self, page: Page, problem: FlowError) -> Handoff:
        """The person finishes the form the bot filled as far as it could and presses Submit; seen when the
        page shows a case number (or a link to the case)."""
        reader = AfterSubmitReader()
        option = KIND_LABELS[self.kind]["en"]
        return Handoff(f"{problem.message}: fill it, choose {option!r} if it is not chosen, and press Submit",
                       lambda driver: _in_place(reader, driver), "a case number after Submit")

    def finished_by_person(self, page: Page, answer: AfterSubmit) -> Receipt:
        """What the person's submission proves, read as the bot reads its own."""
        case_id = case_number_of(page, answer)
        page.top()
        page.memo.pop(_CASES_MEMO, None)
        return Receipt(case_id=case_id, detail="submitted by a person")

    def probe_targets(self) -> tuple[ProbeTarget, ...]:
        """The cases page, and the form up to (never including) sending it; the confirmation needs a filing."""
        return (ProbeTarget("cases", CASES_PATH, one_of=(CASE_NUMBER, NO_CASES)),
                ProbeTarget("objection form", FORM_PATH, required=(FORM, SUBMIT), frame=FORM_FRAME))


AI_TRAINING = ObjectionFlow(OBJECTION_AI_TRAINING, "ai-training")
PERSONALIZATION = ObjectionFlow(OBJECTION_PERSONALIZATION, "personalization-ml")

"""A form read by meaning: its visible controls, what each is labelled, whether it is required, what it holds.

Nothing here knows a field's id or name in advance: a Help Center form may be any shape (docs/linkedin-facts.md: the
objection form's ids are unconfirmed, and its sibling forms differ). One script in the page reads every control
with its label, found the ways pages label fields (label[for], a wrapping label, aria-labelledby, aria-label,
a fieldset's legend, the text just before it, the placeholder).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from flows.fields import Kind, classify, in_context, says_optional

_READ_JS = r"""
const root = arguments[0] || document;
const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)
  && getComputedStyle(el).visibility !== 'hidden';
const squash = (text) => (text || '').replace(/\s+/g, ' ').trim();
const textOf = (el) => squash(el.innerText || el.textContent);
const CONTROLS = 'input, select, textarea, [aria-haspopup=listbox], [role=combobox]';
const isControl = (el) => el.matches && el.matches(CONTROLS);
const byIds = (ids) => squash((ids || '').split(/\s+/).map((id) => {
  const el = id && document.getElementById(id);
  return el ? textOf(el) : '';
}).join(' '));
const before = (el) => {
  // the nearest text before the control inside its own container: a heading, a paragraph or bare text
  for (let node = el, depth = 0; node && node !== root && depth < 4; node = node.parentElement, depth++) {
    for (let sib = node.previousSibling; sib; sib = sib.previousSibling) {
      if (sib.nodeType === Node.TEXT_NODE && squash(sib.textContent)) return squash(sib.textContent);
      if (sib.nodeType !== Node.ELEMENT_NODE || !visible(sib)) continue;
      if (isControl(sib) || sib.querySelector(CONTROLS)) return '';
      if (textOf(sib)) return textOf(sib);
    }
  }
  return '';
};
const labelOf = (el) => {
  if (el.getAttribute('aria-labelledby')) {
    const text = byIds(el.getAttribute('aria-labelledby'));
    if (text) return text;
  }
  if (el.id) {
    const label = root.querySelector(`label[for="${CSS.escape(el.id)}"]`) ||
                  document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
    if (label && textOf(label)) return textOf(label);
  }
  const wrapping = el.closest('label');
  if (wrapping) {
    const clone = wrapping.cloneNode(true);
    clone.querySelectorAll(CONTROLS + ', option, [role=listbox]').forEach((c) => c.remove());
    if (squash(clone.textContent)) return squash(clone.textContent);
  }
  if (el.getAttribute('aria-label')) return squash(el.getAttribute('aria-label'));
  if (el.type === 'radio' || el.type === 'checkbox') {
    const set = el.closest('fieldset, [role=radiogroup], [role=group]');
    const legend = set && (set.querySelector('legend') || byIds(set.getAttribute('aria-labelledby')));
    if (legend) return typeof legend === 'string' ? legend : textOf(legend);
  }
  return before(el) || squash(el.getAttribute('placeholder'));
};
const listboxOf = (el) => {
  const named = el.getAttribute('aria-controls') || el.getAttribute('aria-owns');
  if (named && document.getElementById(named)) return document.getElementById(named);
  const all = Array.from(document.querySelectorAll('[role=listbox]'));
  return all.find((box) => el.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING) || null;
};
const PLACEHOLDER =
  /^(select|choose|wähle|bitte|sélection|choisi|selecciona|elige|seleziona|scegli|selecteer|kies|wybierz|escolh|--|—|-)/i;
const controls = [];
for (const el of root.querySelectorAll(CONTROLS)) {
  const type = (el.getAttribute('type') || '').toLowerCase();
  if (el.tagName === 'INPUT' && ['hidden', 'submit', 'button', 'image', 'reset', 'search'].includes(type)) continue;
  if (el.tagName === 'INPUT' && el.closest('[aria-haspopup=listbox], [role=combobox]') !== null
      && !el.matches('[role=combobox]')) continue;
  if (!visible(el)) continue;
  const label = labelOf(el);
  const labelEl = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
  const marked = /\*/.test(label) || (labelEl && labelEl.querySelector('[class*=required], abbr')) !== null;
  const required = el.required === true || el.getAttribute('aria-required') === 'true' || !!marked;
  let kind = 'text', options = [], value = '';
  if (el.tagName === 'SELECT') {
    kind = 'select';
    options = Array.from(el.options).map((o) => [squash(o.text), o.value, o.selected, o.disabled]);
    const chosen = el.options[el.selectedIndex];
    value = chosen && chosen.value && !chosen.disabled ? squash(chosen.text) : '';
  } else if (el.matches('[aria-haspopup=listbox], [role=combobox]')) {
    kind = 'listbox';
    const box = listboxOf(el);
    options = box ? Array.from(box.querySelectorAll('[role=option]')).map((o) =>
      [squash(o.textContent), o.getAttribute('data-value') || o.id || '', o.getAttribute('aria-selected') === 'true',
       o.getAttribute('aria-disabled') === 'true']) : [];
    const chosen = options.find((o) => o[2]);
    const shown = squash(el.value !== undefined && el.tagName === 'INPUT' ? el.value : textOf(el));
    value = chosen ? chosen[0] : (shown && !PLACEHOLDER.test(shown) && shown !== label ? shown : '');
  } else if (type === 'radio' || type === 'checkbox') {
    kind = type;
    value = el.checked ? 'on' : '';
  } else {
    kind = el.tagName === 'TEXTAREA' ? 'textarea' : 'text';
    value = el.value || '';
  }
  const own = type === 'radio' || type === 'checkbox'
    ? squash((el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`)
              || el.closest('label') || {}).textContent)
    : '';
  controls.push([el, kind, label, own, el.getAttribute('name') || el.id || '', el.getAttribute('autocomplete') || '',
                 squash(el.getAttribute('placeholder')), required, value, options,
                 el.readOnly === true || el.getAttribute('aria-readonly') === 'true' || el.disabled === true]);
}
const shown = textOf(root === document ? document.body : root);
const emails = shown.match(/[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}/gi) || [];
return [controls, emails];
"""


@dataclass(frozen=True)
class Option:
    text: str
    value: str
    selected: bool
    disabled: bool


@dataclass(frozen=True)
class Control:
    """One visible control: `kind` is its widget (text, textarea, select, listbox, radio, checkbox), `asks`
    what it asks for (from its label), `own` a radio's or checkbox's own label."""

    element: WebElement
    widget: str
    label: str
    own: str
    name: str
    required: bool
    value: str
    options: tuple[Option, ...]
    read_only: bool
    asks: Kind
    optional: bool  # the field says it may stay empty

    @property
    def is_choice(self) -> bool:
        return self.widget in ("select", "listbox", "radio")

    @property
    def title(self) -> str:
        """How errors name the field: its visible label, else its name."""
        return " ".join(self.label.replace("*", " ").split()) or self.name or self.widget


@dataclass(frozen=True)
class FormView:
    controls: tuple[Control, ...]
    emails: tuple[str, ...]  # addresses shown as text in the form (a Help Center form shows the member's)


def read_form(driver: WebDriver, root: WebElement | None) -> FormView:
    """Every visible control of `root` (the whole page when None), in document order."""
    controls, emails = driver.execute_script(_READ_JS, root)
    read = []
    for element, widget, label, own, name, autocomplete, placeholder, required, value, options, read_only \
            in controls:
        read.append(Control(element, widget, label, own, name, bool(required), value or "",
                            tuple(Option(*option) for option in options), bool(read_only),
                            classify(label, name, autocomplete, placeholder),
                            not required and says_optional(label, placeholder)))
    kinds = in_context([control.asks for control in read], [control.label for control in read])
    read = [replace(control, asks=kind) for control, kind in zip(read, kinds, strict=True)]
    return FormView(tuple(read), tuple(dict.fromkeys(email.lower() for email in emails)))

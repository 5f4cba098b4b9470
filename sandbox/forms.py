"""The Data Processing Objection Form in its two drawn shapes: the `dyna-*` guess (names, email, request type,
type of objection, details) and the Help Center "ask" shape (signed-in email as text, alternate email, Category,
Subcategory, Country of residence, details, Digital Signature). The server reads back what its own page posts.
"""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.layout import Hooks, attr, drawn_name
from sandbox.router import Request, alias
from sandbox.state import OBJECTION_TYPES, AccountSpec

REQUEST_TYPES = ("access", "objection", "correction")
CATEGORIES = ("account", "access", "objection", "correction")
SUBCATEGORIES = (*OBJECTION_TYPES, "marketing", "restrict")
COUNTRIES = ("US", "GB", "DE", "FR", "ES", "IT", "NL", "PT", "PL", "CH")
ONLY_OBJECTIONS = "This form takes objections only: choose \u201cObjection or restriction request\u201d."
ONLY_THESE = "The sandbox files only the objections to AI training and to personalization and other machine learning."
NOT_YOUR_NAME = "The name must be the name on your LinkedIn account."


@dataclass(frozen=True)
class Field:
    name: str  # the documented name; ids are dyna-<name>; a draw may give it another name
    label: str  # its text key
    kind: str  # text, email, select, textarea
    required: bool = True
    choices: tuple[str, ...] = ()  # option values; texts are <prefix><value>
    prefix: str = ""
    depends_on: str | None = None  # exists only while that field is "objection"


MEMBERSHIP = Field("membership_number", "membership_number", "text")  # the unclassifiable-field variant
DYNA = (Field("firstname", "first_name", "text"), Field("lastname", "last_name", "text"),
        Field("email", "email", "email"),
        Field("request_type", "request_type", "select", choices=REQUEST_TYPES, prefix="request_"),
        Field("objection_type", "objection_type", "select", choices=tuple(OBJECTION_TYPES), prefix="objection_",
              depends_on="request_type"),
        Field("addl_info", "addl_info", "textarea", required=False))


def ask_fields(h: Hooks) -> tuple[Field, ...]:
    return (Field("alternate_email", "alternate_email", "email", required=False),
            Field("category", "category", "select", choices=CATEGORIES, prefix="request_"),
            Field("subcategory", "subcategory", "select", choices=SUBCATEGORIES, prefix="objection_",
                  depends_on="category"),
            Field("country", "country", "select", choices=COUNTRIES, prefix="country_"),
            Field("details", "details", "textarea", required=h.draw.details_required),
            Field("signature", "signature", "text"))


def fields_for(h: Hooks) -> tuple[Field, ...]:
    """The member's form: its drawn shape, plus the hand-off variant's field no bot can classify."""
    shape = ask_fields(h) if h.draw.form_shape == "ask" else DYNA
    return (*shape, MEMBERSHIP) if h.look.has("unclassifiable-field") else shape


def prefilled(spec: AccountSpec, h: Hooks) -> dict[str, str]:
    """What the form shows filled in: the email (and, in most draws, the names; in some the country)."""
    first, _, last = spec.display_name.partition(" ")
    values = {"email": spec.email}
    if h.draw.names_prefilled:
        values |= {"firstname": first, "lastname": last}
    country = _country(spec.region, h.look.language)
    if h.draw.country_preselected and country:
        values["country"] = country
    return values


def _country(region: str, language: str) -> str | None:
    """The country a member's region and language point at, when they point at one."""
    region = region.upper()
    if region in ("US", "CH"):
        return region
    if region == "UK":
        return "GB"
    by_language = {"de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL", "pt": "PT", "pl": "PL"}
    return by_language.get(language) if region in ("EU", "EEA") else None


def field_id(h: Hooks, field: Field) -> str:
    return h.id("dyna-" + field.name)


def _label(h: Hooks, field: Field) -> str:
    star = ' <span class="required-star" aria-hidden="true">*</span>'
    return h.t(field.label) + (star if field.required and h.draw.required_mark == "star" else "")


def _required(h: Hooks, field: Field, native: bool = True) -> str:
    """The control's required marker: `required` (where the control has one), or aria-required."""
    if not field.required or h.draw.required_mark not in ("required", "aria-required"):
        return ""
    return " required" if h.draw.required_mark == "required" and native else ' aria-required="true"'


def _row(h: Hooks, field: Field, control: str) -> str:
    """One labelled field; the restyled variant nests label and control deeper, under other class names."""
    label_html = f'<label for="{field_id(h, field)}">{_label(h, field)}</label>'
    if h.restyled:
        return (f'<div class="{h.cls("form-field")}" data-row><div class="{h.cls("form-field__label")}">'
                f'{label_html}</div><div class="{h.cls("form-field__control")}"><div class="{h.cls("input")}">'
                f"{control}</div></div></div>\n")
    if h.draw.seed is not None:
        return f'<div class="{h.cls("form-field")}" data-row>{h.wrap(label_html + control, "row")}</div>\n'
    return f'<div class="form-field" data-row>{label_html}{control}</div>\n'


def listbox(h: Hooks) -> bool:
    return h.look.has("listbox") or h.draw.form_controls == "listbox"


def _dropdown(h: Hooks, field: Field, chosen: str) -> str:
    """A <select>, or (listbox variant or draw) a button that opens a ul[role=listbox] of li[role=option]s and a
    hidden input that carries the choice."""
    items = [("", h.look.t("select_option")), *((v, h.look.t(field.prefix + v)) for v in field.choices)]
    control_id, name = field_id(h, field), h.name(field.name)
    if not listbox(h):
        options = "".join(f'<option value="{attr(v)}"{" selected" if v == chosen else ""}>{attr(text)}</option>'
                          for v, text in items)
        return f'<select id="{control_id}" name="{name}"{_required(h, field)}>{options}</select>'
    shown = dict(items).get(chosen, items[0][1])
    list_id, input_id = h.id("listbox-" + field.name), h.id(f"dyna-{field.name}-value")
    options = "".join(
        f'<li role="option" id="{h.id(f"option-{field.name}-{i}")}" data-value="{attr(v)}" '
        f'aria-selected="{str(v == chosen).lower()}">{attr(text)}</li>'
        for i, (v, text) in enumerate(items) if v)
    return (f'<button type="button" id="{control_id}" aria-haspopup="listbox" aria-expanded="false" '
            f'aria-controls="{list_id}"{_required(h, field, native=False)}><span data-choice>{attr(shown)}</span>'
            f'</button><ul role="listbox" id="{list_id}" data-input="{input_id}" hidden>{options}</ul>'
            f'<input type="hidden" id="{input_id}" name="{name}" value="{attr(chosen)}">')


def control(h: Hooks, field: Field, value: str) -> str:
    if field.kind == "select":
        return _dropdown(h, field, value)
    common = f'id="{field_id(h, field)}" name="{h.name(field.name)}"{_required(h, field)}'
    if field.kind == "textarea":
        return f"<textarea {common}>{attr(value)}</textarea>"
    kind = ' type="email"' if field.kind == "email" else ""
    return f'<input {common}{kind} value="{attr(value)}">'


def rows(h: Hooks, fields: tuple[Field, ...], values: dict[str, str]) -> str:
    """Every row; a field that depends on another waits in a <template> its script puts in place."""
    out = []
    for field in fields:
        row = _row(h, field, control(h, field, "" if field.depends_on else values.get(field.name, "")))
        if field.depends_on:
            row = f'<template data-field="{field.name}">{row}</template>\n'
        if field.name == "signature":
            row += f'<p class="muted">{h.t("signature_hint")}</p>\n'
        out.append(row)
    return "".join(out)


def trigger(fields: tuple[Field, ...]) -> tuple[Field, Field]:
    """The field the dependent one waits for, and the dependent one."""
    dependent = next(f for f in fields if f.depends_on)
    return next(f for f in fields if f.name == dependent.depends_on), dependent


def posted(req: Request, h: Hooks, fields: tuple[Field, ...]) -> dict[str, str]:
    """The values the form posted, under the names this member's page gave its fields (the draw's, or `x-`)."""
    def value(name: str) -> str:
        if h.draw.field_names == "random":
            return req.form.get(drawn_name(h.draw.salt, name), req.form.get(alias(name), ""))
        return req.field(name)
    return {field.name: value(field.name).strip() for field in fields}


def _same_name(given: str, spec: AccountSpec) -> bool:
    return " ".join(given.casefold().split()) == " ".join(spec.display_name.casefold().split())


def problem(h: Hooks, fields: tuple[Field, ...], values: dict[str, str], spec: AccountSpec) -> str:
    """What keeps the form from being sent, naming the fields; empty when nothing does. Under a seed the name
    given (or signed) must be the member's."""
    names = {f.name: f for f in fields}
    shown = [f for f in fields if not f.depends_on or values.get(f.depends_on) == "objection"]
    missing = [h.look.t(f.label) for f in shown if f.required and not values[f.name]]
    missing += [h.look.t(f.label) for f in shown if f.kind == "email" and values[f.name] and "@" not in values[f.name]]
    if missing:
        return f"Please complete: {', '.join(missing)}."
    first, dependent = trigger(fields)
    if values[first.name] != "objection":
        return ONLY_OBJECTIONS
    if values[dependent.name] not in OBJECTION_TYPES:
        known = values[dependent.name] in dependent.choices
        return ONLY_THESE if known else f"Please complete: {h.look.t(dependent.label)}."
    if "country" in names and values["country"] not in COUNTRIES:
        return f"Please complete: {h.look.t('country')}."
    given = values.get("signature") or f"{values.get('firstname', '')} {values.get('lastname', '')}"
    if h.draw.seed is not None and not _same_name(given, spec):
        return NOT_YOUR_NAME
    return ""

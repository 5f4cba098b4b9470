"""How the Help Center shows a member's cases: the list (a list, a table, cards or links to each case's page), a
case's own page, and the confirmation after a submit, each in the phrasing the member's draw picked."""

from __future__ import annotations

from markupsafe import Markup

from sandbox.layout import Hooks, attr, body
from sandbox.router import alias
from sandbox.state import Objection

CASES = "/help/linkedin/cases"


def case_path(case_id: str) -> str:
    return f"{CASES}/{case_id}"


def subject(h: Hooks, objection: Objection) -> str:
    """The case's subject: the form's option text, in some draws inside a longer title."""
    option = h.t("objection_" + objection.type)
    return {"option": option, "prefixed": f"{h.t('request_objection')}: {option}",
            "form-title": f"{h.t('form_title')} \u2013 {option}"}[h.draw.subject]


def number(h: Hooks, case_id: str, phrasing: str | None = None) -> str:
    """The case number in a phrasing: bare, "Case X", "#X" or "Case number: X" (the draw's unless given)."""
    shown = f'<span class="{h.cls("case-id")}">{attr(case_id)}</span>'
    phrasing = phrasing or h.draw.case_phrasing
    if phrasing == "bare":
        return shown
    if phrasing == "hash":
        return f"#{shown}"
    return h.t({"case": "case_label", "case-number": "case_number_label"}[phrasing]).replace("{case}", shown)


def _date(h: Hooks, objection: Objection) -> str:
    return (f'<span class="{h.cls("case-date")} muted">'
            f'<time datetime="{objection.submitted_at}">{objection.submitted_at[:10]}</time></span>')


def _data(h: Hooks, objection: Objection) -> str:
    """The `data-case-*` hooks, which some draws leave out."""
    if not h.draw.case_data:
        return ""
    names = [alias(n) if h.changed else n for n in ("case-id", "case-type")]
    return f' data-{names[0]}="{attr(objection.case_id)}" data-{names[1]}="{attr(objection.type)}"'


def _item(h: Hooks, objection: Objection) -> str:
    case_id = number(h, objection.case_id)
    title = f'<span class="{h.cls("case-subject")}">{subject(h, objection)}</span>'
    date = _date(h, objection)
    if h.restyled:
        inner = (f'<div class="{h.cls("case__id")}">{case_id}</div>'
                 f'<div class="{h.cls("case__body")}">{title} {date}</div>')
    elif h.draw.cases_markup == "links":
        inner = f'<a href="{case_path(objection.case_id)}">{title}</a> {date}'
    else:
        inner = f"{case_id} {title} {date}"
    return f'<li class="{h.cls("case")}"{_data(h, objection)}>{h.wrap(inner, "case")}</li>'


def _card(h: Hooks, objection: Objection) -> str:
    return f"<h2>{subject(h, objection)}</h2><p>{number(h, objection.case_id)}</p><p>{_date(h, objection)}</p>"


def listing(h: Hooks, objections: tuple[Objection, ...]) -> str:
    """The member's cases, oldest first, in the draw's markup."""
    if not objections:
        return f'<p id="{h.id("no-cases")}">{h.t("no_cases")}</p>'
    if h.draw.cases_markup == "table":
        head = "".join(f"<th>{h.t(key)}</th>" for key in ("case_col", "subject_col", "date_col"))
        trs = "".join(f'<tr class="{h.cls("case")}"{_data(h, o)}><td>{number(h, o.case_id)}</td>'
                      f'<td><span class="{h.cls("case-subject")}">{subject(h, o)}</span></td>'
                      f"<td>{_date(h, o)}</td></tr>" for o in objections)
        return f'<table id="{h.id("cases")}"><thead><tr>{head}</tr></thead><tbody>{trs}</tbody></table>'
    if h.draw.cases_markup == "cards":
        cards = "".join(f'<div class="{h.cls("case")} card"{_data(h, o)}>{h.wrap(_card(h, o), "card")}</div>'
                        for o in objections)
        return f'<div id="{h.id("cases")}">{cards}</div>'
    return f'<ul id="{h.id("cases")}" class="plain">{"".join(_item(h, o) for o in objections)}</ul>'


def detail(h: Hooks, objection: Objection) -> str:
    """A case's own page: its subject, number, status and date."""
    shown = number(h, objection.case_id, "case-number" if h.draw.case_phrasing == "bare" else None)
    return (f"<main>{h.wrap(f'<h1>{subject(h, objection)}</h1><p>{shown}</p>', 'case')}"
            f'<p>{h.t("status_submitted")} {_date(h, objection)}</p>'
            f'<p><a href="{CASES}">{h.t("back_to_cases")}</a></p></main>')


def confirmation(h: Hooks, case_id: str, framed: bool) -> str:
    """The page after a submit: "Thanks", the case number in the draw's phrasing (or, in some draws, only a link
    to the case's page that shows it), and a link to the cases."""
    shown = f'<span id="{h.id("case-number")}">{attr(case_id)}</span>'
    phrasing = {"case-number-is": f"{h.t('case_number_is')} {shown}.", "case-hash": h.t("conf_hash"),
                "reference": h.t("conf_reference"), "received": h.t("conf_received")}[h.draw.confirmation]
    said = h.t("received") if h.draw.confirmation_link == "link-only" else phrasing.replace("{case}", shown)
    return body("confirmation.html.j2", h, said=Markup(said), case_path=case_path(case_id), cases=CASES,
                framed=framed)

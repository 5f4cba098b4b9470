"""The Help Center: the Data Processing Objection Form (TS-DPRO), its confirmation, and the member's cases."""

from __future__ import annotations

from urllib.parse import quote

from sandbox import scripts
from sandbox.auth import csrf_ok, hooks_for, members_only
from sandbox.layout import Hooks, attr, html, json_script, not_found
from sandbox.look import look_for
from sandbox.router import Request, Response, Router
from sandbox.state import OBJECTION_TYPES, Objection

router = Router()

FORM = "/help/linkedin/ask/TS-DPRO"
FRAME = FORM + "/frame"
TEXT_FIELDS = (("firstname", "first_name", ""), ("lastname", "last_name", ""), ("email", "email", "email"))
REQUEST_TYPES = ("access", "objection", "correction")
ONLY_OBJECTIONS = "This form takes objections only: choose \u201cObjection or restriction request\u201d."


def _row(h: Hooks, name: str, label: str, control: str) -> str:
    """One labelled field; the restyled variant nests label and control deeper, under other class names."""
    label_html = f'<label for="{h.id("dyna-" + name)}">{label}</label>'
    if h.restyled:
        return (f'<div class="{h.cls("form-field")}" data-row><div class="{h.cls("form-field__label")}">'
                f'{label_html}</div><div class="{h.cls("form-field__control")}"><div class="{h.cls("input")}">'
                f"{control}</div></div></div>\n")
    return f'<div class="form-field" data-row>{label_html}{control}</div>\n'


def _dropdown(h: Hooks, name: str, choices: dict[str, str], chosen: str) -> str:
    """A <select>, or under the listbox variant a button that opens a ul[role=listbox] of li[role=option]s and a
    hidden input that carries the choice."""
    items = [("", h.look.t("select_option")), *choices.items()]
    if not h.look.has("listbox"):
        options = "".join(f'<option value="{attr(v)}"{" selected" if v == chosen else ""}>{attr(text)}</option>'
                          for v, text in items)
        return f'<select id="{h.id("dyna-" + name)}" name="{h.name(name)}">{options}</select>'
    shown = dict(items).get(chosen, items[0][1])
    list_id, input_id = h.id("listbox-" + name), h.id(f"dyna-{name}-value")
    options = "".join(
        f'<li role="option" id="{h.id(f"option-{name}-{i}")}" data-value="{attr(v)}" '
        f'aria-selected="{str(v == chosen).lower()}">{attr(text)}</li>'
        for i, (v, text) in enumerate(items) if v)
    return (f'<button type="button" id="{h.id("dyna-" + name)}" aria-haspopup="listbox" aria-expanded="false" '
            f'aria-controls="{list_id}"><span data-choice>{attr(shown)}</span></button>'
            f'<ul role="listbox" id="{list_id}" data-input="{input_id}" hidden>{options}</ul>'
            f'<input type="hidden" id="{input_id}" name="{h.name(name)}" value="{attr(chosen)}">')


def _choices(h: Hooks, prefix: str, values: tuple[str, ...] | dict[str, str]) -> dict[str, str]:
    return {value: h.look.t(prefix + value) for value in values}


def form_page(req: Request, values: dict[str, str], error: str = "", framed: bool = False) -> Response:
    """The form; `framed`: the bare document the form-iframe variant loads into its iframe."""
    h = hooks_for(req)
    session = req.store.session(req.cookies.get("li_at"))
    fields = "".join(
        _row(h, name, h.t(key), f'<input id="{h.id("dyna-" + name)}" name="{h.name(name)}"'
             + (f' type="{kind}"' if kind else "") + f' value="{attr(values.get(name, ""))}">')
        for name, key, kind in TEXT_FIELDS
    )
    request_type = _row(h, "request_type", h.t("request_type"),
                        _dropdown(h, "request_type", _choices(h, "request_", REQUEST_TYPES),
                                  values.get("request_type", "")))
    objection_type = _row(h, "objection_type", h.t("objection_type"),
                          _dropdown(h, "objection_type", _choices(h, "objection_", OBJECTION_TYPES), ""))
    details = _row(h, "addl_info", h.t("addl_info"),
                   f'<textarea id="{h.id("dyna-addl_info")}" name="{h.name("addl_info")}">'
                   f'{attr(values.get("addl_info", ""))}</textarea>')
    alert = f'<div id="{h.id("dynaform-error")}" role="alert">{attr(error)}</div>\n' if error else ""
    action = f"{FORM}/submit" + ("?frame=1" if framed else "")
    body = f"""<main>
<h1>{h.t('form_title')}</h1>
<p class="muted">{h.t('form_intro')}</p>
{alert}<form id="{h.id('dynaform')}" action="{action}" method="post">
<input type="hidden" name="{h.name('csrfToken')}" value="{attr(session.jsessionid if session else '')}">
{fields}{request_type}<template data-field="objection_type">{objection_type}</template>
{details}<button id="{h.id('dynaform-submit')}" type="submit">{h.t('submit')}</button>
</form>
</main>"""
    listbox = h.look.has("listbox")
    config = {"requestTypeId": h.id("dyna-request_type-value" if listbox else "dyna-request_type"),
              "objectionType": values.get("objection_type", "")}
    tail = (f"<script>{scripts.LISTBOX}</script>\n" if listbox else "") + json_script("form-config", config)
    tail += f"<script>{scripts.OBJECTION_FORM}</script>\n"
    title = f"{h.look.t('form_title')} | LinkedIn Help"
    return html(title, body, hooks=h, member=not framed, framed=framed, tail=tail)


def _frame_shell(req: Request) -> Response:
    """The form-iframe variant: the Help Center page only holds the form's iframe."""
    h = hooks_for(req)
    body = (f"<main><h1>{h.t('form_title')}</h1>\n"
            f'<iframe class="form-frame" src="{FRAME}" title="{h.t("form_title")}"></iframe>\n</main>')
    return html(f"{h.look.t('form_title')} | LinkedIn Help", body, hooks=h, member=True)


def _prefilled(req: Request) -> dict[str, str]:
    spec = req.store.member(req.member or "").spec
    first, _, last = spec.display_name.partition(" ")
    return {"firstname": first, "lastname": last, "email": spec.email}


@router.route("GET", FORM)
@members_only
def objection_form(req: Request) -> Response:
    if look_for(req).has("form-iframe"):
        return _frame_shell(req)
    return form_page(req, _prefilled(req))


@router.route("GET", FRAME)
@members_only
def objection_form_frame(req: Request) -> Response:
    return form_page(req, _prefilled(req), framed=True)


def _problem(values: dict[str, str], h: Hooks) -> str:
    """What keeps the form from being sent, naming the fields; empty when nothing does."""
    missing = [h.look.t(key) for name, key, _ in TEXT_FIELDS if not values[name]]
    if values["email"] and "@" not in values["email"]:
        missing.append(h.look.t("email"))
    if not values["request_type"]:
        missing.append(h.look.t("request_type"))
    elif values["request_type"] != "objection":
        return ONLY_OBJECTIONS
    elif values["objection_type"] not in OBJECTION_TYPES:
        missing.append(h.look.t("objection_type"))
    return f"Please complete: {', '.join(missing)}." if missing else ""


@router.route("POST", FORM + "/submit")
@members_only
def objection_submit(req: Request) -> Response:
    framed = req.query.get("frame") == "1"
    if not csrf_ok(req, req.field("csrfToken")):
        body = '<main><h1>Your session changed</h1><p>Reload the form and try again.</p></main>'
        return html("Data Processing Objection Form | LinkedIn Help", body, status=403)
    names = ("firstname", "lastname", "email", "request_type", "objection_type", "addl_info")
    values = {name: req.field(name).strip() for name in names}
    problem = _problem(values, hooks_for(req))
    if problem:
        return form_page(req, values, problem, framed=framed)
    objection = req.store.record_objection(req.member or "", values["objection_type"])
    return Response.redirect(f"{FORM}/confirmation?case={quote(objection.case_id)}" + ("&frame=1" if framed else ""))


@router.route("GET", FORM + "/confirmation")
@members_only
def confirmation(req: Request) -> Response:
    case_id = req.query.get("case", "")
    if not any(o.case_id == case_id for o in req.store.member(req.member or "").objections):
        return not_found()
    h = hooks_for(req)
    framed = req.query.get("frame") == "1"
    body = f"""<main>
<h1>{h.t('thanks')}</h1>
<p>{h.t('case_number_is')} <span id="{h.id('case-number')}">{attr(case_id)}</span>.</p>
<p class="muted">{h.t('confirmation_sent')}
<a href="/help/linkedin/cases"{' target="_top"' if framed else ''}>{h.t('see_cases')}</a></p>
</main>"""
    return html(f"{h.look.t('thanks')} | LinkedIn Help", body, hooks=h, member=not framed, framed=framed)


def _case_item(h: Hooks, objection: Objection) -> str:
    case_id = f'<span class="{h.cls("case-id")}">{attr(objection.case_id)}</span>'
    subject = f'<span class="{h.cls("case-subject")}">{h.t("objection_" + objection.type)}</span>'
    date = (f'<span class="{h.cls("case-date")} muted">'
            f'<time datetime="{objection.submitted_at}">{objection.submitted_at[:10]}</time></span>')
    inner = (f'<div class="{h.cls("case__id")}">{case_id}</div><div class="{h.cls("case__body")}">{subject} {date}'
             "</div>" if h.restyled else f"{case_id} {subject} {date}")
    return (f'<li class="{h.cls("case")}" data-{h.name("case-id")}="{attr(objection.case_id)}" '
            f'data-{h.name("case-type")}="{attr(objection.type)}">{inner}</li>')


@router.route("GET", "/help/linkedin/cases")
@members_only
def cases(req: Request) -> Response:
    h = hooks_for(req)
    objections = req.store.member(req.member or "").objections
    items = "".join(_case_item(h, o) for o in objections)
    listing = (f'<ul id="{h.id("cases")}" class="plain">{items}</ul>' if objections
               else f'<p id="{h.id("no-cases")}">{h.t("no_cases")}</p>')
    body = f"<main><h1>{h.t('cases_title')}</h1>\n{listing}\n</main>"
    return html(f"{h.look.t('cases_title')} | LinkedIn Help", body, hooks=h, member=True)

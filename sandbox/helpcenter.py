"""The Help Center: the Data Processing Objection Form (TS-DPRO), its confirmation, and the member's cases."""

from __future__ import annotations

from urllib.parse import quote

from sandbox import scripts
from sandbox.auth import csrf_ok, hooks_for, members_only
from sandbox.layout import Hooks, attr, html, json_script, not_found
from sandbox.router import Request, Response, Router
from sandbox.state import OBJECTION_TYPES

router = Router()

FORM = "/help/linkedin/ask/TS-DPRO"
TEXT_FIELDS = (("firstname", "First name", ""), ("lastname", "Last name", ""), ("email", "Email", "email"))
REQUEST_TYPES = {
    "access": "Access request",
    "objection": "Objection or restriction request",
    "correction": "Correction request",
}
REQUEST_TYPE_LABEL = "What would you like to do?"
OBJECTION_TYPE_LABEL = "Type of objection"
ONLY_OBJECTIONS = "This form takes objections only: choose \u201cObjection or restriction request\u201d."


def _options(choices: dict[str, str], chosen: str) -> str:
    items = [("", "Select an option"), *choices.items()]
    return "".join(
        f'<option value="{attr(v)}"{" selected" if v == chosen else ""}>{attr(text)}</option>'
        for v, text in items
    )


def _field(h: Hooks, name: str, label: str, control: str) -> str:
    return f'<div class="form-field"><label for="{h.id("dyna-" + name)}">{label}</label>{control}</div>\n'


def form_page(req: Request, values: dict[str, str], error: str = "") -> Response:
    h = hooks_for(req)
    session = req.store.session(req.cookies.get("li_at"))
    fields = "".join(
        _field(h, name, label, f'<input id="{h.id("dyna-" + name)}" name="{h.name(name)}"'
               + (f' type="{kind}"' if kind else "") + f' value="{attr(values.get(name, ""))}">')
        for name, label, kind in TEXT_FIELDS
    )
    request_type = _field(h, "request_type", REQUEST_TYPE_LABEL,
                          f'<select id="{h.id("dyna-request_type")}" name="{h.name("request_type")}">'
                          f'{_options(REQUEST_TYPES, values.get("request_type", ""))}</select>')
    objection_type = _field(h, "objection_type", OBJECTION_TYPE_LABEL,
                            f'<select id="{h.id("dyna-objection_type")}" name="{h.name("objection_type")}">'
                            f"{_options(OBJECTION_TYPES, '')}</select>")
    details = _field(h, "addl_info", "Additional information (optional)",
                     f'<textarea id="{h.id("dyna-addl_info")}" name="{h.name("addl_info")}">'
                     f'{attr(values.get("addl_info", ""))}</textarea>')
    alert = f'<div id="{h.id("dynaform-error")}" role="alert">{attr(error)}</div>\n' if error else ""
    body = f"""<main>
<h1>Data Processing Objection Form</h1>
<p class="muted">Object to or ask us to restrict how LinkedIn processes your personal data.</p>
{alert}<form id="{h.id('dynaform')}" action="{FORM}/submit" method="post">
<input type="hidden" name="{h.name('csrfToken')}" value="{attr(session.jsessionid if session else '')}">
{fields}{request_type}<template data-field="objection_type">{objection_type}</template>
{details}<button id="{h.id('dynaform-submit')}" type="submit">Submit</button>
</form>
</main>"""
    config = {"requestTypeId": h.id("dyna-request_type"), "objectionType": values.get("objection_type", "")}
    tail = json_script("form-config", config) + f"<script>{scripts.OBJECTION_FORM}</script>\n"
    return html("Data Processing Objection Form | LinkedIn Help", body, hooks=h, member=True, tail=tail)


@router.route("GET", FORM)
@members_only
def objection_form(req: Request) -> Response:
    spec = req.store.member(req.member or "").spec
    first, _, last = spec.display_name.partition(" ")
    return form_page(req, {"firstname": first, "lastname": last, "email": spec.email})


def _problem(values: dict[str, str]) -> str:
    """What keeps the form from being sent, naming the fields; empty when nothing does."""
    missing = [label for name, label, _ in TEXT_FIELDS if not values[name]]
    if values["email"] and "@" not in values["email"]:
        missing.append("Email")
    if not values["request_type"]:
        missing.append(REQUEST_TYPE_LABEL)
    elif values["request_type"] != "objection":
        return ONLY_OBJECTIONS
    elif values["objection_type"] not in OBJECTION_TYPES:
        missing.append(OBJECTION_TYPE_LABEL)
    return f"Please complete: {', '.join(missing)}." if missing else ""


@router.route("POST", FORM + "/submit")
@members_only
def objection_submit(req: Request) -> Response:
    if not csrf_ok(req, req.field("csrfToken")):
        body = '<main><h1>Your session changed</h1><p>Reload the form and try again.</p></main>'
        return html("Data Processing Objection Form | LinkedIn Help", body, status=403)
    names = ("firstname", "lastname", "email", "request_type", "objection_type", "addl_info")
    values = {name: req.field(name).strip() for name in names}
    problem = _problem(values)
    if problem:
        return form_page(req, values, problem)
    objection = req.store.record_objection(req.member or "", values["objection_type"])
    return Response.redirect(f"{FORM}/confirmation?case={quote(objection.case_id)}")


@router.route("GET", FORM + "/confirmation")
@members_only
def confirmation(req: Request) -> Response:
    case_id = req.query.get("case", "")
    if not any(o.case_id == case_id for o in req.store.member(req.member or "").objections):
        return not_found()
    h = hooks_for(req)
    body = f"""<main>
<h1>Thanks for contacting us</h1>
<p>Your case number is <span id="{h.id('case-number')}">{attr(case_id)}</span>.</p>
<p class="muted">We've sent a confirmation to your email address.
<a href="/help/linkedin/cases">See your cases</a></p>
</main>"""
    return html("Thanks for contacting us | LinkedIn Help", body, hooks=h, member=True)


@router.route("GET", "/help/linkedin/cases")
@members_only
def cases(req: Request) -> Response:
    h = hooks_for(req)
    objections = req.store.member(req.member or "").objections
    items = "".join(
        f'<li class="{h.cls("case")}" data-{h.name("case-id")}="{attr(o.case_id)}" '
        f'data-{h.name("case-type")}="{attr(o.type)}">'
        f'<span class="{h.cls("case-id")}">{attr(o.case_id)}</span> '
        f'<span class="{h.cls("case-subject")}">{attr(o.label)}</span> '
        f'<span class="{h.cls("case-date")} muted">'
        f'<time datetime="{o.submitted_at}">{o.submitted_at[:10]}</time></span></li>'
        for o in objections
    )
    listing = (f'<ul id="{h.id("cases")}" class="plain">{items}</ul>' if objections
               else f'<p id="{h.id("no-cases")}">You have no cases.</p>')
    body = f"<main><h1>Your cases</h1>\n{listing}\n</main>"
    return html("Your cases | LinkedIn Help", body, hooks=h, member=True)

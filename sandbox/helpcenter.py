"""The Help Center: the Data Processing Objection Form (TS-DPRO), its confirmation, and the member's cases."""

from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup

from sandbox import cases, forms, scripts
from sandbox.auth import csrf_ok, hooks_for, look_for, members_only
from sandbox.layout import body, html, json_script, not_found
from sandbox.router import Request, Response, Router
from sandbox.state import Objection

router = Router()

FORM = "/help/linkedin/ask/TS-DPRO"
FRAME = FORM + "/frame"


def form_page(req: Request, values: dict[str, str], error: str = "", framed: bool = False) -> Response:
    """The form in the member's drawn shape; `framed`: the bare document the form-iframe variant loads into its
    iframe."""
    h = hooks_for(req)
    session = req.store.session(req.cookies.get("li_at"))
    fields = forms.fields_for(h)
    ask = h.draw.form_shape == "ask"
    email = req.store.member(req.member or "").spec.email
    error_id = h.id("dynaform-error") if error else ""  # ids in the order generated ids have always been numbered
    csrf_name = h.name("csrfToken") if h.changed else "csrfToken"  # a draw renames the fields a person fills only
    submit_id, form_id = h.id("dynaform-submit"), h.id("dynaform")
    page = body("objection-form.html.j2", h, ask=ask, error=error, error_id=error_id, form_id=form_id,
                action=f"{FORM}/submit" + ("?frame=1" if framed else ""), csrf_name=csrf_name,
                csrf=session.jsessionid if session else "", email=email, rows=Markup(forms.rows(h, fields, values)),
                submit_id=submit_id)
    trigger, dependent = forms.trigger(fields)
    trigger_id = forms.field_id(h, trigger)
    if forms.listbox(h):
        trigger_id = h.id(f"dyna-{trigger.name}-value")
    config = {"triggerId": trigger_id, "triggerValue": "objection", "field": dependent.name,
              "preset": values.get(dependent.name, "")}
    tail = (f"<script>{scripts.LISTBOX}</script>\n" if forms.listbox(h) else "") + json_script("form-config", config)
    tail += f"<script>{scripts.OBJECTION_FORM}</script>\n"
    title = f"{h.look.t('form_title')} | LinkedIn Help"
    return html(title, page, hooks=h, member=not framed, framed=framed, tail=tail)


def _frame_shell(req: Request) -> Response:
    """The form-iframe variant: the Help Center page only holds the form's iframe."""
    h = hooks_for(req)
    page = body("form-frame.html.j2", h, src=FRAME)
    return html(f"{h.look.t('form_title')} | LinkedIn Help", page, hooks=h, member=True)


def _prefilled(req: Request) -> dict[str, str]:
    return forms.prefilled(req.store.member(req.member or "").spec, hooks_for(req))


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


@router.route("POST", FORM + "/submit")
@members_only
def objection_submit(req: Request) -> Response:
    framed = req.query.get("frame") == "1"
    if not csrf_ok(req, req.field("csrfToken")):
        changed = '<main><h1>Your session changed</h1><p>Reload the form and try again.</p></main>'
        return html("Data Processing Objection Form | LinkedIn Help", changed, status=403)
    h = hooks_for(req)
    spec = req.store.member(req.member or "").spec
    fields = forms.fields_for(h)
    values = forms.posted(req, h, fields)
    problem = forms.problem(h, fields, values, spec)
    if problem:
        return form_page(req, values, problem, framed=framed)
    kind = values.get("objection_type") or values["subcategory"]
    objection = req.store.record_objection(req.member or "", kind)
    return Response.redirect(f"{FORM}/confirmation?case={quote(objection.case_id)}" + ("&frame=1" if framed else ""))


def _own_case(req: Request, case_id: str) -> Objection | None:
    return next((o for o in req.store.member(req.member or "").objections if o.case_id == case_id), None)


@router.route("GET", FORM + "/confirmation")
@members_only
def confirmation(req: Request) -> Response:
    case_id = req.query.get("case", "")
    if _own_case(req, case_id) is None:
        return not_found()
    h = hooks_for(req)
    framed = req.query.get("frame") == "1"
    return html(f"{h.look.t('thanks')} | LinkedIn Help", cases.confirmation(h, case_id, framed), hooks=h,
                member=not framed, framed=framed)


@router.route("GET", cases.CASES)
@members_only
def case_list(req: Request) -> Response:
    h = hooks_for(req)
    listing = cases.listing(h, req.store.member(req.member or "").objections)
    main = f"<main><h1>{h.t('cases_title')}</h1>\n{listing}\n</main>"
    return html(f"{h.look.t('cases_title')} | LinkedIn Help", main, hooks=h, member=True)


@router.route("GET", cases.CASES + "/<case_id>")
@members_only
def case_page(req: Request) -> Response:
    """One case (the confirmation's "View case" link and the links draw of the list lead here)."""
    objection = _own_case(req, req.params["case_id"])
    if objection is None:
        return not_found()
    h = hooks_for(req)
    return html(f"{h.look.t('cases_title')} | LinkedIn Help", cases.detail(h, objection), hooks=h, member=True)

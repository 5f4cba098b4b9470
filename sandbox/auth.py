"""Login, its challenges and the remember-me prompt; the guards for pages and APIs that need a member."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple
from urllib.parse import quote, urlsplit

from sandbox import i18n, scripts
from sandbox.layout import Hooks, body, html, json_script
from sandbox.look import CONSENT_COOKIE, LANG_COOKIE, Look, lang_cookie
from sandbox.router import Handler, Request, Response, Router, login_redirect
from sandbox.state import LOGIN_SUBMIT, Challenge, Session, member_draw, member_language

router = Router()

YEAR_S = 365 * 24 * 3600
UNKNOWN_EMAIL = "Couldn't find a LinkedIn account associated with this email. Try again."
WRONG_PASSWORD = "That's not the right password. Try again or sign in with a one-time link."
NO_EMAIL = "Please enter an email address or phone number."
WRONG_CODE = "The verification code you entered isn't valid. Please check the code and try again."
REMEMBER_ME = "/checkpoint/lg/remember-me"



class PinForm(NamedTuple):
    form_id: str
    input_id: str
    button_id: str
    heading: str
    hint: str


PIN_FORMS = {
    "email-pin": PinForm("email-pin-challenge", "input__email_verification_pin", "email-pin-submit-button",
                  "Let's do a quick verification", "We sent a verification code to your email address."),
    "sms-pin": PinForm("sms-pin-challenge", "input__phone_verification_pin", "sms-pin-submit-button",
                "Let's do a quick verification", "We sent a verification code to your phone number."),
    "totp": PinForm("app-challenge", "input__authenticator_pin", "app-challenge-submit-button",
             "Verify it's you", "Enter the 6-digit code from your authenticator app."),
}
_LANG_IN_COOKIE = re.compile(r"lang=([a-z]{2})")


def look_for(req: Request) -> Look:
    """Global variants plus the member's; language: the member's (its spec's, else drawn), else the `lang` cookie
    (guests), else global. Guests get no draw: the login page does not know who is coming."""
    variants, language = req.store.look()
    found = _LANG_IN_COOKIE.search(req.cookies.get(LANG_COOKIE, ""))
    if req.member is not None:
        spec = req.store.member(req.member).spec
        chosen = member_draw(req.store, req.member)
        return Look(variants | frozenset(spec.variants), member_language(req.store, req.member) or language,
                    CONSENT_COOKIE in req.cookies, chosen)
    if found and found.group(1) in i18n.LANGUAGES:
        language = found.group(1)
    return Look(variants, language, CONSENT_COOKIE in req.cookies)


def hooks_for(req: Request, login_form: bool = False) -> Hooks:
    """How this request's page renders: the changed-markup fault, the variants and the language that apply."""
    look = look_for(req)
    me = None
    if req.member is not None:
        name = req.store.member(req.member).spec.display_name
        me = (name, f"/in/{look.draw.profile_slug(name)}/")
    return Hooks(req.fault("changed-markup") is not None, look, login_form and look.has("generated-ids"), me)


def safe_target(req: Request, value: str) -> str:
    """A `session_redirect` that stays on this site (a path, or a URL of this host); else the feed."""
    parts = urlsplit(value)
    if parts.netloc and parts.netloc != req.header("host"):
        return "/feed/"
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if not path.startswith("/") or path.startswith(("//", "/\\")):
        return "/feed/"
    return path


# ---- guards ---------------------------------------------------------------------------------------


def members_only(handler: Handler) -> Handler:
    """A page for members: counts a page request on the session; everyone else goes to the login page."""

    @functools.wraps(handler)
    def guarded(req: Request) -> Response:
        session = req.store.session(req.cookies.get("li_at"), page=True)
        if session is None:
            return login_redirect(req.target if req.method == "GET" else _referring_page(req))
        req.member = session.email
        if req.method == "GET":
            req.store.count_page_load(session.email, req.path)
        response = handler(req)
        if req.cookies.get("JSESSIONID", "").strip('"') != session.jsessionid:
            _set_jsessionid(response, session)  # e.g. a browser that got only li_at (cookie login)
        return response

    return guarded


def members_api(handler: Handler) -> Handler:
    """An API for members: 401 JSON without a live session (APIs never redirect)."""

    @functools.wraps(handler)
    def guarded(req: Request) -> Response:
        session = req.store.session(req.cookies.get("li_at"))
        if session is None:
            return Response.json({"status": 401, "message": "Sign in to continue"}, 401)
        req.member = session.email
        return handler(req)

    return guarded


def csrf_ok(req: Request, token: str | None) -> bool:
    session = req.store.session(req.cookies.get("li_at"))
    return bool(session and token and token.strip('"') == session.jsessionid)


def _referring_page(req: Request) -> str:
    referer = urlsplit(req.header("referer") or "")
    return referer.path if referer.netloc == req.header("host") and referer.path else "/feed/"


def _set_jsessionid(response: Response, session: Session) -> None:
    response.set_cookie("JSESSIONID", f'"{session.jsessionid}"', max_age=YEAR_S)


def complete_login(req: Request, email: str, target: str) -> Response:
    """A successful login: new session cookies, then the remember-me prompt or the target page."""
    session = req.store.open_session(email)
    if req.store.member(email).spec.remember_me_prompt:
        target = f"{REMEMBER_ME}?session_redirect={quote(target, safe='')}"
    response = Response.redirect(target)
    response.set_cookie("li_at", session.li_at, http_only=True, max_age=YEAR_S)
    _set_jsessionid(response, session)
    language = member_language(req.store, email)
    if language:  # LinkedIn remembers a member's UI language in a cookie; the next login page uses it
        response.set_cookie(LANG_COOKIE, lang_cookie(language), max_age=YEAR_S)
    return response


# ---- login ----------------------------------------------------------------------------------------


def login_page(req: Request, target: str, email: str = "", *, email_error: str = "", password_error: str = "",
               ) -> Response:
    h = hooks_for(req, login_form=True)
    page = body("login.html.j2", h, action=LOGIN_SUBMIT, target=target, email=email, email_error=email_error,
                password_error=password_error)
    return html(f"LinkedIn Login, {h.look.t('sign_in')} | LinkedIn", page, hooks=h)


@router.route("GET", "/login")
def login(req: Request) -> Response:
    target = safe_target(req, req.query.get("session_redirect", ""))
    signed_in = req.store.session(req.cookies.get("li_at")) is not None
    if signed_in and not look_for(req).has("login-form-when-signed-in"):
        return Response.redirect(target, status=302)
    return login_page(req, target)


@router.route("POST", LOGIN_SUBMIT)
def login_submit(req: Request) -> Response:
    email, password = req.field("session_key").strip(), req.field("session_password")
    target = safe_target(req, req.field("session_redirect"))
    if not email:
        return login_page(req, target, email_error=NO_EMAIL)
    outcome = req.store.attempt_login(email, password)
    if outcome == "unknown":
        return login_page(req, target, email, email_error=UNKNOWN_EMAIL)
    if outcome == "wrong-password":
        return login_page(req, target, email, password_error=WRONG_PASSWORD)
    if outcome == "locked":
        return Response.redirect("/checkpoint/challenge/restricted")
    if outcome == "challenge":
        return Response.redirect(f"/checkpoint/challenge/{req.store.start_challenge(email, target)}")
    return complete_login(req, email, target)


@router.route("GET", REMEMBER_ME)
def remember_me(req: Request) -> Response:
    target = safe_target(req, req.query.get("session_redirect", ""))
    h = hooks_for(req)
    page = body("remember-me.html.j2", h, action=REMEMBER_ME, target=target)
    return html("Remember me | LinkedIn", page, hooks=h)


@router.route("POST", REMEMBER_ME)
def remember_me_submit(req: Request) -> Response:
    return Response.redirect(safe_target(req, req.field("session_redirect")))


# ---- challenges -----------------------------------------------------------------------------------


@router.route("GET", "/checkpoint/challenge/restricted")
def restricted(req: Request) -> Response:
    h = hooks_for(req)
    return html("Account restricted | LinkedIn", body("restricted.html.j2", h), hooks=h)


@router.route("GET", "/checkpoint/challenge/<token>")
def challenge(req: Request) -> Response:
    found = req.store.challenge(req.params["token"])
    if found is None:
        return login_redirect("/feed/")
    if found.kind == "captcha" and found.solved:
        return _pass_challenge(req, req.params["token"])
    return challenge_page(req, found)


@router.route("POST", "/checkpoint/challenge/<token>")
def challenge_submit(req: Request) -> Response:
    token = req.params["token"]
    found = req.store.challenge(token)
    if found is None:
        return login_redirect("/feed/")
    if found.kind == "captcha":
        return challenge(req)
    if req.store.check_code(token, req.field("pin")):
        return _pass_challenge(req, token)
    return challenge_page(req, found, error=WRONG_CODE)


def _pass_challenge(req: Request, token: str) -> Response:
    passed = req.store.end_challenge(token)
    if passed is None:
        return login_redirect("/feed/")
    return complete_login(req, passed.email, passed.target)


def challenge_page(req: Request, found: Challenge, error: str = "") -> Response:
    h = hooks_for(req)
    token = req.params["token"]
    if found.kind == "captcha":
        tail = json_script("captcha-config", {"status": f"/checkpoint/challenge/{token}/status"})
        tail += f"<script>{scripts.CAPTCHA_POLL}</script>"
        return html("Security Verification | LinkedIn", body("challenge-captcha.html.j2", h), hooks=h, tail=tail)
    if found.kind == "unknown":
        return html("Security Verification | LinkedIn", body("challenge-unknown.html.j2", h), hooks=h)
    page = body("challenge-pin.html.j2", h, form=PIN_FORMS[found.kind], token=token, error=error,
                one_time=found.kind == "totp")
    return html("Security Verification | LinkedIn", page, hooks=h)


@router.route("GET", "/checkpoint/challenge/<token>/status")
def captcha_status(req: Request) -> Response:
    found = req.store.challenge(req.params["token"])
    return Response.json({"solved": bool(found and found.solved), "pending": found is not None})


@router.route("POST", "/checkpoint/challenge/<token>/solve")
def captcha_solve(req: Request) -> Response:
    """The captcha frame's "I'm not a robot" button (a person in a headed browser)."""
    return Response.json({"solved": req.store.solve_captcha(token=req.params["token"])})


@router.route("GET", "/checkpoint/captcha-frame")
def captcha_frame(req: Request) -> Response:
    tail = f"<script>{scripts.CAPTCHA_FRAME}</script>"
    return html("Captcha | LinkedIn", body("captcha-frame.html.j2", Hooks()), tail=tail)

"""`/__sandbox__/...`: what tests (and people trying the sandbox) use to set it up and look inside."""

from __future__ import annotations

from typing import Any

from sandbox.draws import as_dict
from sandbox.faults import Fault
from sandbox.i18n import LANGUAGES
from sandbox.router import Request, Response, Router
from sandbox.state import AccountExists, AccountSpec, Store, member_draw, member_language
from sandbox.variants import HANDOFF_VARIANTS, VARIANTS

router = Router()


def _body(req: Request) -> Any:
    try:
        return req.json()
    except ValueError as err:
        raise ValueError(f"the body is not JSON: {err}") from err


def _bad(message: str) -> Response:
    return Response.json({"error": message}, 400)


@router.route("POST", "/__sandbox__/accounts")
def add_account(req: Request) -> Response:
    try:
        spec = AccountSpec.from_dict(_body(req))
        req.store.add_account(spec)
    except AccountExists as err:
        return Response.json({"error": str(err)}, 409)
    except (ValueError, TypeError) as err:
        return _bad(str(err))
    return Response.json({"email": spec.email}, 201)


@router.route("GET", "/__sandbox__/state")
def state(req: Request) -> Response:
    return Response.json(req.store.snapshot())


@router.route("GET", "/__sandbox__/faults")
def faults(req: Request) -> Response:
    return Response.json(req.faults.active())


@router.route("POST", "/__sandbox__/faults")
def add_fault(req: Request) -> Response:
    try:
        fault = Fault.from_dict(_body(req))
    except (ValueError, TypeError) as err:
        return _bad(str(err))
    req.faults.add(fault)
    return Response.json(fault.to_dict(), 201)


@router.route("DELETE", "/__sandbox__/faults")
def clear_faults(req: Request) -> Response:
    req.faults.clear()
    return Response(204)


@router.route("GET", "/__sandbox__/variants")
def variants(req: Request) -> Response:
    chosen, language = req.store.look()
    return Response.json({"variants": sorted(chosen), "language": language, "known": VARIANTS,
                          "handoff": HANDOFF_VARIANTS, "languages": list(LANGUAGES)})


@router.route("POST", "/__sandbox__/variants")
def set_variants(req: Request) -> Response:
    """Variants and language for every page (accounts may add their own); replaces the previous choice."""
    try:
        body = _body(req)
        if not isinstance(body, dict) or set(body) - {"variants", "language"}:
            raise ValueError('send {"variants": [...], "language": "en"}')
        req.store.set_look(tuple(body.get("variants", ())), body.get("language", "en"))
    except (ValueError, TypeError) as err:
        return _bad(str(err))
    return variants(req)


@router.route("DELETE", "/__sandbox__/variants")
def clear_variants(req: Request) -> Response:
    req.store.set_look((), "en")
    return Response(204)


@router.route("POST", "/__sandbox__/solve-captcha")
def solve_captcha(req: Request) -> Response:
    """A person solved the captcha: the waiting captcha page completes the login on its next poll or load."""
    try:
        email = _body(req)["email"]
    except (ValueError, KeyError, TypeError):
        return _bad('send {"email": "..."}')
    if not isinstance(email, str):
        return _bad("email must be a string")
    solved = req.store.solve_captcha(email=email)
    if not solved:
        return Response.json({"error": f"no captcha is waiting for {email}"}, 404)
    return Response.json({"solved": solved})


def session_cookies(store: Store, email: str) -> dict[str, str]:
    """A new live session's cookies, as the browser holds them (JSESSIONID with its quotes); KeyError if unknown."""
    if not store.known(email):
        raise KeyError(email)
    session = store.open_session(email, login=False)
    return {"li_at": session.li_at, "JSESSIONID": f'"{session.jsessionid}"'}


def draw_document(store: Store, email: str) -> dict[str, Any]:
    """The member's draw and the language its pages use; KeyError if unknown."""
    if not store.known(email):
        raise KeyError(email)
    spec = store.member(email).spec
    return {"email": spec.email, "seed": spec.seed if spec.seed is not None else store.seed,
            "language": member_language(store, email), "draw": as_dict(member_draw(store, email))}


@router.route("POST", "/__sandbox__/session")
def open_session(req: Request) -> Response:
    """A live session for a member without a login (tests hand one member's cookie to another's run)."""
    try:
        email = _body(req)["email"]
    except (ValueError, KeyError, TypeError):
        return _bad('send {"email": "..."}')
    if not isinstance(email, str):
        return _bad("email must be a string")
    if not req.store.known(email):
        return Response.json({"error": f"no account {email}"}, 404)
    return Response.json(session_cookies(req.store, email))


@router.route("GET", "/__sandbox__/draw")
def show_draw(req: Request) -> Response:
    try:
        return Response.json(draw_document(req.store, req.query.get("email", "")))
    except KeyError:
        return Response.json({"error": "send ?email=<a member's address>"}, 404)

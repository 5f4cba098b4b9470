"""`/__sandbox__/...`: what tests (and people trying the sandbox) use to set it up and look inside."""

from __future__ import annotations

from typing import Any

from sandbox.faults import Fault
from sandbox.i18n import LANGUAGES
from sandbox.look import VARIANTS
from sandbox.router import Request, Response, Router
from sandbox.state import AccountExists, AccountSpec

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
                          "languages": list(LANGUAGES)})


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

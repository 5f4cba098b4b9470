"""The feed, the data-privacy category and the setting pages with their background API."""

from __future__ import annotations

from dataclasses import dataclass

from sandbox import scripts
from sandbox.auth import csrf_ok, hooks_for, members_api, members_only
from sandbox.layout import attr, html, json_script, not_found
from sandbox.router import Request, Response, Router
from sandbox.state import SETTINGS, Member

router = Router()

SETTINGS_API = "/mypreferences/api/settings/"


@dataclass(frozen=True)
class SettingPage:
    title: str
    question: str
    label_id: str
    label: str


PAGES = {
    "data-for-ai-improvement": SettingPage(
        "Data for Generative AI Improvement",
        "Can LinkedIn use your personal data and content you create on LinkedIn to train generative AI "
        "models that create content?",
        "allowDataForGenerativeAI",
        "Use my data for training content creation AI models",
    ),
    "share-data-with-select-partners": SettingPage(
        "Share data with affiliates and select partners",
        "Can LinkedIn share your personal data with its affiliates and select partners, such as Microsoft, "
        "to show you more relevant ads?",
        "shareDataWithTrustedPartners",
        "Share my data with affiliates and select partners",
    ),
}


def _value(member: Member, slug: str) -> bool:
    return bool(getattr(member, SETTINGS[slug]))


def _applies(member: Member, slug: str) -> bool:
    return slug != "share-data-with-select-partners" or member.spec.partner_sharing_offered


def note_save_received(req: Request) -> None:
    """Counts a setting save from a member in `setting_saves`, before any fault decides what happens to it."""
    if req.method == "POST" and req.path.startswith(SETTINGS_API):
        session = req.store.session(req.cookies.get("li_at"))
        if session is not None:
            req.store.count_save(session.email)


@router.route("GET", "/")
def home(req: Request) -> Response:
    return Response.redirect("/feed/", status=302)


@router.route("GET", "/feed/")
@members_only
def feed(req: Request) -> Response:
    member = req.store.member(req.member or "")
    h = hooks_for(req)
    body = f"""<main>
<div class="{h.cls('feed-identity-module')}"><h2>{attr(member.spec.display_name)}</h2>
<p class="muted">Welcome back</p></div>
<section aria-label="Feed"><p class="muted">No new posts. Check back later.</p></section>
</main>"""
    return html("Feed | LinkedIn", body, hooks=h, member=True)


@router.route("GET", "/mypreferences/d/categories/privacy")
@members_only
def privacy(req: Request) -> Response:
    member = req.store.member(req.member or "")
    rows = "".join(
        f'<li><a href="/mypreferences/d/settings/{slug}">{attr(page.title)}</a> '
        f'<span class="muted">{"On" if _value(member, slug) else "Off"}</span></li>'
        for slug, page in PAGES.items() if _applies(member, slug)
    )
    body = (f'<main><h1>Data privacy</h1><p class="muted">How LinkedIn uses your data</p>'
            f'<ul class="plain">{rows}</ul></main>')
    return html("Data privacy | LinkedIn", body, hooks=hooks_for(req), member=True)


@router.route("GET", "/mypreferences/d/settings/<slug>")
@members_only
def setting(req: Request) -> Response:
    slug = req.params["slug"]
    if slug not in PAGES:
        return not_found()
    page, h = PAGES[slug], hooks_for(req)
    late = req.fault("late-render")
    config = {
        "api": SETTINGS_API + slug,
        "appId": h.id("app"),
        "title": page.title,
        "question": page.question,
        "label": page.label,
        "labelId": h.id(page.label_id),
        "notApplicableId": h.id("setting-not-applicable"),
        "cls": {
            "toggle": f"{h.cls('artdeco-toggle')} toggle",
            "button": h.cls("artdeco-toggle__button"),
            "text": h.cls("artdeco-toggle__text"),
            "toast": f"{h.cls('artdeco-toast')} toast",
        },
        "lateRenderMs": late.ms if late else 0,
        "stale": req.fault("stale") is not None,
    }
    tail = json_script("app-config", config) + f"<script>{scripts.SETTING_APP}</script>\n"
    body = f'<main><div id="{h.id("app")}" aria-live="polite"></div></main>'
    return html(f"{page.title} | LinkedIn", body, hooks=h, member=True, tail=tail)


@router.route("GET", SETTINGS_API + "<slug>")
@members_api
def setting_state(req: Request) -> Response:
    slug = req.params["slug"]
    if slug not in PAGES:
        return Response.json({"status": 404, "message": "No such setting"}, 404)
    member = req.store.member(req.member or "")
    return Response.json({"slug": slug, "value": _value(member, slug), "applicable": _applies(member, slug)})


@router.route("POST", SETTINGS_API + "<slug>")
@members_api
def setting_save(req: Request) -> Response:
    slug = req.params["slug"]
    if slug not in PAGES:
        return Response.json({"status": 404, "message": "No such setting"}, 404)
    if not csrf_ok(req, req.header("csrf-token")):
        return Response.json({"status": 403, "message": "CSRF check failed"}, 403)
    try:
        value = req.json()["value"]
    except (ValueError, KeyError, TypeError):
        value = None
    if not isinstance(value, bool):
        return Response.json({"status": 400, "message": 'Send {"value": true|false}'}, 400)
    member = req.store.member(req.member or "")
    if not _applies(member, slug):
        return Response.json({"status": 409, "message": "This setting doesn't apply in your region"}, 409)
    if req.fault("lost-save") is None:
        req.store.set_setting(member.spec.email, slug, value)
    return Response.json({"slug": slug, "value": value, "applicable": True})

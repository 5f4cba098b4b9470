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
    key: str  # its texts: <key>_title, <key>_question, <key>_label (sandbox/i18n.py)
    label_id: str


PAGES = {
    "data-for-ai-improvement": SettingPage("genai", "allowDataForGenerativeAI"),
    "share-data-with-select-partners": SettingPage("partners", "shareDataWithTrustedPartners"),
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
<div class="{h.cls('feed-identity-module', stable=True)}"><h2>{attr(member.spec.display_name)}</h2>
<p class="muted">Welcome back</p></div>
<section aria-label="Feed"><p class="muted">No new posts. Check back later.</p></section>
</main>"""
    return html("Feed | LinkedIn", body, hooks=h, member=True)


@router.route("GET", "/mypreferences/d/categories/privacy")
@members_only
def privacy(req: Request) -> Response:
    member, h = req.store.member(req.member or ""), hooks_for(req)
    rows = "".join(
        f'<li><a href="/mypreferences/d/settings/{slug}">{h.t(page.key + "_title")}</a> '
        f'<span class="muted">{h.t("on" if _value(member, slug) else "off")}</span></li>'
        for slug, page in PAGES.items() if _applies(member, slug)
    )
    body = (f'<main><h1>{h.t("privacy_title")}</h1><p class="muted">{h.t("privacy_intro")}</p>'
            f'<ul class="plain">{rows}</ul></main>')
    return html(f"{h.look.t('privacy_title')} | LinkedIn", body, hooks=h, member=True)


@router.route("GET", "/mypreferences/d/settings/<slug>")
@members_only
def setting(req: Request) -> Response:
    slug = req.params["slug"]
    if slug not in PAGES:
        return not_found()
    page, h = PAGES[slug], hooks_for(req)
    late = req.fault("late-render")
    look = h.look
    config = {
        "api": SETTINGS_API + slug,
        "appId": h.id("app"),
        "title": look.t(page.key + "_title"),
        "question": look.t(page.key + "_question"),
        "label": look.t(page.key + "_label"),
        "labelId": h.id(page.label_id),
        "notApplicableId": h.id("setting-not-applicable"),
        "texts": {"on": look.t("on"), "off": look.t("off"), "notApplicable": look.t("not_applicable"),
                  "saveFailed": look.t("save_failed")},
        "cls": {
            "toggle": f"{h.cls('artdeco-toggle')} toggle",
            "button": h.cls("artdeco-toggle__button"),
            "text": h.cls("artdeco-toggle__text"),
            "toast": f"{h.cls('artdeco-toast')} toast",
            "control": h.cls("artdeco-toggle__control"),
        },
        "ariaLabel": look.has("aria-label-switch"),
        "nested": h.restyled,
        "lateRenderMs": late.ms if late else 0,
        "stale": req.fault("stale") is not None,
    }
    tail = json_script("app-config", config) + f"<script>{scripts.SETTING_APP}</script>\n"
    body = f'<main><div id="{h.id("app")}" aria-live="polite"></div></main>'
    return html(f"{config['title']} | LinkedIn", body, hooks=h, member=True, tail=tail)


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

"""The feed, the settings home and categories, and the setting pages with their background API."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from sandbox import scripts
from sandbox.auth import csrf_ok, hooks_for, members_api, members_only
from sandbox.layout import Hooks, attr, body, html, json_script, not_found
from sandbox.router import Request, Response, Router
from sandbox.state import SETTINGS, Member, TableSetting, member_draw

router = Router()
late_router = Router()  # after every other router: /mypreferences/d/<page> must not hide the fixed pages

SETTINGS_API = "/mypreferences/api/settings/"


@dataclass(frozen=True)
class SettingPage:
    key: str  # its texts: <key>_title, <key>_question, <key>_label (sandbox/i18n.py)
    label_id: str


PAGES = {
    "data-for-ai-improvement": SettingPage("genai", "allowDataForGenerativeAI"),
    "share-data-with-select-partners": SettingPage("partners", "shareDataWithTrustedPartners"),
}
# category -> its settings. Under a seed the partner setting lives under Advertising data only, as on LinkedIn.
CATEGORIES = {"privacy": ("data-for-ai-improvement", "share-data-with-select-partners"),
              "ads": ("share-data-with-select-partners",)}
SEEDED_CATEGORIES = {"privacy": ("data-for-ai-improvement",), "ads": ("share-data-with-select-partners",)}
EMAILS_PAGE = "/mypreferences/d/manage-email-addresses"


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


def _name_on_feed(h: Hooks, name: str) -> str:
    """Where the feed's identity card shows the name (under a seed: a heading, a link, a span, or only the Me
    menu's title or photo alt text)."""
    where = h.draw.feed_name
    profile = h.me[1] if h.me else "/feed/"
    return {"h2": f"<h2>{attr(name)}</h2>", "h1": f"<h1>{attr(name)}</h1>",
            "a": f'<a href="{attr(profile)}">{attr(name)}</a>',
            "span": f'<span class="{h.cls("identity-card__name")}">{attr(name)}</span>'}.get(where, "")


@router.route("GET", "/feed/")
@members_only
def feed(req: Request) -> Response:
    member = req.store.member(req.member or "")
    h = hooks_for(req)
    card = h.wrap(f'{_name_on_feed(h, member.spec.display_name)}\n<p class="muted">Welcome back</p>', "identity")
    return html("Feed | LinkedIn", body("feed.html.j2", h, card=Markup(card)), hooks=h, member=True)


def _links(h: Hooks, items: list[tuple[str, str, str]]) -> str:
    """A list of links (href, text, note), in the draw's classes and wrappers (today's plain list without a seed)."""
    seeded = h.draw.seed is not None
    rows = "".join(f"<li>{h.wrap(f'<a href={_q(href)}>{text}</a> ', 'link')}{note}</li>" for href, text, note in items)
    return f'<ul class="{h.cls("plain") + " plain" if seeded else "plain"}">{rows}</ul>'


def _q(value: str) -> str:
    """An attribute value in quotes (for markup built inside f-strings)."""
    return f'"{attr(value)}"'


@router.route("GET", "/mypreferences/d")
@members_only
def settings_home(req: Request) -> Response:
    """The settings home: links to the categories (and the email addresses, where LinkedIn shows who is in)."""
    h = hooks_for(req)
    links = [(f"/mypreferences/d/categories/{name}", h.t(f"{name}_title"), "") for name in CATEGORIES]
    links.append((EMAILS_PAGE, h.t("emails_title"), ""))
    main = (f'<main><h1>{h.t("settings_title")}</h1><p class="muted">{h.t("settings_intro")}</p>'
            f"{_links(h, links)}</main>")
    return html(f"{h.look.t('settings_title')} | LinkedIn", main, hooks=h, member=True)


@router.route("GET", "/mypreferences/d/categories/<category>")
@members_only
def category(req: Request) -> Response:
    """A settings category: a link per setting that applies, titled as its page, to wherever the draw put it."""
    name = req.params["category"]
    if name not in CATEGORIES:
        return not_found()
    member, h = req.store.member(req.member or ""), hooks_for(req)
    slugs = (SEEDED_CATEGORIES if h.draw.seed is not None else CATEGORIES)[name]
    links = [(f"/mypreferences/d/settings/{h.draw.path(slug)}", h.t(PAGES[slug].key + "_title"),
              f'<span class="muted">{h.t("on" if _value(member, slug) else "off")}</span>')
             for slug in slugs if _applies(member, slug)]
    listed: set[str] = set()
    for setting in req.store.table().values():  # one link per page (linkedin-promotions has two switches)
        if name in setting.categories and setting.applies(member.spec.region) and setting.path not in listed:
            listed.add(setting.path)
            on = member.settings.get(setting.key, True)
            links.append((setting.path, attr(setting.text(setting.titles, h.look.language)),
                          f'<span class="muted">{h.t("on" if on else "off")}</span>'))
    main = (f'<main><h1>{h.t(name + "_title")}</h1><p class="muted">{h.t(name + "_intro")}</p>'
            f"{_links(h, links)}</main>")
    return html(f"{h.look.t(name + '_title')} | LinkedIn", main, hooks=h, member=True)


def _canonical(req: Request, path_slug: str) -> str | None:
    """The setting a path shows this member: none at a setting's known path when the draw moved it."""
    chosen = member_draw(req.store, req.member or "")
    return next((slug for slug in PAGES if chosen.path(slug) == path_slug), None)


def _shape(h: Hooks, slug: str) -> str:
    """How the switch is made (scripts.SETTING_APP): the hand-off and aria-label variants, else the draw's."""
    if slug == "data-for-ai-improvement" and h.look.has("hidden-switch"):
        return "hidden"
    return "aria-label" if h.look.has("aria-label-switch") else h.draw.switch


@router.route("GET", "/mypreferences/d/settings/<slug>")
@members_only
def setting(req: Request) -> Response:
    slug = _canonical(req, req.params["slug"])
    if slug is None:
        return _table_page(req, "/mypreferences/d/settings/" + req.params["slug"])
    page, h = PAGES[slug], hooks_for(req)
    look, shape = h.look, _shape(h, slug)
    config = _config(req, h, slug, look.t(page.key + "_title"), look.t(page.key + "_question"),
                     look.t(page.key + "_label"), h.id(f"{page.key}-switch-label" if shape == "other-id"
                                                       else page.label_id), shape)
    return _page(h, [config])


@late_router.route("GET", "/mypreferences/d/<page>")
@members_only
def top_level_setting(req: Request) -> Response:
    """A table setting outside settings/ (interest-categories, member-cookies)."""
    return _table_page(req, "/mypreferences/d/" + req.params["page"])


def _confirmed_id(h: Hooks, name: str) -> str:
    """A confirmed id (the table's switch hooks): renamed only by the changed-markup fault and generated ids."""
    return h.id(name) if h.changed or h.generated_ids else name


def _table_page(req: Request, path: str) -> Response:
    """The page of the table settings at `path`: one switch each, in one app each (same app as every setting)."""
    settings = [s for s in req.store.table().values() if s.path == path]
    if not settings:
        return not_found()
    h = hooks_for(req)
    language = h.look.language
    shape = "aria-label" if h.look.has("aria-label-switch") else h.draw.switch
    configs = []
    for n, setting in enumerate(settings):
        label_id = (h.id(f"{setting.key}-switch-label") if shape == "other-id" or not setting.label_id
                    else _confirmed_id(h, setting.label_id))
        config = _config(req, h, setting.key, setting.text(setting.titles, language) if n == 0 else "", "",
                         setting.text(setting.labels, language), label_id, shape, n)
        if setting.switch_id:
            config["switchId"] = _confirmed_id(h, setting.switch_id)
        configs.append(config)
    return _page(h, configs)


def _config(req: Request, h: Hooks, api: str, title: str, question: str, label: str, label_id: str, shape: str,
            n: int = 0) -> dict[str, object]:
    late = req.fault("late-render")
    look = h.look
    return {
        "api": SETTINGS_API + api,
        "appId": h.id("app" if n == 0 else f"app-{n + 1}"),
        "title": title,
        "question": question,
        "label": label,
        "labelId": label_id,
        "notApplicableId": h.id("setting-not-applicable"),
        "texts": {"on": look.t("on"), "off": look.t("off"), "notApplicable": look.t("not_applicable"),
                  "saveFailed": look.t("save_failed")},
        "cls": {
            "toggle": f"{h.cls('artdeco-toggle')} toggle",
            "button": h.cls("artdeco-toggle__button"),
            "text": h.cls("artdeco-toggle__text"),
            "toast": f"{h.cls('artdeco-toast')} toast",
            "control": h.cls("artdeco-toggle__control"),
            "hidden": f"{h.cls('setting-toggle')} switch-div",
        },
        "shape": shape,
        "nested": h.restyled,
        "lateRenderMs": late.ms if late else 0,
        "stale": req.fault("stale") is not None,
    }


def _page(h: Hooks, configs: list[dict[str, object]]) -> Response:
    """A setting page: one app per switch (the first one's title heads the page)."""
    tail = "".join(json_script("app-config" if n == 0 else f"app-config-{n + 1}", config)
                   for n, config in enumerate(configs)) + f"<script>{scripts.SETTING_APP}</script>\n"
    apps = "".join(f'<div id="{config["appId"]}" aria-live="polite"></div>' for config in configs)
    main = f"<main>{h.wrap(apps, 'app')}</main>"
    return html(f"{configs[0]['title']} | LinkedIn", main, hooks=h, member=True, tail=tail)


def _table_setting(req: Request, key: str) -> TableSetting | None:
    return req.store.table().get(key)


@router.route("GET", SETTINGS_API + "<slug>")
@members_api
def setting_state(req: Request) -> Response:
    slug = req.params["slug"]
    member = req.store.member(req.member or "")
    if (table := _table_setting(req, slug)) is not None:
        return Response.json({"slug": slug, "value": member.settings.get(slug, True),
                              "applicable": table.applies(member.spec.region)})
    if slug not in PAGES:
        return Response.json({"status": 404, "message": "No such setting"}, 404)
    return Response.json({"slug": slug, "value": _value(member, slug), "applicable": _applies(member, slug)})


@router.route("POST", SETTINGS_API + "<slug>")
@members_api
def setting_save(req: Request) -> Response:
    slug = req.params["slug"]
    table = _table_setting(req, slug)
    if slug not in PAGES and table is None:
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
    if not (table.applies(member.spec.region) if table else _applies(member, slug)):
        return Response.json({"status": 409, "message": "This setting doesn't apply in your region"}, 409)
    dropped = member_draw(req.store, member.spec.email).lost_save(slug) and req.store.drop_first_save(
        member.spec.email, slug)  # the draw's one save answered but not stored
    if req.fault("lost-save") is None and not dropped:
        req.store.set_setting(member.spec.email, slug, value)
    return Response.json({"slug": slug, "value": value, "applicable": True})

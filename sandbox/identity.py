"""Who is signed in: Settings > Email addresses (every address, the primary one marked) and the profile page.

The bot reads these after every login to make sure it acts for the right member, so their markup is drawn too.
"""

from __future__ import annotations

from sandbox.auth import hooks_for, members_only
from sandbox.layout import Hooks, attr, html, not_found
from sandbox.member import EMAILS_PAGE
from sandbox.router import Request, Response, Router

router = Router()


def _addresses(h: Hooks, emails: tuple[str, ...], mark_primary: bool) -> str:
    """Addresses as a list, a table or cards; `mark_primary` marks the first with a label or a badge."""
    def mark(index: int) -> str:
        if not mark_primary or index:
            return ""
        if h.draw.primary_mark == "badge":
            return f'<span class="{h.cls("badge")} badge">{h.t("primary")}</span>'
        return f'<span class="{h.cls("email-status")} muted">{h.t("primary_email")}</span>'

    address = [f'<span class="{h.cls("email-address")}">{attr(e)}</span>' for e in emails]
    if h.draw.emails_markup == "table":
        rows = "".join(f"<tr><td>{address[i]}</td><td>{mark(i)}</td></tr>" for i in range(len(emails)))
        return (f'<table class="{h.cls("email-table")}"><thead><tr><th>{h.t("email_col")}</th><th></th></tr>'
                f"</thead><tbody>{rows}</tbody></table>")
    if h.draw.emails_markup == "cards":
        return "".join(f'<div class="{h.cls("email-card")} card">{h.wrap(f"{address[i]} {mark(i)}", "card")}</div>'
                       for i in range(len(emails)))
    items = "".join(f"<li>{h.wrap(f'{address[i]} {mark(i)}', 'email')}</li>" for i in range(len(emails)))
    return f'<ul class="{h.cls("email-list")} plain">{items}</ul>'


@router.route("GET", EMAILS_PAGE)
@members_only
def email_addresses(req: Request) -> Response:
    spec, h = req.store.member(req.member or "").spec, hooks_for(req)
    if h.draw.primary_mark == "section":  # a section for the primary address, another for the rest
        listing = f'<section><h2>{h.t("primary_email")}</h2>{_addresses(h, spec.emails[:1], False)}</section>'
        if spec.other_emails:
            listing += f'<section><h2>{h.t("other_emails")}</h2>{_addresses(h, spec.other_emails, False)}</section>'
    else:
        listing = _addresses(h, spec.emails, True)
    who = (f'<p>{h.t("signed_in_as")} <strong>{attr(spec.display_name)}</strong></p>'
           if h.draw.name_on_email_page else "")
    body = (f'<main><h1>{h.t("emails_title")}</h1>{who}<p class="muted">{h.t("emails_intro")}</p>'
            f"{h.wrap(listing, 'emails')}</main>")
    return html(f"{h.look.t('emails_title')} | LinkedIn", body, hooks=h, member=True)


@router.route("GET", "/in/<slug>/")
@members_only
def profile(req: Request) -> Response:
    """The member's own profile (`/in/<slug>/`, linked from the Me menu); other members' profiles are not here."""
    spec, h = req.store.member(req.member or "").spec, hooks_for(req)
    if req.params["slug"] != h.draw.profile_slug(spec.display_name):
        return not_found()
    name = attr(spec.display_name)
    heading = {"h1": name, "h1-span": f'<span class="{h.cls("profile-name")}">{name}</span>',
               "h1-nested": f'<span class="{h.cls("profile-top")}"><span dir="ltr">{name}</span></span>'}
    body = (f'<main>{h.wrap(f"<h1>{heading[h.draw.profile_heading]}</h1>", "profile")}'
            f'<section><h2>{h.t("profile_about")}</h2><p class="muted">LinkedIn member</p></section></main>')
    return html(f"{spec.display_name} | LinkedIn", body, hooks=h, member=True)

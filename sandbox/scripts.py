"""The pages' scripts, in sandbox/static/*.js. Each reads its settings from a <script type="application/json">
block on the page. A page puts a script on lines of its own: `<script>` + the constant + `</script>`."""

from __future__ import annotations

from importlib.resources import files


def static(name: str) -> str:
    """The text of a file under sandbox/static/ (package data)."""
    return files("sandbox").joinpath("static", name).read_text(encoding="utf-8")


def _script(name: str) -> str:
    return "\n" + static(name)  # the line break after <script>


# The setting page app, one per switch on the page (each reads its app-config block): fetch the state, render the
# switch (late-render delays it; stale replaces it once, ~300 ms later), and save a click in the background with
# the csrf-token header, busy and disabled meanwhile.
SETTING_APP = _script("setting-app.js")

# The objection form: the dependent field ("Type of objection", or the ask shape's "Subcategory") exists only while
# "Objection or restriction request" is chosen in the field it depends on.
OBJECTION_FORM = _script("objection-form.js")

# Custom listboxes (the listbox variant): a button[aria-haspopup=listbox] opens its ul[role=listbox] (named by
# aria-controls); clicking an li[role=option] sets the hidden input named by the list's data-input, fires its
# change event, shows the choice on the button and closes the list. Event delegation: fields added later work too.
LISTBOX = _script("listbox.js")

# The cookie-consent banner: either button records the choice in the li_gc cookie and removes the overlay.
CONSENT = _script("consent.js")

# slow-render variant: the page's content waits in a <template> and is put in place later; the scripts in a
# template's cloned content run once, when the clone is inserted.
SLOW_RENDER = _script("slow-render.js")

# The captcha page polls until the captcha is solved (by the frame's button or by
# POST /__sandbox__/solve-captcha), then reloads: the reload completes the login.
CAPTCHA_POLL = _script("captcha-poll.js")

# The captcha frame's "I'm not a robot" button (a person in a headed browser).
CAPTCHA_FRAME = _script("captcha-frame.js")

"""The pages' scripts. Each reads its settings from a <script type="application/json"> block on the page."""

# The setting page app, one per switch on the page (each reads its app-config block): fetch the state, render the
# switch (late-render delays it; stale replaces it once,
# ~300 ms later), and save a click in the background with the csrf-token header, busy and disabled meanwhile.
SETTING_APP = r"""
document.querySelectorAll('script[type="application/json"][id^="app-config"]').forEach((node) => {
  "use strict";
  const cfg = JSON.parse(node.textContent);
  const app = document.getElementById(cfg.appId);
  let value = null, busy = false, sw = null, box = null;

  const el = (tag, attrs, text) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const csrfToken = () => {
    const m = document.cookie.match(/(?:^|;\s*)JSESSIONID=([^;]*)/);
    return m ? m[1].replace(/^"|"$/g, "") : "";
  };
  const toLogin = () => location.assign("/login?session_redirect=" + encodeURIComponent(location.pathname));

  // shape: how the switch is made and named. labelledby / other-id: an input[role=switch] named by the span its
  // aria-labelledby points at; aria-label: named by aria-label; label-wrap: inside a <label>; button: a
  // button[role=switch] with aria-checked; hidden: a plain clickable div (no role, aria-* or id).
  const shape = cfg.shape;
  const isInput = () => sw.tagName === "INPUT";

  function show() {
    if (isInput()) {
      sw.checked = value;
      sw.toggleAttribute("checked", value);
    }
    if (shape !== "hidden") {
      sw.setAttribute("aria-checked", String(value));
      sw.disabled = busy;
      if (busy) sw.setAttribute("aria-busy", "true"); else sw.removeAttribute("aria-busy");
    }
    box.querySelector("." + cfg.cls.text.split(" ")[0]).textContent = value ? cfg.texts.on : cfg.texts.off;
  }

  function makeSwitch() {
    const named = {"aria-label": {"aria-label": cfg.label}, "label-wrap": {}}[shape] ||
      {"aria-labelledby": cfg.labelId};
    if (shape === "button") return el("button", {type: "button", role: "switch", class: cfg.cls.button, ...named});
    const id = cfg.switchId ? {id: cfg.switchId} : {};
    return el("input", {type: "checkbox", role: "switch", class: cfg.cls.button, ...id, ...named});
  }

  function makeLabel() {
    if (shape === "aria-label") return el("span", {"aria-hidden": "true"}, cfg.label);
    if (shape === "label-wrap") return el("span", {}, cfg.label);
    return el("span", {id: cfg.labelId}, cfg.label);
  }

  // restyled variant: the switch comes first, nested, label after.
  function renderSwitch() {
    let fresh = el("div", {class: cfg.cls.toggle});
    if (shape === "hidden") {
      fresh = el("div", {class: cfg.cls.hidden, tabindex: "0"});
      fresh.append(el("span", {}, cfg.label), el("span", {class: cfg.cls.text}));
      sw = fresh;
      sw.addEventListener("click", () => save(!value));
      sw.addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") save(!value); });
    } else {
      const label = makeLabel();
      sw = makeSwitch();
      if (isInput()) sw.addEventListener("change", (event) => save(event.target.checked));
      else sw.addEventListener("click", () => save(!value));
      const labelled = shape === "label-wrap" ? el("label", {class: cfg.cls.control}) : null;
      if (labelled) labelled.append(label, sw);
      if (cfg.nested) {
        const control = el("div", {class: cfg.cls.control});
        control.append(el("div", {class: cfg.cls.control}), labelled || sw);
        control.firstChild.append(el("span", {class: cfg.cls.text}));
        const words = el("div", {class: cfg.cls.control});
        if (!labelled) words.append(label);
        fresh.append(control, words);
      } else if (labelled) {
        fresh.append(labelled, el("span", {class: cfg.cls.text}));
      } else {
        fresh.append(label, sw, el("span", {class: cfg.cls.text}));
      }
    }
    if (box) box.replaceWith(fresh); else app.append(fresh);
    box = fresh;
    show();
  }

  function toast(text) {
    document.querySelectorAll("[data-toast]").forEach((t) => t.remove());
    if (text) document.body.append(el("div", {role: "alert", class: cfg.cls.toast, "data-toast": ""}, text));
  }

  async function save(next) {
    if (busy) return;
    const old = value;
    busy = true; value = next; toast(""); show();
    try {
      const answer = await fetch(cfg.api, {
        method: "POST", credentials: "same-origin",
        headers: {"content-type": "application/json", "csrf-token": csrfToken()},
        body: JSON.stringify({value: next}),
      });
      if (answer.status === 401) return toLogin();
      if (!answer.ok) throw new Error("HTTP " + answer.status);
      value = (await answer.json()).value;
    } catch (err) {
      value = old;
      toast(cfg.texts.saveFailed);
    } finally {
      busy = false;
      show();
    }
  }

  function render(state) {
    if (cfg.title) app.append(el("h1", {}, cfg.title));
    if (!state.applicable) {
      app.append(el("p", {id: cfg.notApplicableId}, cfg.texts.notApplicable));
      return;
    }
    app.append(el("p", {}, cfg.question));
    value = state.value;
    renderSwitch();
    if (cfg.stale) setTimeout(renderSwitch, 300);
  }

  fetch(cfg.api, {credentials: "same-origin"})
    .then((answer) => {
      if (answer.status === 401) { toLogin(); throw new Error("signed out"); }
      if (!answer.ok) throw new Error("HTTP " + answer.status);
      return answer.json();
    })
    .then((state) => setTimeout(() => render(state), cfg.lateRenderMs))
    .catch(() => app.append(el("p", {role: "alert"}, "Something went wrong. Reload the page.")));
});
"""

# The objection form: the dependent field ("Type of objection", or the ask shape's "Subcategory") exists only while
# "Objection or restriction request" is chosen in the field it depends on.
OBJECTION_FORM = r"""
(() => {
  "use strict";
  const cfg = JSON.parse(document.getElementById("form-config").textContent);
  const trigger = document.getElementById(cfg.triggerId);
  const template = document.querySelector(`template[data-field="${cfg.field}"]`);
  let field = null;

  function preset(value) {  // a <select>, or a listbox's hidden input and its option
    const control = field.querySelector("select, input[type=hidden]");
    control.value = value;
    const option = field.querySelector(`[role=option][data-value="${value}"]`);
    if (option) window.chooseListboxOption(option);
  }

  function sync() {
    const wanted = trigger.value === cfg.triggerValue;
    if (wanted && !field) {
      field = template.content.firstElementChild.cloneNode(true);
      trigger.closest("[data-row]").after(field);
      if (cfg.preset) preset(cfg.preset);
    } else if (!wanted && field) {
      field.remove();
      field = null;
    }
  }
  trigger.addEventListener("change", sync);
  sync();
})();
"""

# Custom listboxes (the listbox variant): a button[aria-haspopup=listbox] opens its ul[role=listbox] (named by
# aria-controls); clicking an li[role=option] sets the hidden input named by the list's data-input, fires its
# change event, shows the choice on the button and closes the list. Event delegation: fields added later work too.
LISTBOX = r"""
(() => {
  "use strict";
  const listOf = (button) => document.getElementById(button.getAttribute("aria-controls"));
  const buttonOf = (list) => document.querySelector(`[aria-controls="${list.id}"]`);
  function setOpen(button, open) {
    button.setAttribute("aria-expanded", String(open));
    listOf(button).hidden = !open;
  }
  window.chooseListboxOption = (option) => {
    const list = option.closest("[role=listbox]");
    const button = buttonOf(list);
    list.querySelectorAll("[role=option]").forEach((o) => o.setAttribute("aria-selected", String(o === option)));
    button.querySelector("[data-choice]").textContent = option.textContent;
    setOpen(button, false);
    const input = document.getElementById(list.dataset.input);
    if (input.value !== option.dataset.value) {
      input.value = option.dataset.value;
      input.dispatchEvent(new Event("change", {bubbles: true}));
    }
  };
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[aria-haspopup=listbox]");
    if (button) return setOpen(button, button.getAttribute("aria-expanded") !== "true");
    const option = event.target.closest("[role=listbox] [role=option]");
    if (option) window.chooseListboxOption(option);
  });
})();
"""

# The cookie-consent banner: either button records the choice in the li_gc cookie and removes the overlay.
CONSENT = r"""
(() => {
  const box = document.getElementById("artdeco-global-alert-container");
  box.addEventListener("click", (event) => {
    const button = event.target.closest("button[action-type]");
    if (!button) return;
    const choice = button.getAttribute("action-type") === "ACCEPT" ? "accepted" : "denied";
    document.cookie = `li_gc=${choice}; path=/; max-age=31536000; samesite=lax`;
    box.remove();
  });
})();
"""

# slow-render variant: the page's content waits in a <template> and is put in place later; the scripts in a
# template's cloned content run once, when the clone is inserted.
SLOW_RENDER = r"""
(() => {
  const cfg = JSON.parse(document.getElementById("slow-render-config").textContent);
  const template = document.getElementById("slow-render");
  setTimeout(() => template.replaceWith(template.content.cloneNode(true)), cfg.ms);
})();
"""

# The captcha page polls until the captcha is solved (by the frame's button or by
# POST /__sandbox__/solve-captcha), then reloads: the reload completes the login.
CAPTCHA_POLL = r"""
(() => {
  const cfg = JSON.parse(document.getElementById("captcha-config").textContent);
  const poll = () => fetch(cfg.status, {credentials: "same-origin"})
    .then((answer) => answer.json())
    .then((state) => state.solved ? location.reload() : setTimeout(poll, 500))
    .catch(() => setTimeout(poll, 1000));
  setTimeout(poll, 500);
})();
"""

CAPTCHA_FRAME = r"""
document.getElementById("captcha-solve").addEventListener("click", (event) => {
  event.target.disabled = true;
  fetch(parent.location.pathname + "/solve", {method: "POST", credentials: "same-origin"});
});
"""

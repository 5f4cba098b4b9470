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

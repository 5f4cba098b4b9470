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

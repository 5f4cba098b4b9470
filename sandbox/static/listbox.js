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

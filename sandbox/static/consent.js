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

(() => {
  const cfg = JSON.parse(document.getElementById("captcha-config").textContent);
  const poll = () => fetch(cfg.status, {credentials: "same-origin"})
    .then((answer) => answer.json())
    .then((state) => state.solved ? location.reload() : setTimeout(poll, 500))
    .catch(() => setTimeout(poll, 1000));
  setTimeout(poll, 500);
})();

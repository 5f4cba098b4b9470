(() => {
  const cfg = JSON.parse(document.getElementById("slow-render-config").textContent);
  const template = document.getElementById("slow-render");
  setTimeout(() => template.replaceWith(template.content.cloneNode(true)), cfg.ms);
})();

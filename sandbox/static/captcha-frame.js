document.getElementById("captcha-solve").addEventListener("click", (event) => {
  event.target.disabled = true;
  fetch(parent.location.pathname + "/solve", {method: "POST", credentials: "same-origin"});
});

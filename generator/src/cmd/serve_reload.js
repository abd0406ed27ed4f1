// Live reload for `explor serve` (never part of the published site): reloads the page after a
// successful rebuild and shows the build error, as text, when a rebuild fails.
(() => {
  "use strict";
  const box = document.createElement("div");
  box.setAttribute("role", "alert");
  box.hidden = true;
  // CSSOM properties, not a style attribute: the pages' Content-Security-Policy allows these.
  Object.assign(box.style, {
    position: "sticky", top: "0", zIndex: "1000", padding: "1rem", margin: "0",
    background: "#fff4f4", color: "#5c0000", borderBottom: "4px solid #a30000",
  });
  const title = document.createElement("strong");
  title.textContent = "Erreur de construction : la page affichée est la dernière version correcte.";
  const text = document.createElement("pre");
  text.style.whiteSpace = "pre-wrap";
  box.append(title, text);
  document.body.prepend(box);

  const show = (status) => {
    box.hidden = !status.error;
    text.textContent = status.error || "";
  };
  fetch("/__explor/status").then((r) => r.json()).then(show).catch(() => {});
  const events = new EventSource("/__explor/events");
  events.addEventListener("build", (event) => {
    const status = JSON.parse(event.data);
    if (status.error) show(status);
    else location.reload();
  });
})();

// Hop's progressive enhancements. Every page works without this file; with it:
// - a button with data-copy="ID" copies the value (or text) of the element with that id;
// - a form with data-confirm="question" asks before it submits (the server asks again when it matters).
// Loaded with defer from the layout; no inline script anywhere, so the CSP needs only script-src 'self'.
(() => {
  "use strict";

  const announce = (button, text) => {
    const label = button.dataset.label ?? button.textContent;
    button.dataset.label = label;
    button.textContent = text;
    setTimeout(() => { button.textContent = label; }, 1600);
  };

  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.hidden = false;
    button.addEventListener("click", async (event) => {
      event.preventDefault();
      const source = document.getElementById(button.dataset.copy);
      if (!source) return;
      const text = "value" in source ? source.value : source.textContent;
      try {
        await navigator.clipboard.writeText(text.trim());
        announce(button, "Copied");
      } catch {
        if ("select" in source) source.select();
        announce(button, "Press Ctrl+C");
      }
    });
  }

  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }
})();

// Live statistics for a link's stats panel (Pages/Stats/LinkStatsPanel.razor). The panel is complete
// without this file; with it, the panel listens to the link's server-sent events (the stats API's
// /stats/live, with the session cookie) and after each batch of new visits fetches its own HTML again
// (/links/{id}/stats-panel with the same query) and swaps in the new #stats-body, keeping open tables
// open and focus where it was. A short status line (role="status", polite) says what changed.
// Loaded with defer; no inline script anywhere, so the CSP needs only script-src and connect-src 'self'.
(() => {
  "use strict";

  const panel = document.querySelector("[data-stats-live]");
  if (!panel || !("EventSource" in window) || !panel.dataset.feed || !panel.dataset.panel) return;

  const status = panel.querySelector("[data-live-status]");
  const say = (text) => { if (status) status.textContent = text; };
  const url = new URL(panel.dataset.panel, location.href);

  // Without a zone in the address, the browser's own is the better default (when the form offers it).
  const zones = panel.querySelector("[data-stats-tz]");
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  let zoneChanged = false;
  if (zones && browserZone && !new URL(location.href).searchParams.has("tz")
      && browserZone !== zones.value && [...zones.options].some((o) => o.value === browserZone)) {
    zones.value = browserZone;
    url.searchParams.set("tz", browserZone);
    zoneChanged = true;
  }

  let fetching = false;
  let again = false;
  let unseen = 0;

  const swap = async () => {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html").getElementById("stats-body");
    const current = document.getElementById("stats-body");
    if (!fresh || !current) throw new Error("The statistics are not in the answer.");

    const open = [...current.querySelectorAll("details[open][id]")].map((d) => d.id);
    const focused = document.activeElement && current.contains(document.activeElement)
      ? document.activeElement.closest("[id]")?.id : null;
    current.replaceWith(document.adoptNode(fresh));
    for (const id of open) document.getElementById(id)?.setAttribute("open", "");
    if (focused) {
      const target = document.getElementById(focused);
      (target?.matches("details") ? target.querySelector("summary") : target)?.focus({ preventScroll: true });
    }
  };

  const refresh = async () => {
    if (fetching) { again = true; return; }
    fetching = true;
    try {
      const visits = unseen;
      unseen = 0;
      await swap();
      panel.dataset.liveUpdated = String(Number(panel.dataset.liveUpdated ?? "0") + 1);
      if (visits > 0) {
        const time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
        say(`Updated at ${time}: ${visits} new ${visits === 1 ? "visit" : "visits"}.`);
      }
    } catch {
      say("Live updates paused; reload the page for the latest numbers.");
    } finally {
      fetching = false;
      if (again) { again = false; refresh(); }
    }
  };

  const source = new EventSource(panel.dataset.feed, { withCredentials: true });
  let first = true;
  source.addEventListener("message", (event) => {
    if (first) {
      // The first message is the link's all-time totals: it says the feed is open. Fetching once now
      // also covers a batch that landed between the page's rendering and the subscription.
      first = false;
      panel.dataset.liveState = "open";
      say("Live: new visits appear here as they are counted.");
      refresh();
      return;
    }
    try { unseen += Number(JSON.parse(event.data).total) || 0; } catch { /* counted on the next swap anyway */ }
    refresh();
  });
  source.addEventListener("error", () => {
    if (source.readyState === EventSource.CLOSED) {
      panel.dataset.liveState = "closed";
      say("Live updates stopped; reload the page for the latest numbers.");
    }
  });
  window.addEventListener("pagehide", () => source.close());
  if (zoneChanged) refresh();
})();

"""The live-reload script `serve` adds to the HTML it serves (never written into build/)."""

#: Served at /__sitegen__/live.js; its <script> tag carries data-page, data-base, data-generation, data-instance.
LIVE_JS = r"""(() => {
  "use strict";
  const me = document.currentScript;
  const page = me.dataset.page;            // this page's output path, or "*" for a stand-in page
  const base = me.dataset.base;            // the path the site is served under, e.g. "/" or "/repo/"
  const instance = me.dataset.instance;    // changes when the server restarts
  let generation = Number(me.dataset.generation);
  const OVERLAY = "sitegen-error-overlay";
  const state = window.__sitegen = {page, generation, events: 0, cssSwaps: 0, connected: false};

  function outputPath(url) {
    let u;
    try { u = new URL(url, location.href); } catch (e) { return null; }
    if (u.origin !== location.origin) return null;
    let path;
    try { path = decodeURIComponent(u.pathname); } catch (e) { return null; }
    if (!path.startsWith(base)) return null;
    path = path.slice(base.length);
    return path === "" || path.endsWith("/") ? path + "index.html" : path;
  }

  function resourcesUsed() {
    const used = new Set();
    const attrs = [["img", "src"], ["script", "src"], ["link", "href"], ["source", "src"], ["object", "data"],
                   ["embed", "src"], ["iframe", "src"], ["video", "poster"], ["image", "href"], ["use", "href"]];
    for (const [tag, attr] of attrs) {
      for (const el of document.querySelectorAll(tag + "[" + attr + "]")) {
        if (tag === "link" && /\bstylesheet\b/i.test(el.rel)) continue;
        const p = outputPath(el.getAttribute(attr));
        if (p) used.add(p);
      }
    }
    return used;
  }

  function swapStylesheets() {
    for (const link of document.querySelectorAll('link[rel~="stylesheet"][href]')) {
      if (link.dataset.sitegenOld) continue;
      const next = link.cloneNode();
      const u = new URL(link.href, location.href);
      u.searchParams.set("sitegen", String(generation));
      next.href = u.href;
      link.dataset.sitegenOld = "1";
      next.addEventListener("load", () => link.remove());
      next.addEventListener("error", () => link.remove());
      link.after(next);
    }
    state.cssSwaps += 1;
  }

  // The overlay sits at the bottom of the window, never over the page's heading, and the page gets room below
  // its end so that nothing stays hidden under it; its close button puts the page back as it was.
  function showOverlay(lines) {
    let box = document.getElementById(OVERLAY);
    if (!box) {
      box = document.createElement("div");
      box.id = OVERLAY;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;z-index:2147483647;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;" +
        "margin:0;padding:1rem 3.5rem 1rem 1.25rem;background:#fff4f4;color:#5a0000;border-top:3px solid #b00020;" +
        "font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 -2px 12px rgba(0,0,0,.25)";
      document.body.appendChild(box);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.className = "sitegen-overlay-close";
    close.setAttribute("aria-label", "Close this message");
    close.textContent = "\u00d7";
    close.style.cssText = "position:absolute;top:.5rem;right:.75rem;font:24px/1 sans-serif;padding:.1rem .5rem;" +
      "cursor:pointer;background:#fff;color:#5a0000;border:1px solid #b00020;border-radius:4px";
    close.addEventListener("click", hideOverlay);
    const title = document.createElement("strong");
    title.textContent = "sitegen: the last rebuild failed; this is the last good build.";
    const list = document.createElement("pre");
    list.style.cssText = "margin:.5rem 0 0;white-space:pre-wrap;font:inherit";
    list.textContent = lines.join("\n");
    box.replaceChildren(close, title, list);
    document.body.style.paddingBottom = box.offsetHeight + "px";
  }

  function hideOverlay() {
    const box = document.getElementById(OVERLAY);
    if (box) { box.remove(); document.body.style.paddingBottom = ""; }
  }

  function onChange(data) {
    generation = state.generation = data.generation;
    hideOverlay();
    const changed = data.changed.concat(data.removed);
    if (page === "*" || changed.includes(page)) { location.reload(); return; }
    const used = resourcesUsed();
    if (changed.some((p) => used.has(p))) { location.reload(); return; }
    if (changed.some((p) => p.endsWith(".css"))) swapStylesheets();
  }

  let source = null;
  function connect() {
    const url = "/__sitegen__/events?page=" + encodeURIComponent(page) + "&generation=" + generation;
    source = new EventSource(url);
    source.addEventListener("open", () => { state.connected = true; });
    source.addEventListener("hello", (e) => {
      const data = JSON.parse(e.data);
      if (data.instance !== instance) { location.reload(); return; }
      if (!data.error) hideOverlay();
    });
    source.addEventListener("change", (e) => { state.events += 1; onChange(JSON.parse(e.data)); });
    source.addEventListener("failed", (e) => { state.events += 1; showOverlay(JSON.parse(e.data).lines); });
    source.addEventListener("error", () => {   // the connection dropped: reconnect, asking for what we missed
      state.connected = false;
      source.close();
      setTimeout(connect, 1000);
    });
  }
  connect();
  window.addEventListener("pagehide", () => source && source.close());
})();
"""

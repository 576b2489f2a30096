// search.html: the Pagefind UI over the index in pagefind/, with result links under whatever path the site is
// served from (search.html sits at the site's root), and the query of the header's search box (?q=) run at once.
(function () {
  "use strict";
  if (typeof PagefindUI === "undefined" || !document.getElementById("search")) return;
  var root = new URL(".", window.location.href).pathname;
  var ui = new PagefindUI({
    element: "#search", baseUrl: root, bundlePath: root + "pagefind/",
    showImages: false, showSubResults: true, resetStyles: false,
  });
  document.getElementById("search-fallback").hidden = true;
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();

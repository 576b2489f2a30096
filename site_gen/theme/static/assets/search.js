// search.html: the Pagefind UI over the index in pagefind/, with result links under whatever path the site is
// served from (search.html sits at the site's root), and the query of the header's search box (?q=) run at once.
// A big site's index is in shards: pagefind/ and the bundles pagefind/sitegen-shards.json lists ("shard-N/"),
// merged into it; without that list (or with an empty one) the UI searches pagefind/ alone.
(function () {
  "use strict";
  if (typeof PagefindUI === "undefined" || !document.getElementById("search")) return;
  var root = new URL(".", window.location.href).pathname;
  var bundle = root + "pagefind/";

  function start(shards) {
    var ui = new PagefindUI({
      element: "#search", baseUrl: root, bundlePath: bundle,
      mergeIndex: shards.map(function (shard) { return { bundlePath: bundle + shard }; }),
      showImages: false, showSubResults: true, resetStyles: false,
    });
    document.getElementById("search-fallback").hidden = true;
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  }

  function shardsOf(list) {
    return Array.isArray(list) ? list.filter(function (shard) {
      return typeof shard === "string" && /^shard-[0-9]+\/$/.test(shard);
    }) : [];
  }

  fetch(bundle + "sitegen-shards.json")
    .then(function (response) { return response.ok ? response.json() : []; })
    .catch(function () { return []; })
    .then(function (list) { start(shardsOf(list)); });
})();

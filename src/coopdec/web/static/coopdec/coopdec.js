/* coopdec: the little the pages need beyond the DSFR and htmx. Loaded as a file (strict CSP). */
(function () {
  "use strict";

  // Type-ahead: the down arrow moves from the search box into the proposed filters,
  // up/down walk through them, Escape goes back to the box and closes the list.
  document.addEventListener("keydown", function (event) {
    var box = document.getElementById("q");
    var list = document.getElementById("suggestions");
    if (!box || !list) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("a"));
    var index = items.indexOf(document.activeElement);
    if (event.target === box && event.key === "ArrowDown" && items.length) {
      items[0].focus();
      event.preventDefault();
    } else if (index >= 0 && event.key === "ArrowDown") {
      items[Math.min(index + 1, items.length - 1)].focus();
      event.preventDefault();
    } else if (index >= 0 && event.key === "ArrowUp") {
      (index === 0 ? box : items[index - 1]).focus();
      event.preventDefault();
    } else if ((index >= 0 || event.target === box) && event.key === "Escape") {
      list.innerHTML = "";
      box.focus();
    }
  });

  // Back/forward: the results must be those of the URL shown. htmx reloads on a history miss,
  // but a traversal that lands before the scripts of a freshly loaded page have run is seen by
  // nobody; so compare the query the server rendered with the address bar, and reload once.
  function sortedQuery(search) {
    var pairs = [];
    new URLSearchParams(search).forEach(function (value, key) { pairs.push(key + "=" + value); });
    return pairs.sort().join("&");
  }
  function reloadIfStale() {
    var results = document.getElementById("catalogue-results");
    if (!results || !results.hasAttribute("data-query")) return;
    var shown = sortedQuery(results.getAttribute("data-query"));
    var wanted = sortedQuery(window.location.search);
    if (shown === wanted) return;
    var key = "coopdec-reloaded";
    if (window.sessionStorage.getItem(key) === window.location.href) return;  // never loop
    window.sessionStorage.setItem(key, window.location.href);
    window.location.reload();
  }
  window.addEventListener("popstate", function () { window.setTimeout(reloadIfStale, 50); });
  reloadIfStale();

  // After a page change, bring keyboard and screen-reader users to the new results.
  document.addEventListener("htmx:afterSettle", function (event) {
    var source = event.detail && event.detail.requestConfig && event.detail.requestConfig.elt;
    if (source && source.closest && source.closest(".fr-pagination")) {
      var heading = document.getElementById("resultats");
      if (heading) {
        heading.focus();
        heading.scrollIntoView({ block: "start" });
      }
    }
  });
})();

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

  // The facet lists (country, département, region): the arrow keys browse a closed select and
  // fire "change" at every step, which the form would apply at once (one filter per press).
  // A change made from the keyboard waits for an explicit action: Enter in the list, or the
  // "Appliquer les filtres" button. A choice made with the mouse still applies at once.
  var BROWSING_KEYS = ["ArrowDown", "ArrowUp", "PageDown", "PageUp", "Home", "End"];
  function facetSelect(target) {
    return target && target.tagName === "SELECT" && target.closest &&
      target.closest(".coopdec-facets") ? target : null;
  }
  document.addEventListener("keydown", function (event) {
    var select = facetSelect(event.target);
    if (!select) return;
    if (event.key === "Enter") {
      if (select.value && select.form) {
        event.preventDefault();
        select.form.requestSubmit();
      }
    } else if (BROWSING_KEYS.indexOf(event.key) >= 0 || event.key.length === 1) {
      select.setAttribute("data-browsing", "true");
    }
  }, true);
  document.addEventListener("change", function (event) {
    var select = facetSelect(event.target);
    if (select && select.getAttribute("data-browsing") === "true") {
      event.stopPropagation();  // the form's htmx trigger does not see it
    }
    // The search box applies itself as one types ("input" events). Its "change", fired when
    // it loses focus, sent the same search again, and a click on a link of the results
    // (a filter tag, a page) then aborted that request: two htmx errors in the console.
    if (event.target && event.target.id === "q" && event.target.form &&
        event.target.form.id === "catalogue") {
      event.stopPropagation();
    }
  }, true);
  document.addEventListener("mousedown", function (event) {
    var select = facetSelect(event.target);
    if (select) select.removeAttribute("data-browsing");
  }, true);

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

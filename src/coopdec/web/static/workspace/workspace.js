// Financing lines: show only the extra field the chosen source uses (the service of a
// "1 %", the programme, or the name of another funder). Without this script every field
// stays visible and the form works the same; a field that holds a value is never hidden.
(function () {
  "use strict";
  var EXTRA = { one_percent: "service", program: "program", other: "name" };
  var FIELDS = ["service", "program", "name"];

  function update(select) {
    var row = select.closest("[data-item]");
    if (!row) {
      return;
    }
    FIELDS.forEach(function (name) {
      var box = row.querySelector('[data-field="' + name + '"]');
      var input = box && box.querySelector("select, input");
      if (box) {
        box.hidden = EXTRA[select.value] !== name && !(input && input.value);
      }
    });
  }

  function init(root) {
    root.querySelectorAll("select[data-source]").forEach(update);
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[data-source]")) {
      update(event.target);
    }
  });
  // After an htmx swap the new rows need the same treatment.
  document.addEventListener("htmx:afterSettle", function (event) {
    init(event.target);
  });
  init(document);
})();

// An error summary (a refused import) takes the focus when the page opens, so a keyboard or
// screen-reader user lands on what went wrong instead of the top of a long page. The
// ``autofocus`` attribute does the same without this script in browsers that honour it.
(function () {
  "use strict";
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }
})();

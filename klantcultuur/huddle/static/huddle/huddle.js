// Dagstart: the wall screen refreshes its figures itself. Pages work without this file
// (the wall screen then reloads every five minutes through a <noscript> refresh).
(function () {
  "use strict";

  function busy(region) {
    // Never swap away what someone is typing or about to submit.
    var active = document.activeElement;
    if (active && region.contains(active) && active.matches("input, textarea, select")) {
      return true;
    }
    var fields = region.querySelectorAll("input[name=value]");
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value !== fields[i].defaultValue) {
        return true;
      }
    }
    return false;
  }

  function start() {
    var region = document.querySelector("[data-refresh-url]");
    if (!region || !window.htmx) {
      return;
    }
    var seconds = parseInt(region.getAttribute("data-refresh-seconds"), 10) || 60;
    window.setInterval(function () {
      var current = document.querySelector("[data-refresh-url]");
      if (!current || busy(current) || document.hidden) {
        return;
      }
      window.htmx.ajax("GET", current.getAttribute("data-refresh-url"), {
        target: "#" + current.id,
        swap: "outerHTML",
      });
    }, seconds * 1000);
  }

  document.addEventListener("DOMContentLoaded", start);
})();

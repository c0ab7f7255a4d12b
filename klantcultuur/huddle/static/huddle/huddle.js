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

  // The dagstart's fifteen minutes: a countdown the team starts; it survives a reload of
  // the page (the start moment is kept per board in sessionStorage).
  function timer() {
    var box = document.querySelector("[data-timer-seconds]");
    if (!box) {
      return;
    }
    var total = parseInt(box.getAttribute("data-timer-seconds"), 10) || 900;
    var display = box.querySelector("[data-timer-display]");
    var button = box.querySelector("[data-timer-start]");
    var key = "dagstart-timer:" + window.location.pathname;
    var tick = null;

    function show() {
      var started = parseInt(window.sessionStorage.getItem(key), 10);
      var left = started ? total - Math.floor((Date.now() - started) / 1000) : total;
      var shown = Math.max(left, 0);
      var minutes = Math.floor(shown / 60);
      var seconds = shown % 60;
      display.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      box.classList.toggle("timer--running", Boolean(started) && left > 0);
      box.classList.toggle("timer--late", Boolean(started) && left <= 120 && left > 0);
      box.classList.toggle("timer--over", Boolean(started) && left <= 0);
      button.textContent = button.getAttribute(started ? "data-label-stop" : "data-label-start");
    }

    button.addEventListener("click", function () {
      if (window.sessionStorage.getItem(key)) {
        window.sessionStorage.removeItem(key);
      } else {
        window.sessionStorage.setItem(key, String(Date.now()));
      }
      show();
    });
    show();
    tick = window.setInterval(show, 1000);
    return tick;
  }

  document.addEventListener("DOMContentLoaded", start);
  document.addEventListener("DOMContentLoaded", timer);
})();

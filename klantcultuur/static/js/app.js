// Klantcultuur: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Auto-submit selects marked data-autosubmit (the organisation switcher, language choice).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]") && target.form) {
      target.form.requestSubmit();
    }
  });
})();

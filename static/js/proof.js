// The proof asked past a connection's limit (templates/includes/proof.html).
// Runs after the widget's translations and before the widget itself: the widget's
// build for a strict CSP bundles no worker, so its algorithm is registered here, from
// the site's own static files. Once the widget has its proof, the form goes again: the
// supporter already pressed the button once.
(function () {
  "use strict";
  var widget = document.querySelector("altcha-widget");
  if (!widget || !globalThis.$altcha) {
    return;
  }
  var workerUrl = widget.dataset.worker;
  globalThis.$altcha.algorithms.set("PBKDF2/SHA-256", function () {
    return new Worker(workerUrl);
  });
  widget.addEventListener("verified", function () {
    var form = widget.closest("form");
    var status = form && form.querySelector(".proof-status");
    if (status) {
      status.hidden = false;
    }
    if (form) {
      form.requestSubmit();
    }
  });
})();

/*
 * A form returned with errors: move the focus to the summary of the errors, so that screen
 * readers announce it first. A static file, not an inline script: the page runs under a
 * Content-Security-Policy without 'unsafe-inline'. Loaded right after the summary, it runs
 * as soon as the summary is in the page.
 */
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();

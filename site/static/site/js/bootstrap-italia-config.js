/*
 * Settings Bootstrap Italia's bundle reads when it loads; this file must come before it.
 * A static file, not an inline script, so that pages run under a Content-Security-Policy
 * without 'unsafe-inline' (config/csp.py).
 * - __PUBLIC_PATH__: where the bundle finds its fonts (this script element's data attribute,
 *   the static URL of the fonts folder).
 * - VIDEOJS_NO_DYNAMIC_STYLE: the bundled video.js would otherwise add an inline <style>
 *   element for its default player size, which style-src 'self' blocks; the site has no
 *   video player, and Bootstrap Italia's stylesheet styles .video-js anyway.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (script && script.dataset.publicPath) {
    window.__PUBLIC_PATH__ = script.dataset.publicPath;
  }
  window.VIDEOJS_NO_DYNAMIC_STYLE = true;
})();

"""The Content-Security-Policy and Permissions-Policy of the site, built from the settings.

Why a module: the policy depends on one setting (the map's tile server, MAP_TILE_URL), the
admin needs a slightly wider policy than the public site, and both must be readable in one
place. ``config/settings/base.py`` calls these functions; ``core/security.py`` applies the
admin difference per request. No Django import here: the settings load it.

The public site runs no inline script and no inline style: everything is a static file
served from this server, so ``script-src`` and ``style-src`` are ``'self'``. The admin
(Wagtail) has a few inline ``<script>`` elements that get the request's nonce
(``core/security.py``), and inline ``style`` attributes in its templates and icons, hence
``'unsafe-inline'`` for styles only, and only under /admin/.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

# {s}, {z}... in a tile URL's host (https://{s}.tile.example.org/...) stand for any label.
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


def tile_source(tile_url: str) -> list[str]:
    """The CSP source of the tile server in ``tile_url``: ``https://tile.openstreetmap.org``.

    An empty URL (no tiles, markers on a blank map) gives no source. A placeholder in the
    host becomes a wildcard label (``https://*.tile.example.org``).
    """
    if not tile_url:
        return []
    parts = urlsplit(tile_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"MAP_TILE_URL={tile_url!r} is not an http(s) URL with a host name.")
    host = _PLACEHOLDER.sub("*", parts.netloc)
    if not re.fullmatch(r"(\*\.)?[A-Za-z0-9.-]+(:\d+)?", host):
        raise ValueError(f"MAP_TILE_URL={tile_url!r}: only a leading {{s}}-style label is supported in its host.")
    return [f"{parts.scheme}://{host}"]


def content_security_policy(*, tile_url: str) -> dict:
    """The value of django-csp's CONTENT_SECURITY_POLICY setting (public pages and the base of the admin)."""
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            # Scripts: static files only; the NONCE sentinel becomes 'nonce-…' only on the
            # responses that use it (the admin's inline scripts), and disappears elsewhere.
            "script-src": [SELF, NONCE],
            "style-src": [SELF],
            # data: the offline captcha's image, Bootstrap Italia's inline SVG icons in CSS.
            "img-src": [SELF, "data:", *tile_source(tile_url)],
            "font-src": [SELF, "data:"],  # Bootstrap Italia embeds one font in its CSS
            "media-src": [SELF, "data:"],  # the offline captcha's audio
            "connect-src": [SELF],
            "frame-src": [SELF],  # Wagtail's preview is a same-origin iframe
            "frame-ancestors": [NONE],
            "form-action": [SELF],
            "object-src": [NONE],
            "base-uri": [SELF],
        }
    }


# What the admin (/admin/) replaces in that policy, and why:
# - style-src 'unsafe-inline': checked in Chromium with style-src 'self': the page editor
#   (/admin/pages/<id>/edit/) breaks, as Wagtail's vendor.js inserts <style> elements with
#   run-time content (no stable hash), and admin templates use style="" attributes (Wagtail's
#   and the case page's). No nonce in style-src, or browsers would ignore 'unsafe-inline'.
#   Scripts keep the strict policy: inline styles cannot run code.
# - img-src blob:: Wagtail's image upload shows a preview of the chosen file before upload.
# - frame-ancestors 'self': the preview panel frames /admin/…/preview/ in the edit page.
ADMIN_POLICY_REPLACE = {
    "style-src": [SELF, UNSAFE_INLINE],
    "frame-ancestors": [SELF],
}
ADMIN_POLICY_UPDATE = {
    "img-src": ["blob:"],
}

# Permissions-Policy: the site uses no camera, microphone, location, payment or sensor.
# The browser refuses them to every page and every frame. Fullscreen stays allowed to the
# site itself (Wagtail's preview and video controls).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": "self",
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

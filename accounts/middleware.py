"""Sliding expiry of signed-in sessions at a bounded cost.

SESSION_COOKIE_AGE is the idle limit (STAFF_SESSION_IDLE_MINUTES). Saving the session on
every request (SESSION_SAVE_EVERY_REQUEST) would cost a database write per request; this
middleware renews a signed-in session at most once a minute instead, so an idle session
dies on the server between ``idle - 1`` and ``idle`` minutes after the last request.
"""

import time

from django.contrib.auth import SESSION_KEY

SEEN_KEY = "_accounts_seen"
RENEW_EVERY_SECONDS = 60


class SessionIdleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.modified and SESSION_KEY in session:
            now = int(time.time())
            if now - session.get(SEEN_KEY, 0) >= RENEW_EVERY_SECONDS:
                session[SEEN_KEY] = now  # marks the session modified: saved with a new expiry
        return response

"""Public pages of the referrer sign-in: ask for a link, open it, list and read one's referrals.

The rules (same answer for every address, single-use hashed tokens, a session of its own,
404 and audit for another referrer's referral) live in ``cases.referrer_access``; these
views only turn them into pages, in Italian and English like the rest of the public site.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases import referrer_access as access
from cases.selectors import referral_public_history
from forms.abuse import client_ip, over_limit

PAGE_SIZE = 20


class LinkRequestForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your work e-mail"),
        max_length=254,
        help_text=gettext_lazy("The address you wrote in the referral form as the referring worker's e-mail."),
        error_messages={
            "required": gettext_lazy("Type the e-mail address you use in your referrals."),
            "invalid": gettext_lazy("Type a complete e-mail address, for example name@comune.example.it."),
        },
    )


def _private(response):
    """Pages about one referrer's work: never cached, never indexed, never leaked in Referer."""
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _too_many(request, email: str) -> bool:
    window = settings.SIL_REFERRER_RATE_WINDOW
    by_address = over_limit(
        scope="referrer-ip",
        identifier=client_ip(request),
        limit=settings.SIL_REFERRER_LINKS_PER_ADDRESS,
        window=window,
    )
    by_email = over_limit(
        scope="referrer-email",
        identifier=access.normalise_email(email),
        limit=settings.SIL_REFERRER_LINKS_PER_EMAIL,
        window=window,
    )
    return by_address or by_email


@require_http_methods(["GET", "POST"])
def link_request(request):
    """Ask for a sign-in link. Every valid address gets the same answer, known or not."""
    if access.referrer_current(request) is not None and request.method == "GET":
        return redirect("cases_referrer_referrals")
    form = LinkRequestForm(request.POST or None)
    status, sent = 200, False
    if request.method == "POST" and form.is_valid():
        if _too_many(request, form.cleaned_data["email"]):
            status = 429
            form.add_error(
                None,
                _("Too many requests for a link. Wait %(minutes)s minutes and ask again.")
                % {"minutes": settings.SIL_REFERRER_RATE_WINDOW // 60},
            )
        else:
            access.referrer_sign_in_request(email=form.cleaned_data["email"], language=get_language() or "it")
            sent = True
    elif request.method == "POST":
        status = 400
    context = {"form": form, "sent": sent, "minutes": settings.SIL_REFERRER_LINK_MINUTES}
    return _private(TemplateResponse(request, "cases/referrer/link_request.html", context, status=status))


@require_http_methods(["GET", "POST"])
def sign_in(request, token: str):
    """Open the e-mailed link. GET only shows a button: mail scanners that fetch links must not use it up."""
    if request.method == "POST":
        address = client_ip(request)
        if access.bad_links_blocked(address=address):
            context = {"valid": False, "blocked": True, "minutes": settings.SIL_REFERRER_RATE_WINDOW // 60}
            return _private(TemplateResponse(request, "cases/referrer/sign_in.html", context, status=429))
        sign_in = access.referrer_sign_in_consume(token=token[:100])
        if sign_in is not None:
            response = redirect("cases_referrer_referrals")
            access.set_session_cookie(response, sign_in=sign_in)
            return _private(response)
        access.bad_link_record(address=address)
        status, valid = 400, False
    else:
        status, valid = 200, True
    context = {"valid": valid, "minutes": settings.SIL_REFERRER_LINK_MINUTES}
    return _private(TemplateResponse(request, "cases/referrer/sign_in.html", context, status=status))


def _signed_in_or_redirect(request):
    sign_in = access.referrer_current(request)
    if sign_in is None:
        response = redirect("cases_referrer_link")
        access.delete_session_cookie(response)
        return None, response
    return sign_in, None


def referral_list(request):
    """The referrals sent from the signed-in address, each with its steps."""
    sign_in, response = _signed_in_or_redirect(request)
    if response is not None:
        return response
    page = Paginator(access.referrals_for_referrer(email=sign_in.email), PAGE_SIZE).get_page(request.GET.get("p"))
    rows = [(referral, referral_public_history(referral=referral)) for referral in page.object_list]
    context = {"email": sign_in.email, "page_obj": page, "rows": rows}
    response = TemplateResponse(request, "cases/referrer/referral_list.html", context)
    access.set_session_cookie(response, sign_in=sign_in)  # renewed: the idle clock starts again
    return _private(response)


def referral_detail(request, reference: str):
    """One referral of the signed-in referrer; another referrer's is a 404 (and is logged)."""
    sign_in, response = _signed_in_or_redirect(request)
    if response is not None:
        return response
    referral = access.referral_for_referrer(email=sign_in.email, reference=reference[:40])
    context = {"email": sign_in.email, "referral": referral, "history": referral_public_history(referral=referral)}
    response = TemplateResponse(request, "cases/referrer/referral_detail.html", context)
    access.set_session_cookie(response, sign_in=sign_in)  # renewed: the idle clock starts again
    return _private(response)


@require_POST
def sign_out(request):
    sign_in = access.referrer_current(request)
    if sign_in is not None:
        access.referrer_sign_out(sign_in=sign_in)
    response = redirect("cases_referrer_link")
    access.delete_session_cookie(response)
    return _private(response)

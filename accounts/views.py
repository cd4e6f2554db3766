"""Admin views of the staff second factor, and the lockout page of django-axes.

wagtail-2fa provides the middleware that sends every staff request to enrolment or to the
code step; these views replace its code step and enrolment (Italian, recovery codes,
session key renewed after the second factor) and add recovery codes and the coordinators'
reset of a colleague's second factor.
"""

from __future__ import annotations

import logging
from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from wagtail_2fa import views as wagtail_2fa_views

from accounts import selectors, services
from accounts.forms import DeviceForm, VerifyForm

logger = logging.getLogger("accounts")


def _no_store(response):
    response["Cache-Control"] = "no-store, private"
    return response


class VerifyView(wagtail_2fa_views.LoginView):
    """The step after the password: a TOTP code or a recovery code; the session key changes on success."""

    template_name = "wagtail_2fa/otp_form_v6.html"
    form_class = VerifyForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("wagtailadmin_login")
        if not selectors.has_second_factor(request.user):
            return redirect("wagtail_2fa_device_new")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        otp_login(self.request, form.device)
        # A new session key once the second factor is proven: a key seen before it is useless.
        self.request.session.cycle_key()
        logger.info("accounts: second factor verified for user id %s", self.request.user.pk)
        return _no_store(HttpResponseRedirect(self.get_success_url()))


class EnrolView(wagtail_2fa_views.DeviceCreateView):
    """First sign-in: scan the QR code (or type the key), confirm with a code and the password."""

    form_class = DeviceForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        key = b32encode(self.device.bin_key).decode() if self.device else ""
        context["secret_key"] = " ".join(key[index : index + 4] for index in range(0, len(key), 4))
        return context

    def form_valid(self, form):
        first = not self.request.user.is_verified()
        super().form_valid(form)
        if first:
            self.request.session.cycle_key()
        logger.info("accounts: authenticator enrolled for user id %s", self.request.user.pk)
        return _no_store(redirect("accounts_recovery_codes"))

    def render_to_response(self, context, **kwargs):
        return _no_store(super().render_to_response(context, **kwargs))


class DeviceUpdateView(wagtail_2fa_views.DeviceUpdateView):
    form_class = DeviceForm


@never_cache
def recovery_codes(request):
    """Generate ten one-use recovery codes; they are shown once, in the answer to the POST."""
    codes = services.recovery_codes_generate(user=request.user) if request.method == "POST" else None
    context = {"codes": codes, "left": selectors.recovery_codes_left(request.user)}
    return _no_store(TemplateResponse(request, "accounts/recovery_codes.html", context))


@never_cache
def colleagues(request):
    """The colleagues whose second factor the coordinator may reset (their districts)."""
    if not selectors.can_manage_colleagues(request.user):
        raise PermissionDenied
    users = list(selectors.colleagues_for_reset(request.user))
    rows = [(user, selectors.has_second_factor(user)) for user in users]
    return _no_store(TemplateResponse(request, "accounts/colleagues.html", {"rows": rows}))


@never_cache
def second_factor_reset(request, user_id: int):
    """Confirm, then delete a colleague's second factor: they enrol again at their next sign-in."""
    target = get_object_or_404(get_user_model(), pk=user_id)
    if not selectors.can_reset_second_factor(request.user, target=target):
        logger.warning("accounts: second-factor reset refused for user id %s by user id %s", target.pk, request.user.pk)
        raise PermissionDenied
    if request.method == "POST":
        services.second_factor_reset(by=request.user, user=target)
        messages.success(
            request,
            _("The second factor of %(name)s was reset: they will set it up again at their next sign-in.")
            % {"name": target.get_full_name() or target.get_username()},
        )
        return redirect("accounts_colleagues")
    context = {"target": target, "has_device": selectors.has_second_factor(target)}
    return _no_store(TemplateResponse(request, "accounts/reset_confirm.html", context))


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer once an account and address are locked out: 429, in Italian."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(request, "accounts/lockout.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return _no_store(response)

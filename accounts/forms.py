"""Forms of the second-factor screens, with Italian-first labels and messages.

wagtail-2fa's own forms speak English only, and its code form no longer works with
django-otp 1.7 (which requires the device to be chosen explicitly): ``VerifyForm`` picks the
device from the shape of the code, so a wrong TOTP code never throttles the recovery codes.
"""

from __future__ import annotations

import logging

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_otp.forms import OTPAuthenticationFormMixin
from wagtail_2fa.forms import DeviceForm as Wagtail2faDeviceForm

logger = logging.getLogger("accounts")

OTP_ERROR_MESSAGES = {
    **OTPAuthenticationFormMixin.otp_error_messages,
    "token_required": _("Type the code from your authenticator app or a recovery code."),
    "invalid_token": _("The code is not valid, or it was already used. Try the next code."),
    "n_failed_attempts": ngettext_lazy(
        "Too many wrong codes (%(failure_count)d): wait a few seconds and try again.",
        "Too many wrong codes (%(failure_count)d): wait a few seconds and try again.",
        "failure_count",
    ),
    "verification_not_allowed": _("Code checking is paused for a few seconds: try again shortly."),
    "device_required": _("This account has no second factor yet: set it up first."),
}


def _normalise(token: str) -> str:
    return "".join(token.split()).lower()


class VerifyForm(OTPAuthenticationFormMixin, forms.Form):
    """The code asked after the password: a 6-digit TOTP code, or one recovery code."""

    otp_error_messages = OTP_ERROR_MESSAGES

    otp_token = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6-digit code shown by your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={
                "autofocus": "autofocus",
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "spellcheck": "false",
            }
        ),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        self.device = None
        super().__init__(*args, **kwargs)

    def _device_for(self, token: str):
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        model = TOTPDevice if token.isdigit() else StaticDevice
        return model.objects.select_for_update().filter(user=self.user, confirmed=True).order_by("pk").first()

    def clean(self):
        token = _normalise(self.cleaned_data.get("otp_token") or "")
        if not token:
            return self.cleaned_data
        error = None
        # As django-otp's clean_otp: the failure counter must be committed, so the
        # validation error leaves the transaction before it is raised.
        with transaction.atomic():
            try:
                device = self._device_for(token)
                if device is None:
                    raise forms.ValidationError(self.otp_error_messages["invalid_token"], code="invalid_token")
                self.device = self._verify_token(self.user, token, device)
            except forms.ValidationError as exc:
                error = exc
        if error is not None:
            logger.warning("accounts: second-factor code refused for user id %s", self.user.pk)
            raise error
        return self.cleaned_data


class DeviceForm(Wagtail2faDeviceForm):
    """Enrolment of the authenticator app: its name, the first code, the current password."""

    otp_token = forms.CharField(
        label=_("Code from the app"),
        help_text=_("After scanning the QR code (or typing the key), type the 6-digit code the app shows."),
    )
    name = forms.CharField(
        label=_("Device name"),
        max_length=64,
        help_text=_("A name to recognise this device, for example “Work phone”."),
    )
    password = forms.CharField(
        label=_("Current password"),
        help_text=_("To protect your account, type your password again."),
        widget=forms.PasswordInput(),
    )

    def __init__(self, request, **kwargs):
        super().__init__(request, **kwargs)
        if not self.instance.confirmed:
            self.initial["name"] = _("Phone")

    def clean_otp_token(self):
        token = _normalise(self.cleaned_data.get("otp_token") or "")
        if token and self.instance.verify_token(token):
            return token
        raise forms.ValidationError(
            _("The code is not valid. Check the time on your phone and type the code shown now."), code="invalid"
        )

    def clean_password(self):
        try:
            return super().clean_password()
        except forms.ValidationError:
            raise forms.ValidationError(_("The password is not correct.")) from None

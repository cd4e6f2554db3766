"""Admin registration of the second-factor screens (views in ``accounts.views``).

The first patterns reuse wagtail-2fa's URL names and paths, and are registered before
wagtail-2fa's own (``order=-1``), so its middleware and links reach the Italian views here.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail_2fa import wagtail_hooks as wagtail_2fa_hooks

from accounts import selectors, views

# Labels wagtail-2fa renders itself (menu, account page, users listing); listed here so the
# project's catalogue carries their Italian translation.
WAGTAIL_2FA_LABELS = (
    gettext_noop("2FA Setup"),
    gettext_noop("Manage your 2FA devices"),
    gettext_noop("Add or remove devices for 2 factor authentication."),
    gettext_noop("Manage 2FA"),
    gettext_noop("Edit this user"),
)


@hooks.register("register_admin_urls", order=-1)
def register_admin_urls():
    return [
        path("2fa/auth", views.VerifyView.as_view(), name="wagtail_2fa_auth"),
        path("2fa/devices/new", views.EnrolView.as_view(), name="wagtail_2fa_device_new"),
        path("2fa/devices/<int:pk>/update", views.DeviceUpdateView.as_view(), name="wagtail_2fa_device_update"),
        path("2fa/recovery-codes/", views.recovery_codes, name="accounts_recovery_codes"),
        path("2fa/colleagues/", views.colleagues, name="accounts_colleagues"),
        path("2fa/colleagues/<int:user_id>/reset/", views.second_factor_reset, name="accounts_second_factor_reset"),
    ]


class _ColleaguesMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.can_manage_colleagues(request.user)


@hooks.register("register_settings_menu_item")
def register_colleagues_menu_item():
    return _ColleaguesMenuItem(
        _("Colleagues' second factor"), reverse("accounts_colleagues"), icon_name="key", order=900
    )


@hooks.register("register_account_menu_item")
def register_recovery_codes_item(request):
    return {
        "url": reverse("accounts_recovery_codes"),
        "label": _("Recovery codes"),
        "help_text": _("Ten one-use codes to sign in when your phone is not at hand."),
    }


# wagtail-2fa 1.8's "Manage 2FA" listing button is a ``UserListingButton``, deprecated in
# Wagtail 7 (a warning on every users listing, an error under the test settings). Its module
# is imported here, so its hooks are registered now, and that one button is taken out again;
# the button below (and the device list reachable from the account menu) replaces it.
hooks._hooks["register_user_listing_buttons"] = [
    (fn, order)
    for fn, order in hooks._hooks.get("register_user_listing_buttons", [])
    if fn is not wagtail_2fa_hooks.register_user_listing_buttons
]


@hooks.register("register_user_listing_buttons")
def register_reset_button(user, request_user):
    if selectors.can_reset_second_factor(request_user, target=user):
        yield Button(
            _("Reset second factor"),
            reverse("accounts_second_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=110,
        )


@hooks.register("construct_main_menu", order=100)
def translate_enrolment_menu_item(request, menu_items):
    """wagtail-2fa labels the only menu item of an unverified user with a literal "2FA Setup"."""
    for item in menu_items:
        if getattr(item, "label", None) == "2FA Setup":
            item.label = _("2FA Setup")

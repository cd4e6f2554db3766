"""Public URLs of the referrer sign-in, included under the language prefix (Italian paths by default)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from cases import referrer_views

urlpatterns = [
    path("", referrer_views.link_request, name="cases_referrer_link"),
    path(_("sign-in/<str:token>/"), referrer_views.sign_in, name="cases_referrer_sign_in"),
    path(_("referrals/"), referrer_views.referral_list, name="cases_referrer_referrals"),
    path(_("referrals/<str:reference>/"), referrer_views.referral_detail, name="cases_referrer_referral"),
    path(_("sign-out/"), referrer_views.sign_out, name="cases_referrer_sign_out"),
]

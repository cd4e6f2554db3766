"""Admin registration of job development (registration only; the screens live in ``views``)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from jobs import services, views


@hooks.register("register_admin_viewset")
def register_job_offer_viewset():
    return views.job_offer_viewset


@hooks.register("register_admin_urls")
def register_jobs_urls():
    return [
        path("jobs/organisations/<int:pk>/contacts/", views.OrganisationContactsView.as_view(), name="jobs_contacts"),
        path(
            "jobs/organisations/<int:pk>/contacts/new/",
            views.EmployerContactCreateView.as_view(),
            name="jobs_contact_add",
        ),
    ]


@hooks.register("register_admin_urls")
def register_matching_urls():
    from jobs import matching_views

    return [
        path("jobs/matching/cases/<int:pk>/", matching_views.CaseSuggestionsView.as_view(), name="jobs_matching_case"),
        path(
            "jobs/matching/cases/<int:pk>/confirm/",
            matching_views.MatchConfirmView.as_view(),
            name="jobs_matching_confirm",
        ),
        path(
            "jobs/matching/cases/<int:pk>/profile/", matching_views.WorkProfileView.as_view(), name="jobs_work_profile"
        ),
        path(
            "jobs/matching/offers/<int:pk>/", matching_views.OfferSuggestionsView.as_view(), name="jobs_matching_offer"
        ),
    ]


@hooks.register("register_log_actions")
def register_jobs_log_actions(actions):
    actions.register_action(services.STATUS_ACTION, _("Change the offer's status"), _("Offer status changed"))

"""Admin viewset of job offers: staff see the offers, link flagged ones to their organisation."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from jobs.models import JobOffer


class JobOfferViewSet(ModelViewSet):
    """Offers arrive from the offer form; those flagged "needs review" have no organisation yet."""

    model = JobOffer
    icon = "suitcase"
    menu_label = _("Job offers")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["reference", "company_name", "role", "kind", "needs_review", "received_at"]
    list_filter = ["needs_review", "kind", "status"]
    search_fields = ["reference", "company_name", "role", "vat_number"]
    form_fields = ["organisation", "needs_review", "status"]
    inspect_view_enabled = True
    create_view_enabled = False


job_offer_viewset = JobOfferViewSet("job_offers")

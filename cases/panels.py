"""Admin-home panels of case work: my cases, overdue referrals, reviews due, internships ending.

Each panel shows a count and the first few references, and links to the inbox or the case
list filtered the same way, so that what the home page counts is what the list shows. They
read through ``cases.selectors`` (district scoping) and run a fixed number of queries
whatever the amount of data: one count and one short list each.
"""

from __future__ import annotations

from functools import cached_property
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component

from cases import selectors

SHOWN = 5


class CasesPanel(Component):
    """Base of the panels: subclasses say what to count, how to show one item and where to link."""

    template_name = "cases/home_panel.html"
    name = ""
    order = 90
    heading = ""

    def __init__(self, request):
        self.request = request
        self.today = timezone.localdate()

    @cached_property
    def days(self) -> int:
        return selectors.due_within_days()

    def queryset(self):
        raise NotImplementedError

    def item(self, obj) -> tuple[str, str, str]:
        """(admin URL, reference, short detail): references and dates only, never personal data."""
        raise NotImplementedError

    def list_url(self) -> str:
        raise NotImplementedError

    def empty_text(self) -> str:
        return str(_("Nothing to show."))

    def get_context_data(self, parent_context=None):
        queryset = self.queryset()
        count = queryset.count()
        return {
            "panel_id": f"cases-panel-{self.name}",
            "heading": self.heading,
            "count": count,
            "items": [self.item(obj) for obj in queryset[:SHOWN]] if count else [],
            "list_url": self.list_url(),
            "list_label": _("Show all"),
            "empty_text": self.empty_text(),
        }


class MyCasesPanel(CasesPanel):
    name = "my-cases"
    order = 90
    heading = _("My cases")

    def queryset(self):
        return selectors.my_cases(self.request.user).order_by("-updated_at", "-pk")

    def item(self, case):
        return reverse("cases_case", args=[case.pk]), case.reference, case.get_stage_display()

    def list_url(self):
        return reverse("cases_list") + "?" + urlencode({"member": self.request.user.pk})

    def empty_text(self):
        return str(_("You are not on the team of any open case."))


class OverdueReferralsPanel(CasesPanel):
    name = "overdue-referrals"
    order = 91
    heading = _("Overdue referrals")

    def queryset(self):
        return selectors.referrals_overdue(self.request.user).order_by("received_at", "pk")

    def item(self, referral):
        received = date_format(timezone.localtime(referral.received_at), "SHORT_DATE_FORMAT")
        detail = _("received on %(date)s") % {"date": received}
        return reverse("cases_referral", args=[referral.pk]), referral.reference, detail

    def list_url(self):
        return reverse("cases_referrals") + "?show=overdue"

    def empty_text(self):
        return str(_("Every referral has been acknowledged in time."))


class ReviewsDuePanel(CasesPanel):
    name = "reviews-due"
    order = 92

    @property
    def heading(self):
        return ngettext(
            "Reviews due within %(days)d day or overdue",
            "Reviews due within %(days)d days or overdue",
            self.days,
        ) % {"days": self.days}

    def queryset(self):
        return selectors.reviews_due(self.request.user, within_days=self.days, today=self.today)

    def item(self, case):
        when = date_format(case.next_review_on, "SHORT_DATE_FORMAT")
        if case.next_review_on < self.today:
            detail = _("overdue since %(date)s") % {"date": when}
        else:
            detail = _("due on %(date)s") % {"date": when}
        return reverse("cases_case", args=[case.pk]), case.reference, detail

    def list_url(self):
        return reverse("cases_list") + "?follow_up=review_due"

    def empty_text(self):
        return str(_("No review is due."))


class InternshipsEndingPanel(CasesPanel):
    name = "internships-ending"
    order = 93

    @property
    def heading(self):
        return ngettext(
            "Internships ending within %(days)d day",
            "Internships ending within %(days)d days",
            self.days,
        ) % {"days": self.days}

    def queryset(self):
        return selectors.internships_ending(self.request.user, within_days=self.days, today=self.today)

    def item(self, internship):
        detail = _("ends on %(date)s") % {"date": date_format(internship.ends_on, "SHORT_DATE_FORMAT")}
        return reverse("cases_case", args=[internship.case_id]), internship.case.reference, detail

    def list_url(self):
        return reverse("cases_list") + "?follow_up=internship_ending"

    def empty_text(self):
        return str(_("No internship ends soon."))


PANELS = (MyCasesPanel, OverdueReferralsPanel, ReviewsDuePanel, InternshipsEndingPanel)

"""The outcome dashboard screen ("Risultati"): filters, figures in tables, charts, downloads.

Staff who use case work open it; each sees the figures of their own districts only (district
coordinators for their districts, superusers for all), through ``outcomes.selectors``.
Filters come by GET, so a view can be bookmarked and shared; ``?download=xlsx|ods|csv``
returns the same figures as a spreadsheet.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cases import services as case_services
from cases.models import AuditEntry
from cases.selectors import can_use_cases
from outcomes import charts, export
from outcomes.forms import OutcomeFilterForm
from outcomes.selectors import (
    DEFINITIONS,
    RETENTION_MONTHS,
    Dashboard,
    dashboard_districts,
    dashboard_figures,
    outcome_filters_for_user,
)


def _number(value, decimals: int = 0) -> str:
    if value is None:
        return _("n/a")
    return number_format(value, decimal_pos=decimals)


def _days(value) -> str:
    return _("n/a") if value is None else _("%(days)s days") % {"days": _number(value, 1)}


def _share(kept: int, base: int) -> str:
    if not base:
        return _("n/a")
    return _("%(share)s%% (%(kept)d of %(base)d)") % {
        "share": _number(100 * kept / base, 0),
        "kept": kept,
        "base": base,
    }


def _sentence(groups: list[str], series: list[tuple[str, list[str]]]) -> str:
    """The text alternative of a chart: every value it shows, group by group."""
    parts = []
    for index, group in enumerate(groups):
        values = ", ".join(f"{name} {labels[index]}" for name, labels in series)
        parts.append(f"{group}: {values}")
    return "; ".join(parts) + "."


def _series(name: str, values: list, label) -> tuple[str, list, list[str]]:
    return name, values, [label(value) for value in values]


def dashboard_charts(dashboard: Dashboard) -> list[charts.Chart]:
    """The charts of the dashboard, each with a text alternative listing its values."""
    drawn = []
    rows = dashboard.by_district
    groups = [row["label"] for row in rows]

    def chart(title: str, groups: list[str], series: list, **options) -> charts.Chart:
        return charts.grouped_bars(
            title=title,
            groups=groups,
            series=series,
            **options,
            description=_sentence(groups, [(name, labels) for name, _values, labels in series]),
        )

    def counts(keys: list[tuple[str, str]]) -> list:
        return [_series(name, [row[key] for row in rows], _number) for key, name in keys]

    if rows:
        drawn.append(
            chart(
                _("Referrals by district"),
                groups,
                counts(
                    [
                        ("received", _("Referrals received")),
                        ("answered", _("Referrals answered")),
                        ("accepted", _("Referrals accepted")),
                    ]
                ),
            )
        )
        drawn.append(
            chart(
                _("Median days from referral, by district"),
                groups,
                [
                    _series(_("Median days to first contact"), [row["first_contact_median"] for row in rows], _days),
                    _series(
                        _("Median days to first employer contact"),
                        [row["first_employer_median"] for row in rows],
                        _days,
                    ),
                ],
            )
        )
        drawn.append(
            chart(
                _("Internships and hires by district"),
                groups,
                counts(
                    [
                        ("internships_started", _("Internships started")),
                        ("internships_completed", _("Internships completed")),
                        ("people_hired", _("People hired")),
                    ]
                ),
            )
        )
    total = dashboard.total
    drawn.append(
        chart(
            _("Still employed, of the hires old enough"),
            [_("after %(months)d months") % {"months": months} for months in RETENTION_MONTHS],
            [
                (
                    _("Still employed"),
                    [
                        None if total[f"retention_{m}_share"] is None else 100 * total[f"retention_{m}_share"]
                        for m in RETENTION_MONTHS
                    ],
                    [_share(total[f"retention_{m}_kept"], total[f"retention_{m}_base"]) for m in RETENTION_MONTHS],
                )
            ],
            percent=True,
        )
    )
    if rows:
        drawn.append(
            chart(
                _("Offers by district"),
                groups,
                counts([("offers_received", _("Offers received")), ("offers_filled", _("Offers filled"))]),
            )
        )
    promoters = dashboard.contacts["by_promoter"]
    if promoters and dashboard.contacts["weeks"]:
        drawn.append(
            chart(
                _("Employer contacts per week, by company promoter"),
                [row["promoter"] for row in promoters],
                [_series(_("Contacts per week"), [row["per_week"] for row in promoters], lambda v: _number(v, 2))],
            )
        )
    return drawn


def summary_sections(dashboard: Dashboard) -> list[dict]:
    """The summary tables: one per theme, each with its definition."""
    total, contacts = dashboard.total, dashboard.contacts
    return [
        {
            "title": _("Referrals"),
            "definition": DEFINITIONS["referrals"],
            "rows": [
                (_("Referrals received"), _number(total["received"])),
                (_("Referrals answered"), _number(total["answered"])),
                (_("Referrals accepted"), _number(total["accepted"])),
            ],
        },
        {
            "title": _("Time to first contacts"),
            "definition": f"{DEFINITIONS['first_contact']} {DEFINITIONS['first_employer']}",
            "rows": [
                (
                    _("Median days to first contact with the person"),
                    f"{_days(total['first_contact_median'])} (n = {total['first_contact_n']})",
                ),
                (
                    _("Median days to first employer contact"),
                    f"{_days(total['first_employer_median'])} (n = {total['first_employer_n']})",
                ),
            ],
        },
        {
            "title": _("Internships"),
            "definition": DEFINITIONS["internships"],
            "rows": [
                (_("Internships started"), _number(total["internships_started"])),
                (_("Internships completed"), _number(total["internships_completed"])),
            ],
        },
        {
            "title": _("Hires and retention"),
            "definition": DEFINITIONS["hires"],
            "rows": [
                (_("People hired"), _number(total["people_hired"])),
                (_("Hires"), _number(total["hires"])),
                *(
                    (
                        _("Still employed after %(months)d months") % {"months": months},
                        _share(total[f"retention_{months}_kept"], total[f"retention_{months}_base"]),
                    )
                    for months in RETENTION_MONTHS
                ),
            ],
        },
        {
            "title": _("Employer contacts"),
            "definition": DEFINITIONS["contacts"],
            "rows": [
                (_("Employer contacts"), _number(contacts["contacts"])),
                (_("Promoters with contacts"), _number(contacts["promoters"])),
                (_("Employer contacts per promoter per week"), _number(contacts["per_promoter_per_week"], 2)),
            ],
        },
        {
            "title": _("Offers"),
            "definition": DEFINITIONS["offers"],
            "rows": [
                (_("Offers received"), _number(total["offers_received"])),
                (_("Offers filled"), _number(total["offers_filled"])),
            ],
        },
    ]


def breakdown_rows(rows: list[dict]) -> list[dict]:
    """A break-down table's rows as display text, in the order of ``breakdown_headers()``."""
    display = []
    for row in rows:
        cells = [
            _number(row["received"]),
            _number(row["answered"]),
            _number(row["accepted"]),
            _days(row["first_contact_median"]),
            _days(row["first_employer_median"]),
            _number(row["internships_started"]),
            _number(row["internships_completed"]),
            _number(row["people_hired"]),
            *(_share(row[f"retention_{m}_kept"], row[f"retention_{m}_base"]) for m in RETENTION_MONTHS),
            "—" if row["offers_received"] is None else _number(row["offers_received"]),
            "—" if row["offers_filled"] is None else _number(row["offers_filled"]),
        ]
        display.append({"label": row["label"], "cells": cells})
    return display


def breakdown_headers() -> list[str]:
    return [
        _("Referrals received"),
        _("Referrals answered"),
        _("Referrals accepted"),
        _("Median days to first contact"),
        _("Median days to first employer contact"),
        _("Internships started"),
        _("Internships completed"),
        _("People hired"),
        *(_("Still employed after %(months)d months") % {"months": months} for months in RETENTION_MONTHS),
        _("Offers received"),
        _("Offers filled"),
    ]


class OutcomeDashboardView(WagtailAdminTemplateMixin, TemplateView):
    """The outcome dashboard; ``?download=xlsx|ods|csv`` for the spreadsheet."""

    template_name = "outcomes/dashboard.html"
    page_title = gettext_lazy("Outcomes")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not can_use_cases(request.user):
            case_services.audit_record(
                user=request.user,
                action=AuditEntry.Action.DENIED,
                object_type="screen",
                object_id=None,
                detail="outcomes_dashboard",
            )
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        districts = list(dashboard_districts(request.user))
        form = OutcomeFilterForm(request.GET, districts=districts)
        context = self.get_context_data(form=form, no_districts=not districts)
        if form.is_valid():
            data = form.cleaned_data
            filters = outcome_filters_for_user(
                request.user,
                date_from=data["date_from"],
                date_to=data["date_to"],
                district_id=data["district"],
                category=data["category"],
            )
            dashboard = dashboard_figures(filters)
            file_format = request.GET.get("download", "")
            if file_format in export.FORMATS:
                return self.download(dashboard, file_format)
            context.update(
                {
                    "dashboard": dashboard,
                    "filters": filters,
                    "sections": summary_sections(dashboard),
                    "charts": dashboard_charts(dashboard),
                    "headers": breakdown_headers(),
                    "tables": [
                        {
                            "id": "outcomes-by-district",
                            "title": _("By district"),
                            "first_column": _("District"),
                            "rows": breakdown_rows(dashboard.by_district),
                        },
                        {
                            "id": "outcomes-by-category",
                            "title": _("By legal category"),
                            "first_column": _("Legal category"),
                            "rows": breakdown_rows(dashboard.by_category),
                        },
                    ],
                    "promoters": dashboard.contacts["by_promoter"],
                    "downloads": [(name.upper(), self.download_url(request, name)) for name in export.FORMATS],
                    "period_in_future": form.period_in_future,
                    "category_label": dict(form.fields["category"].choices).get(data["category"])
                    if data["category"]
                    else "",
                }
            )
        return self.render_to_response(context)

    @staticmethod
    def download_url(request, file_format: str) -> str:
        query = request.GET.copy()
        query["download"] = file_format
        return f"?{query.urlencode()}"

    def download(self, dashboard: Dashboard, file_format: str) -> HttpResponse:
        filters = dashboard.filters
        name = f"risultati-{filters.date_from:%Y%m%d}-{filters.date_to:%Y%m%d}.{file_format}"
        response = HttpResponse(
            export.dashboard_export(dashboard, file_format), content_type=export.FORMATS[file_format]
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

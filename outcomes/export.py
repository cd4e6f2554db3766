"""The dashboard as a spreadsheet: every figure on screen, as numbers a planning office can reuse.

XLSX and ODS hold four sheets (summary with the definitions, by district, by category,
by promoter); CSV, which has one table only, holds the same figures in long form (table,
row, figure, value). Values are raw numbers (medians in days, shares as fractions), never
formatted text, so they can be summed and charted elsewhere.
"""

from __future__ import annotations

import tablib
from django.utils.translation import gettext as _

from outcomes.selectors import DEFINITIONS, RETENTION_MONTHS, Dashboard

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv; charset=utf-8",
}


def figure_columns() -> list[tuple[str, str, str]]:
    """(key in a dashboard row, column title, definition key) of every per-row figure, in order."""
    columns = [
        ("received", _("Referrals received"), "referrals"),
        ("answered", _("Referrals answered"), "referrals"),
        ("accepted", _("Referrals accepted"), "referrals"),
        ("first_contact_median", _("Median days to first contact"), "first_contact"),
        ("first_contact_n", _("Referrals measured (first contact)"), "first_contact"),
        ("first_employer_median", _("Median days to first employer contact"), "first_employer"),
        ("first_employer_n", _("Referrals measured (first employer contact)"), "first_employer"),
        ("internships_started", _("Internships started"), "internships"),
        ("internships_completed", _("Internships completed"), "internships"),
        ("people_hired", _("People hired"), "hires"),
        ("hires", _("Hires"), "hires"),
    ]
    for months in RETENTION_MONTHS:
        columns += [
            (
                f"retention_{months}_base",
                _("Hires at least %(months)d months old") % {"months": months},
                "hires",
            ),
            (
                f"retention_{months}_kept",
                _("Still employed after %(months)d months") % {"months": months},
                "hires",
            ),
            (
                f"retention_{months}_share",
                _("Share still employed after %(months)d months") % {"months": months},
                "hires",
            ),
        ]
    columns += [
        ("offers_received", _("Offers received"), "offers"),
        ("offers_filled", _("Offers filled"), "offers"),
    ]
    return columns


def contact_rows(dashboard: Dashboard) -> list[tuple[str, float | int | None, str]]:
    contacts = dashboard.contacts
    return [
        (_("Employer contacts"), contacts["contacts"], "contacts"),
        (_("Promoters with contacts"), contacts["promoters"], "contacts"),
        (_("Weeks elapsed"), _round(contacts["weeks"]), "contacts"),
        (_("Employer contacts per promoter per week"), _round(contacts["per_promoter_per_week"]), "contacts"),
    ]


def _round(value):
    return round(value, 4) if isinstance(value, float) else value


def _text(value: str) -> str:
    """Names typed by staff, defused so a spreadsheet never runs them as a formula."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _summary(dashboard: Dashboard) -> tablib.Dataset:
    sheet = tablib.Dataset(headers=[_("Indicator"), _("Value"), _("Definition")], title=_("Summary")[:31])
    filters = dashboard.filters
    sheet.append([_("Period from"), filters.date_from.isoformat(), ""])
    sheet.append([_("Period to"), filters.date_to.isoformat(), ""])
    sheet.append([_("Computed on"), filters.today.isoformat(), ""])
    for key, title, definition in figure_columns():
        sheet.append([title, _round(dashboard.total[key]), str(DEFINITIONS[definition])])
    for title, value, definition in contact_rows(dashboard):
        sheet.append([title, value, str(DEFINITIONS[definition])])
    return sheet


def _breakdown(rows: list[dict], first_column: str, title: str) -> tablib.Dataset:
    columns = figure_columns()
    sheet = tablib.Dataset(headers=[first_column, *(column for _key, column, _d in columns)], title=title[:31])
    for row in rows:
        sheet.append([_text(row["label"]), *(_round(row[key]) for key, _column, _d in columns)])
    return sheet


def _promoters(dashboard: Dashboard) -> tablib.Dataset:
    sheet = tablib.Dataset(
        headers=[_("Company promoter"), _("Employer contacts"), _("Contacts per week")], title=_("By promoter")[:31]
    )
    for row in dashboard.contacts["by_promoter"]:
        sheet.append([_text(row["promoter"]), row["contacts"], _round(row["per_week"])])
    return sheet


def dashboard_sheets(dashboard: Dashboard) -> list[tablib.Dataset]:
    return [
        _summary(dashboard),
        _breakdown(dashboard.by_district, _("District"), _("By district")),
        _breakdown(dashboard.by_category, _("Legal category"), _("By category")),
        _promoters(dashboard),
    ]


def dashboard_export(dashboard: Dashboard, file_format: str) -> bytes:
    """The spreadsheet in ``file_format`` (one of ``FORMATS``)."""
    sheets = dashboard_sheets(dashboard)
    if file_format == "csv":
        long = tablib.Dataset(headers=[_("Table"), _("Row"), _("Indicator"), _("Value")])
        summary, *tables = sheets
        for figure, value, _definition in summary:
            long.append([summary.title, "", figure, "" if value is None else value])
        for sheet in tables:
            for record in sheet:
                row_label, *values = record
                for header, value in zip(sheet.headers[1:], values, strict=True):
                    long.append([sheet.title, row_label, header, "" if value is None else value])
        return ("\ufeff" + long.export("csv")).encode("utf-8")  # the BOM lets Excel read UTF-8
    book = tablib.Databook(sheets)
    return book.export(file_format)

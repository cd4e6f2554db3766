"""The spreadsheet of rejected rows staff download after a preview or an import.

Each rejected row comes back as it was in the file, followed by the row number and the
reasons, so staff can fix it and import it again. Cells that a spreadsheet would run
as a formula (starting with = + - @, a tab or a carriage return) are prefixed with an
apostrophe: a list from outside must never execute anything on a colleague's computer.
"""

import tablib
from django.utils.translation import gettext as _

from imports.models import ImportJob

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def rejected_rows(job: ImportJob) -> tablib.Dataset:
    reasons: dict[int, list[str]] = {}
    for row_number, column, reason in job.report.get("errors", []):
        reasons.setdefault(row_number, []).append(f"{column}: {reason}" if column else reason)
    headers = [header or f"#{index + 1}" for index, header in enumerate(job.headers)]
    dataset = tablib.Dataset(headers=[neutralise(h) for h in [_("Row"), *headers, _("Reasons")]])
    dataset.title = _("Rejected rows")[:31]
    for row_number, raw in job.report.get("rejected", []):
        cells = list(raw) + [""] * (len(headers) - len(raw))
        dataset.append(
            [
                row_number,
                *(neutralise(cell) for cell in cells[: len(headers)]),
                neutralise(" | ".join(reasons.get(row_number, []))),
            ]
        )
    return dataset


def rejected_rows_file(job: ImportJob, file_format: str = "xlsx") -> bytes:
    dataset = rejected_rows(job)
    content = dataset.export(file_format)
    return content.encode("utf-8-sig") if isinstance(content, str) else content

"""Ugly real-world files, generated: the separators, encodings and layouts staff receive."""

import csv
import io
import zipfile

import openpyxl
import tablib
from openpyxl.styles import Font
from stdnum import luhn

HEADER = [
    "Ragione sociale",
    "P.IVA",
    "Codice fiscale",
    "Indirizzo",
    "Comune",
    "Prov.",
    "CAP",
    "PEC",
    "Telefono",
    "ATECO",
    "N. dipendenti",
]


def vat(serial: int, office: str = "016") -> str:
    """A VAT number with a correct check digit (office 016 = Bergamo)."""
    body = f"{serial:07d}{office}"
    return body + luhn.calc_check_digit(body)


def bad_vat(serial: int) -> str:
    good = vat(serial)
    return good[:-1] + str((int(good[-1]) + 1) % 10)


def partner(serial: int, **overrides) -> dict:
    row = {
        "Ragione sociale": f"Officina Meccanica {serial} S.r.l.",
        "P.IVA": vat(serial),
        "Codice fiscale": "",
        "Indirizzo": f"Via Roma {serial}",
        "Comune": "Dalmine",
        "Prov.": "BG",
        "CAP": "24044",
        "PEC": f"officina{serial}@pec.example.it",
        "Telefono": "035 123456",
        "ATECO": "25.62.00",
        "N. dipendenti": "18",
    }
    row.update(overrides)
    return row


def csv_bytes(rows: list[dict], *, separator: str = ";", encoding: str = "utf-8-sig", header=None) -> bytes:
    header = header or HEADER
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(
    rows: list[dict], *, title: str = "Elenco aziende - Camera di commercio", trailing_empty: int = 5, header=None
) -> bytes:
    """An Excel export with a merged title row, a blank row, the header, data and empty rows after."""
    header = header or HEADER
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append([])
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_number(row.get(column, "")) for column in header])
    for _offset in range(trailing_empty):
        sheet.cell(row=sheet.max_row + 1, column=1).value = ""
        sheet.cell(row=sheet.max_row, column=2).font = Font(italic=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _number(value: str):
    return int(value) if value.isdigit() and not value.startswith("0") and len(value) < 6 else value


def ods_bytes(rows: list[dict], header=None) -> bytes:
    header = header or HEADER
    dataset = tablib.Dataset(headers=header)
    for row in rows:
        dataset.append([row.get(column, "") for column in header])
    return dataset.export("ods")


def zip_bomb_xlsx(unpacked_mb: int = 300) -> bytes:
    """A valid-looking XLSX whose one sheet inflates to hundreds of megabytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        chunk = b"0" * (1024 * 1024)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            for _ in range(unpacked_mb):
                entry.write(chunk)
    return buffer.getvalue()

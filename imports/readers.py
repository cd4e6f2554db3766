"""Turn an uploaded file into rows, refusing what should never be parsed.

Staff get files from many sources: CSV with any of four separators and three encodings,
Excel and LibreOffice sheets with title rows above the header. The checks run before
any parser sees the bytes, because the parsers are where a hostile file does its harm:

- the content decides the format, not the extension, and the two must agree;
- XLSX and ODS are zips: the declared unpacked size and the number of entries are
  checked first (Python's zipfile never inflates past the declared size), and their XML
  is read with defusedxml (openpyxl uses it when installed; ODS is checked here);
- empty files, files over the size limit and files without a recognisable header row
  are refused with a message staff can act on.

Parsing itself goes through tablib, the dataset library behind django-import-export.
"""

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field

import tablib
from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.utils.translation import gettext as _

SEPARATORS = [",", ";", "\t", "|"]
SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
EXTENSIONS = {"csv": {"csv", "txt"}, "xlsx": {"xlsx"}, "ods": {"ods"}, "hsds": {"zip"}}
# The HSDS tabular package (as network's export_hsds writes it): one row per organisation,
# with the field names of the organisations resource as headers.
HSDS_HEADERS = [
    "name",
    "alternate_name",
    "kind",
    "email",
    "website",
    "vat_number",
    "tax_code",
    "rea_number",
    "phone",
    "address",
    "municipality",
    "province",
    "postcode",
]
HEADER_SEARCH_ROWS = 15
MIN_RECOGNISED_HEADERS = 2


class FileRefusedError(Exception):
    """The file cannot be imported; the message says why, in words staff understand."""


@dataclass
class ParsedFile:
    """The rows of a file below its header row, with what reading it found out."""

    file_format: str
    headers: list[str]
    rows: list[list[str]]  # data rows, trailing empty rows dropped; cells are stripped strings
    header_row: int  # 1-based row number of the header in the file
    details: dict = field(default_factory=dict)  # encoding, separator

    def row_number(self, index: int) -> int:
        """The row number staff see in their spreadsheet for data row ``index`` (0-based)."""
        return self.header_row + 1 + index


def max_upload_bytes() -> int:
    return settings.SIL_IMPORTS_MAX_UPLOAD_BYTES


def sniff_format(data: bytes) -> str:
    """``csv``, ``xlsx`` or ``ods`` from the bytes; refuses anything else."""
    if not data:
        raise FileRefusedError(_("The file is empty."))
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "organizations.csv" in {name.rsplit("/", 1)[-1] for name in names}:
                    return "hsds"
                if "mimetype" in names and archive.read("mimetype")[:100].strip() == (
                    b"application/vnd.oasis.opendocument.spreadsheet"
                ):
                    return "ods"
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            raise FileRefusedError(_("The file looks like a damaged zip archive.")) from None
        raise FileRefusedError(
            _("The file is a zip archive but not an Excel (XLSX) or LibreOffice (ODS) sheet, nor an HSDS package.")
        )
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise FileRefusedError(_("Old Excel files (.xls) are not supported: save the file as .xlsx or .csv."))
    sample = data[:65536]
    if b"\x00" in sample.removeprefix(codecs.BOM_UTF8):
        raise FileRefusedError(_("The file is not a text (CSV) file nor a spreadsheet."))
    if data[:5] == b"%PDF-":
        raise FileRefusedError(_("The file is a PDF, not a list: export the list as CSV or Excel."))
    return "csv"


def check_extension(file_name: str, file_format: str) -> None:
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if extension not in EXTENSIONS[file_format]:
        raise FileRefusedError(
            _("The file is called “.%(extension)s” but its content is %(format)s: rename it or export it again.")
            % {"extension": extension or "?", "format": file_format.upper()}
        )


def check_zip(data: bytes) -> None:
    """Refuse zip bombs: too many entries or too many bytes once unpacked."""
    limit_bytes = settings.SIL_IMPORTS_MAX_UNPACKED_BYTES
    limit_entries = settings.SIL_IMPORTS_MAX_ZIP_ENTRIES
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        if len(entries) > limit_entries:
            raise FileRefusedError(
                _("The archive holds %(count)d files, more than a spreadsheet has (limit %(limit)d).")
                % {"count": len(entries), "limit": limit_entries}
            )
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > limit_bytes:
            raise FileRefusedError(
                _("Once unpacked the file would take %(size)d MB, over the limit of %(limit)d MB.")
                % {"size": unpacked // 2**20, "limit": limit_bytes // 2**20}
            )


def decode_text(data: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (with or without BOM), else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte, so nothing is lost.
        return data.decode("latin-1"), "iso-8859-1"


def detect_separator(text: str) -> str:
    """The separator that splits the first lines into the most, and most regular, columns."""
    lines = [line for line in text[:65536].splitlines()[:30] if line.strip()]
    if not lines:
        raise FileRefusedError(_("The file is empty."))
    best, best_score = ",", -1.0
    for separator in SEPARATORS:
        widths = [len(row) for row in csv.reader(lines, delimiter=separator)]
        common = max(set(widths), key=widths.count)
        if common < 2:
            continue
        score = common * widths.count(common) / len(widths)
        if score > best_score:
            best, best_score = separator, score
    return best


def _read_csv(data: bytes) -> tuple[tablib.Dataset, dict]:
    text, encoding = decode_text(data)
    separator = detect_separator(text)
    dataset = tablib.Dataset().load(text, format="csv", delimiter=separator, headers=False)
    return dataset, {"encoding": encoding, "separator": SEPARATOR_NAMES[separator]}


def _read_xlsx(data: bytes) -> tuple[tablib.Dataset, dict]:
    check_zip(data)
    try:
        dataset = tablib.Dataset().load(io.BytesIO(data), format="xlsx", headers=False)
    except DefusedXmlException:
        raise FileRefusedError(_("The spreadsheet contains unsafe XML (entities) and was not read.")) from None
    except Exception:  # noqa: BLE001 - any parser failure means the same thing to staff
        raise FileRefusedError(_("The Excel file could not be read: open it and save it again as .xlsx.")) from None
    return dataset, {}


def _read_ods(data: bytes) -> tuple[tablib.Dataset, dict]:
    check_zip(data)
    # odfpy parses with the standard library: let defusedxml read the XML parts first.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in ("content.xml", "styles.xml", "meta.xml"):
            if name in archive.namelist():
                try:
                    SafeElementTree.fromstring(archive.read(name), forbid_dtd=True)
                except (DefusedXmlException, SafeElementTree.ParseError):
                    raise FileRefusedError(_("The spreadsheet has unsafe or damaged XML and was not read.")) from None
    try:
        dataset = tablib.Dataset().load(io.BytesIO(data), format="ods", headers=False)
    except Exception:  # noqa: BLE001
        raise FileRefusedError(_("The LibreOffice file could not be read: save it again as .ods.")) from None
    return dataset, {}


def _read_hsds(data: bytes) -> tuple[list[list[str]], dict]:
    """Flatten an HSDS 3.0 tabular package into one row per organisation (first address and phone)."""
    from network.hsds import IDENTIFIER_REA, IDENTIFIER_TAX_CODE, IDENTIFIER_VAT

    check_zip(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        by_name = {name.rsplit("/", 1)[-1]: name for name in archive.namelist()}

        def table(file_name: str) -> list[dict[str, str]]:
            if file_name not in by_name:
                return []
            text, _encoding = decode_text(archive.read(by_name[file_name]))
            return list(csv.DictReader(io.StringIO(text)))

        organisations = table("organizations.csv")
        identifiers: dict[str, dict[str, str]] = {}
        for item in table("organization_identifiers.csv"):
            identifiers.setdefault(item.get("organization_id", ""), {})[item.get("identifier_type", "")] = item.get(
                "identifier", ""
            )
        location_owner = {item.get("id"): item.get("organization_id", "") for item in table("locations.csv")}
        addresses: dict[str, dict[str, str]] = {}
        for item in table("addresses.csv"):
            addresses.setdefault(location_owner.get(item.get("location_id"), ""), item)
        phones: dict[str, str] = {}
        for item in table("phones.csv"):
            if item.get("organization_id"):
                phones.setdefault(item["organization_id"], item.get("number", ""))
    rows = [HSDS_HEADERS]
    for organisation in organisations:
        key = organisation.get("id", "")
        found = identifiers.get(key, {})
        address = addresses.get(key, {})
        rows.append(
            [
                organisation.get("name", ""),
                organisation.get("alternate_name", ""),
                organisation.get("legal_status", ""),
                organisation.get("email", ""),
                organisation.get("website", ""),
                found.get(IDENTIFIER_VAT, "") or organisation.get("tax_id", ""),
                found.get(IDENTIFIER_TAX_CODE, ""),
                found.get(IDENTIFIER_REA, ""),
                phones.get(key, ""),
                address.get("address_1", ""),
                address.get("city", ""),
                address.get("state_province", ""),
                address.get("postal_code", ""),
            ]
        )
    return rows, {"package": "HSDS tabular"}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        stripped = value.strip()
        if "  " not in stripped and "\n" not in stripped and "\t" not in stripped and "\r" not in stripped:
            return stripped  # usually the very same object: a large file's strings are not copied
        return " ".join(stripped.split())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def precheck(data: bytes, file_name: str) -> str:
    """The checks that need no parsing (size, format against extension, zip limits); the format."""
    if len(data) > max_upload_bytes():
        raise FileRefusedError(
            _("The file is larger than the limit of %(limit)d MB.") % {"limit": max_upload_bytes() // 2**20}
        )
    file_format = sniff_format(data)
    check_extension(file_name, file_format)
    if file_format != "csv":
        check_zip(data)
    return file_format


def read_rows(data: bytes, file_name: str) -> tuple[str, list[list[str]], dict]:
    """All rows of the file as stripped strings, after the safety checks."""
    file_format = precheck(data, file_name)
    reader = {"csv": _read_csv, "xlsx": _read_xlsx, "ods": _read_ods, "hsds": _read_hsds}[file_format]
    dataset, details = reader(data)
    rows = [[_cell(value) for value in row] for row in dataset]
    del dataset  # large files: keep one copy of the rows, not two
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise FileRefusedError(_("The file has no rows."))
    return file_format, rows, details


def find_header(rows: list[list[str]], recognise) -> int:
    """Index of the header row: the first of the top rows with enough recognised column names.

    Title rows (often merged cells in Excel: “Elenco aziende 2026”) and blank rows above
    the header are skipped. ``recognise(text)`` says whether a header is a known name.
    """
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(1 for cell in row if cell and recognise(cell)) >= MIN_RECOGNISED_HEADERS:
            return index
    raise FileRefusedError(
        _(
            "No header row was recognised in the first %(rows)d rows: the file needs a row with the column "
            "names (e.g. “Ragione sociale”, “Partita IVA”, “Comune”)."
        )
        % {"rows": HEADER_SEARCH_ROWS}
    )


def parse_file(data: bytes, file_name: str, recognise) -> ParsedFile:
    file_format, rows, details = read_rows(data, file_name)
    header_index = find_header(rows, recognise)
    headers = rows[header_index]
    width = max(len(row) for row in rows)
    headers = headers + [""] * (width - len(headers))
    data_rows = [row + [""] * (width - len(row)) for row in rows[header_index + 1 :]]
    return ParsedFile(
        file_format=file_format,
        headers=headers,
        rows=data_rows,
        header_row=header_index + 1,
        details=details,
    )

"""What can be imported: one django-import-export ``Resource`` per kind of list.

A resource declares its importable fields (``fields.Field`` with the column name staff
see), the usual headers each field is known by in Italian and English lists, and how a
row is cleaned and matched against the database. The rest of the pipeline (reading,
mapping, preview, background import, undo) is the same for every resource, so a new
list type (e.g. job offers) is one more class registered in ``RESOURCES``.

Rules shared by every resource:

- an empty cell never blanks out what the database holds: imports add and correct,
  they do not erase;
- a row that fails any check is reported with its row number, column and reason, and
  is never half-imported.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from imports import cleaning
from imports.cleaning import CellError
from network.models import SECTORS_TAXONOMY, Contact, Location, Organisation, OrganisationKind, TaxonomyTerm
from network.municipalities import normalise

# Row outcomes.
NEW, UPDATE, UNCHANGED, INVALID, TO_CONFIRM = "new", "update", "unchanged", "invalid", "to_confirm"

LOCATION_FIELDS = ("address", "municipality", "province", "postcode")


@dataclass(slots=True)
class RowOutcome:
    """What the pipeline decided about one data row of the file."""

    row_number: int
    action: str
    values: dict = field(default_factory=dict)
    target_id: int | None = None
    matched_by: str = ""
    changes: dict = field(default_factory=dict)  # field -> [old, new]
    errors: list = field(default_factory=list)  # [(column header, reason)]
    raw: list = field(default_factory=list)


@dataclass
class Analysis:
    rows: list[RowOutcome]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)


class ImportResource(resources.ModelResource):
    """Base of the importable list types: mapping targets, suggestions and row checks."""

    key = ""
    label = ""
    header_aliases: dict[str, list[str]] = {}
    required: tuple[str, ...] = ()

    @classmethod
    def targets(cls) -> list[tuple[str, str]]:
        """(field name, label) of every importable field, in the order staff see them."""
        resource = cls()
        return [(name, str(resource.fields[name].column_name)) for name in cls.header_aliases]

    @classmethod
    def alias_index(cls) -> dict[str, str]:
        index: dict[str, str] = {}
        for name, aliases in cls.header_aliases.items():
            for alias in [name, *aliases]:
                index.setdefault(normalise(alias), name)
        return index

    def analyse(self, rows, mapping, *, confirmed: dict, headers: list[str], progress=None) -> Analysis:
        """Check every row, then match the valid ones against the database (writes nothing)."""
        outcomes = self.clean_rows(rows, mapping, headers=headers, progress=progress)
        return self.match(outcomes, confirmed=confirmed)

    def clean_rows(self, rows, mapping, *, headers: list[str], progress=None) -> list[RowOutcome]:
        """The checks that depend on the file alone (so a preview's result can be reused by the import)."""
        raise NotImplementedError

    def match(self, outcomes: list[RowOutcome], *, confirmed: dict) -> Analysis:
        """The decisions that depend on the database: new, update, unchanged, to confirm."""
        raise NotImplementedError

    @staticmethod
    def _pick(raw: list[str], mapping: dict[int, str]) -> dict[str, str]:
        return {name: raw[index] for index, name in mapping.items() if index < len(raw) and raw[index]}


class OrganisationResource(ImportResource):
    """Companies, cooperatives and bodies of the network, with their main address."""

    key = "organisations"
    label = gettext_lazy("Organisations (companies, cooperatives, bodies)")
    required = ("name",)
    header_aliases = {
        "name": ["Ragione sociale", "Denominazione", "Nome", "Azienda", "Impresa", "Ente", "Company", "Company name"],
        "alternate_name": ["Insegna", "Nome commerciale", "Alternate name", "Trading name"],
        "kind": ["Tipo", "Tipologia", "Forma giuridica", "Natura giuridica", "Kind", "Type"],
        "vat_number": ["P.IVA", "P. IVA", "Partita IVA", "PIVA", "P.I.", "Partita I.V.A.", "VAT", "VAT number"],
        "tax_code": ["Codice fiscale", "C.F.", "CF", "Cod. fiscale", "Cod. fisc.", "Tax code"],
        "rea_number": ["REA", "N. REA", "Numero REA", "REA number"],
        "ateco_code": ["ATECO", "Codice ATECO", "Cod. ATECO", "ATECO 2007", "ATECO code"],
        "sector": ["Settore", "Sezione ATECO", "Settore di attività", "Sector"],
        "employees": ["N. dipendenti", "Numero dipendenti", "Dipendenti", "Addetti", "N. addetti", "Employees"],
        "website": ["Sito", "Sito web", "Sito internet", "Web", "Website", "URL"],
        "email": ["Email", "E-mail", "Mail", "Posta elettronica", "Indirizzo email"],
        "pec": ["PEC", "Posta certificata", "Indirizzo PEC", "E-mail PEC"],
        "phone": ["Telefono", "Tel", "Tel.", "N. telefono", "Cellulare", "Phone"],
        "address": ["Indirizzo", "Via", "Indirizzo sede", "Sede legale", "Address", "Street"],
        "municipality": ["Comune", "Città", "Località", "Comune sede", "Municipality", "City", "Town"],
        "province": ["Prov.", "Provincia", "Prov", "PR", "Sigla provincia", "Province"],
        "postcode": ["CAP", "C.A.P.", "Codice postale", "Postcode", "ZIP"],
    }

    name = fields.Field(attribute="name", column_name=gettext_lazy("Name"), widget=widgets.CharWidget())
    alternate_name = fields.Field(attribute="alternate_name", column_name=gettext_lazy("Alternate name"))
    kind = fields.Field(attribute="kind", column_name=gettext_lazy("Kind"))
    vat_number = fields.Field(attribute="vat_number", column_name=gettext_lazy("VAT number"))
    tax_code = fields.Field(attribute="tax_code", column_name=gettext_lazy("Tax code"))
    rea_number = fields.Field(attribute="rea_number", column_name=gettext_lazy("REA number"))
    ateco_code = fields.Field(attribute="ateco_code", column_name=gettext_lazy("ATECO code"))
    sector = fields.Field(
        attribute="sector",
        column_name=gettext_lazy("Sector"),
        widget=widgets.ForeignKeyWidget(TaxonomyTerm, field="code"),
    )
    employees = fields.Field(
        attribute="employees", column_name=gettext_lazy("Employees"), widget=widgets.IntegerWidget()
    )
    website = fields.Field(attribute="website", column_name=gettext_lazy("Website"))
    email = fields.Field(attribute="email", column_name=gettext_lazy("E-mail"))
    pec = fields.Field(attribute="pec", column_name=gettext_lazy("PEC"))
    phone = fields.Field(attribute="phone", column_name=gettext_lazy("Phone"))
    # The main location: not fields of Organisation, written to its first Location.
    address = fields.Field(column_name=gettext_lazy("Address"), readonly=True)
    municipality = fields.Field(column_name=gettext_lazy("Municipality"), readonly=True)
    province = fields.Field(column_name=gettext_lazy("Province"), readonly=True)
    postcode = fields.Field(column_name=gettext_lazy("Postcode"), readonly=True)

    class Meta:
        model = Organisation
        import_id_fields = ("vat_number",)
        fields = (
            "name",
            "alternate_name",
            "kind",
            "vat_number",
            "tax_code",
            "rea_number",
            "ateco_code",
            "sector",
            "employees",
            "website",
            "email",
            "pec",
            "phone",
            *LOCATION_FIELDS,
        )
        skip_unchanged = True
        report_skipped = True

    # --- cleaning -------------------------------------------------------------------------

    def _sectors(self) -> dict[str, int]:
        if not hasattr(self, "_sector_cache"):
            index: dict[str, int] = {}
            for term in TaxonomyTerm.objects.filter(taxonomy__key=SECTORS_TAXONOMY):
                for key in (term.code, term.name, term.name_en, f"{term.code} {term.name}"):
                    if key:
                        index[normalise(key)] = term.pk
            self._sector_cache = index
        return self._sector_cache

    def clean_row(self, picked: dict[str, str]) -> tuple[dict, list[tuple[str, str]]]:
        """Cleaned values of the mapped cells, and the (field, reason) of every problem."""
        values: dict = {}
        errors: list[tuple[str, str]] = []
        simple = {
            "vat_number": cleaning.vat_number,
            "tax_code": cleaning.tax_code,
            "rea_number": cleaning.rea_number,
            "ateco_code": cleaning.ateco_code,
            "employees": cleaning.employees,
            "website": cleaning.website,
            "email": cleaning.email,
            "pec": cleaning.email,
            "phone": cleaning.phone,
            "kind": cleaning.kind,
            "postcode": cleaning.postcode,
        }
        for name, cell in picked.items():
            try:
                if name in simple:
                    values[name] = simple[name](cell)
                elif name == "sector":
                    term = self._sectors().get(normalise(cell))
                    if term is None:
                        raise CellError(_("“%(value)s” is not an ATECO section.") % {"value": cell})
                    values[name] = term
                elif name in ("name", "alternate_name"):
                    values[name] = cell[:200]
                else:
                    values[name] = cell
            except CellError as error:
                errors.append((name, str(error)))
        if not values.get("name"):
            errors.append(("name", _("The name is missing.")))
        if values.get("name") and len(values["name"]) < 2:
            errors.append(("name", _("The name is too short.")))
        if "address" in values:
            values["address"] = values["address"][:200]
        if values.get("municipality"):
            try:
                found = cleaning.municipality(
                    values["municipality"], values.get("province", ""), values.get("postcode", "")
                )
            except CellError as error:
                errors.append(("municipality", str(error)))
            else:
                values.update(municipality=found.name, province=found.province, municipality_code=found.code)
                if not values.get("postcode") and len(found.postcodes) == 1:
                    values["postcode"] = found.postcodes[0]
        elif values.get("address") or values.get("postcode"):
            errors.append(("municipality", _("The municipality is missing: an address needs it.")))
        if values.get("ateco_code") and "sector" not in values and "sector" not in picked:
            term = self._sectors().get(normalise(cleaning.ateco_section(values["ateco_code"])))
            if term:
                values["sector"] = term
        if values.get("tax_code") and values.get("tax_code") == values.get("vat_number"):
            values["tax_code"] = ""  # the model keeps the tax code only when it differs
        if values.get("employees") is not None:
            from network.models import size_band_for

            values["size_band"] = str(size_band_for(values["employees"]))
        return values, errors

    # --- matching -------------------------------------------------------------------------

    def clean_rows(self, rows, mapping, *, headers: list[str], progress=None) -> list[RowOutcome]:
        column_of = {name: headers[index] or f"#{index + 1}" for index, name in mapping.items()}
        outcomes: list[RowOutcome] = []
        first_seen: dict[tuple, int] = {}
        for row_number, raw in rows:
            picked = self._pick(raw, mapping)
            values, errors = self.clean_row(picked)
            outcome = RowOutcome(row_number=row_number, action=NEW, values=values, raw=raw)
            for key in self._file_keys(values):
                if key in first_seen:
                    errors.append((key[0], _("Duplicate of row %(row)d in this file.") % {"row": first_seen[key]}))
                    break
            if not errors:
                for key in self._file_keys(values):
                    first_seen[key] = row_number
            if errors:
                outcome.action = INVALID
                outcome.errors = [(column_of.get(name, name), reason) for name, reason in errors]
            outcomes.append(outcome)
            if progress and len(outcomes) % 1000 == 0:
                progress(len(outcomes) / len(rows))
        return outcomes

    def match(self, outcomes: list[RowOutcome], *, confirmed: dict) -> Analysis:
        self._match(outcomes, confirmed)
        return Analysis(outcomes)

    @staticmethod
    def _file_keys(values: dict) -> list[tuple]:
        keys = []
        if values.get("vat_number"):
            keys.append(("vat_number", values["vat_number"]))
        if values.get("tax_code"):
            keys.append(("tax_code", values["tax_code"]))
        if not keys and values.get("name"):
            keys.append(("name", normalise(values["name"]), values.get("municipality_code", "")))
        return keys

    def _match(self, outcomes: list[RowOutcome], confirmed: dict) -> None:
        valid = [row for row in outcomes if row.action != INVALID]
        vats = {row.values["vat_number"] for row in valid if row.values.get("vat_number")}
        tax_codes = {row.values["tax_code"] for row in valid if row.values.get("tax_code")}
        by_vat: dict[str, int] = {}
        by_tax: dict[str, int] = {}
        org_vat: dict[int, str] = {}
        wanted = vats | tax_codes
        # One pass over the identifiers of the network: a few hundred thousand short rows at
        # most, cheaper than thousands of IN (...) look-ups on two columns.
        identifiers = Organisation.objects.exclude(vat_number="", tax_code="").values_list(
            "pk", "vat_number", "tax_code"
        )
        for pk, vat, tax in identifiers.iterator(chunk_size=10_000) if wanted else ():
            if vat in wanted or tax in wanted:
                org_vat[pk] = vat
                if vat:
                    by_vat[vat] = pk
                    by_tax.setdefault(vat, pk)
                if tax:
                    by_tax[tax] = pk
        # Names are compared only for rows no identifier matched (often none at all).
        unmatched = [
            row
            for row in valid
            if not (
                row.values.get("vat_number") in by_vat
                or row.values.get("tax_code") in by_tax
                or row.values.get("vat_number") in by_tax
            )
        ]
        names = {normalise(row.values["name"]) for row in unmatched if row.values.get("municipality_code")}
        by_name: dict[tuple[str, str], int] = {}
        names_query = Location.objects.filter(organisation__name__isnull=False).values_list(
            "organisation_id", "organisation__name", "municipality_code", "organisation__vat_number"
        )
        for pk, name, code, vat in names_query.iterator(chunk_size=5000) if names else ():
            key = normalise(name)
            if key in names:
                by_name.setdefault((key, code), pk)
                org_vat[pk] = vat
        for row in valid:
            values = row.values
            vat, tax = values.get("vat_number"), values.get("tax_code")
            if vat and vat in by_vat:
                row.target_id, row.matched_by = by_vat[vat], "vat_number"
            elif (tax and tax in by_tax) or (vat and vat in by_tax):
                # A company's tax code is usually its VAT number: either may be on file as tax code.
                target = by_tax[tax] if tax in by_tax else by_tax[vat]
                if vat and org_vat.get(target) and org_vat[target] != vat:
                    row.action = INVALID
                    row.errors = [
                        (_("Tax code"), _("This tax code belongs to an organisation with another VAT number."))
                    ]
                    continue
                row.target_id, row.matched_by = target, "tax_code"
            else:
                key = (normalise(values["name"]), values.get("municipality_code", ""))
                candidate = by_name.get(key) if key[1] else None
                if candidate and not (vat and org_vat.get(candidate) and org_vat[candidate] != vat):
                    if int(confirmed.get(str(row.row_number), 0) or 0) == candidate:
                        row.target_id, row.matched_by = candidate, "name_confirmed"
                    else:
                        row.action, row.target_id, row.matched_by = TO_CONFIRM, candidate, "name"
                        continue
            if row.target_id is not None:
                row.action = UPDATE
        self._diff([row for row in valid if row.action == UPDATE])

    def _diff(self, rows: list[RowOutcome]) -> None:
        ids = [row.target_id for row in rows]
        current: dict[int, dict] = {}
        own = [name for name in self._meta.fields if name not in ("sector", *LOCATION_FIELDS)]
        own += ["sector_id", "size_band"]
        for chunk in _chunks(ids, 2000):
            for values in Organisation.objects.filter(pk__in=chunk).values("pk", *own):
                values["sector"] = values.pop("sector_id")
                current[values["pk"]] = values
            for location in (
                Location.objects.filter(organisation_id__in=chunk)
                .order_by("organisation_id", "sort_order", "pk")
                .values("organisation_id", "pk", *LOCATION_FIELDS)
            ):
                target = current[location["organisation_id"]]
                if "location_id" not in target:
                    target["location_id"] = location["pk"]
                    target.update({name: location[name] for name in LOCATION_FIELDS})
        for row in rows:
            existing = current[row.target_id]
            changes = {}
            for name, new in row.values.items():
                if name == "municipality_code":
                    continue
                old = existing.get(name, "" if name in LOCATION_FIELDS else None)
                if old is None:
                    old = ""
                if new not in ("", None) and str(old) != str(new):
                    changes[name] = [old, new]
            if changes and any(name in changes for name in LOCATION_FIELDS):
                changes["location_id"] = [existing.get("location_id"), existing.get("location_id")]
            row.changes = changes
            if not changes:
                row.action = UNCHANGED


class ContactResource(ImportResource):
    """Contact persons at organisations already in the network, found by VAT number or tax code."""

    key = "contacts"
    label = gettext_lazy("Contact persons of organisations")
    required = ("name", "organisation_vat")
    header_aliases = {
        "organisation_vat": ["P.IVA", "Partita IVA", "P.IVA azienda", "Codice fiscale azienda", "CF azienda"],
        "name": ["Nominativo", "Nome e cognome", "Cognome e nome", "Referente", "Contatto", "Nome", "Name"],
        "title": ["Ruolo", "Qualifica", "Funzione", "Role", "Title"],
        "department": ["Reparto", "Ufficio", "Area", "Department"],
        "email": ["Email", "E-mail", "Mail", "Posta elettronica"],
        "phone": ["Telefono", "Tel", "Tel.", "Cellulare", "Phone"],
    }

    organisation_vat = fields.Field(
        attribute="organisation",
        column_name=gettext_lazy("Organisation's VAT number or tax code"),
        widget=widgets.ForeignKeyWidget(Organisation, field="vat_number"),
    )
    name = fields.Field(attribute="name", column_name=gettext_lazy("Name"))
    title = fields.Field(attribute="title", column_name=gettext_lazy("Role"))
    department = fields.Field(attribute="department", column_name=gettext_lazy("Department"))
    email = fields.Field(attribute="email", column_name=gettext_lazy("E-mail"))
    phone = fields.Field(attribute="phone", column_name=gettext_lazy("Phone"))

    class Meta:
        model = Contact
        fields = ("organisation_vat", "name", "title", "department", "email", "phone")
        import_id_fields = ("organisation_vat", "name")

    def clean_rows(self, rows, mapping, *, headers: list[str], progress=None) -> list[RowOutcome]:
        column_of = {name: headers[index] or f"#{index + 1}" for index, name in mapping.items()}
        outcomes: list[RowOutcome] = []
        seen: dict[tuple, int] = {}
        for row_number, raw in rows:
            picked = self._pick(raw, mapping)
            values: dict = {}
            errors: list[tuple[str, str]] = []
            for name, cell in picked.items():
                try:
                    if name == "email":
                        values[name] = cleaning.email(cell)
                    elif name == "phone":
                        values[name] = cleaning.phone(cell)
                    elif name == "organisation_vat":
                        compact = cell.replace(" ", "").upper().removeprefix("IT")
                        values[name] = cleaning.vat_number(compact) if compact.isdigit() else cleaning.tax_code(compact)
                    else:
                        values[name] = cell[:160]
                except CellError as error:
                    errors.append((name, str(error)))
            for name in self.required:
                if not values.get(name) and not any(field_name == name for field_name, _reason in errors):
                    errors.append((name, _("This value is missing.")))
            outcome = RowOutcome(row_number=row_number, action=NEW, values=values, raw=raw)
            if not errors:
                key = (values["organisation_vat"], normalise(values["name"]))
                if key in seen:
                    errors.append(("name", _("Duplicate of row %(row)d in this file.") % {"row": seen[key]}))
                else:
                    seen[key] = row_number
            if errors:
                outcome.action = INVALID
                outcome.errors = [(column_of.get(name, name), reason) for name, reason in errors]
            outcomes.append(outcome)
        return outcomes

    def match(self, outcomes: list[RowOutcome], *, confirmed: dict) -> Analysis:
        identifiers = {row.values["organisation_vat"]: None for row in outcomes if row.action != INVALID}
        organisations = {}
        for chunk in _chunks(list(identifiers), 2000):
            for pk, vat, tax in Organisation.objects.filter(
                Q(vat_number__in=chunk) | Q(tax_code__in=chunk)
            ).values_list("pk", "vat_number", "tax_code"):
                for identifier in (vat, tax):
                    if identifier:
                        organisations.setdefault(identifier, pk)
        contacts: dict[tuple[int, str], dict] = {}
        for contact in Contact.objects.filter(organisation_id__in=set(organisations.values())).values(
            "pk", "organisation_id", "name", "title", "department", "email", "phone"
        ):
            contacts.setdefault((contact["organisation_id"], normalise(contact["name"])), contact)
        for row in outcomes:
            if row.action == INVALID:
                continue
            organisation_id = organisations.get(row.values["organisation_vat"])
            if organisation_id is None:
                row.action = INVALID
                row.errors = [(_("Organisation"), _("No organisation in the network has this identifier."))]
                continue
            row.values["organisation_id"] = organisation_id
            existing = contacts.get((organisation_id, normalise(row.values["name"])))
            if existing:
                row.target_id, row.matched_by = existing["pk"], "name"
                row.changes = {
                    name: [existing[name], new]
                    for name, new in row.values.items()
                    if name in ("title", "department", "email", "phone") and new and existing[name] != new
                }
                row.action = UPDATE if row.changes else UNCHANGED
        return Analysis(outcomes)


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


RESOURCES: dict[str, type[ImportResource]] = {
    OrganisationResource.key: OrganisationResource,
    ContactResource.key: ContactResource,
}

__all__ = ["RESOURCES", "Analysis", "ContactResource", "OrganisationKind", "OrganisationResource", "RowOutcome"]

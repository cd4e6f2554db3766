"""The demo network: a few hundred fictional organisations around Dalmine and Bergamo.

Built by ``seed_demo`` so that the admin, the directory and the API have something
realistic to show: companies of several sectors and sizes (some bound by the L. 68/99
quota, some with an art. 11 agreement), type-A and type-B social cooperatives, the
municipal social services, the job centre and the Collocamento Mirato office, mental-health
and addiction services, employers' associations, third-sector and training bodies.

Every organisation is fictional (names, streets, people, web sites on example.org); the
municipalities, their ISTAT codes and postcodes are real. Generation is deterministic
(a seeded random), and the seeder is idempotent: organisations are keyed by slug and VAT
number, and one that already exists is left exactly as staff left it.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from stdnum import luhn
from wagtail.search.backends import get_search_backends

from network.models import (
    ROLES_TAXONOMY,
    SECTORS_TAXONOMY,
    Contact,
    District,
    Location,
    Organisation,
    OrganisationKind,
    OutdatedReport,
    OutdatedReportStatus,
    PartnershipStatus,
    Service,
    TaxonomyTerm,
    size_band_for,
)
from network.municipalities import find_municipality

SEED = 20_261_125
PROVINCE = "BG"

# The four districts (ambiti territoriali) the service works with, their lead municipality
# and member municipalities.
DISTRICTS = [
    (
        "dalmine",
        "Ambito di Dalmine",
        "Dalmine district",
        "Dalmine",
        [
            "Azzano San Paolo", "Boltiere", "Ciserano", "Comun Nuovo", "Curno", "Dalmine", "Lallio", "Levate",
            "Mozzo", "Osio Sopra", "Osio Sotto", "Stezzano", "Treviolo", "Urgnano", "Verdellino", "Verdello",
            "Zanica",
        ],
    ),
    (
        "bergamo",
        "Ambito di Bergamo",
        "Bergamo district",
        "Bergamo",
        ["Bergamo", "Gorle", "Orio al Serio", "Ponteranica", "Sorisole", "Torre Boldone"],
    ),
    (
        "seriate",
        "Ambito di Seriate",
        "Seriate district",
        "Seriate",
        [
            "Albano Sant'Alessandro", "Bagnatica", "Brusaporto", "Cavernago", "Costa di Mezzate", "Grassobbio",
            "Montello", "Pedrengo", "Scanzorosciate", "Seriate", "Torre de' Roveri",
        ],
    ),
    (
        "grumello-del-monte",
        "Ambito di Grumello del Monte",
        "Grumello del Monte district",
        "Grumello del Monte",
        [
            "Bolgare", "Calcinate", "Carobbio degli Angeli", "Castelli Calepio", "Chiuduno", "Gandosso",
            "Grumello del Monte", "Mornico al Serio", "Palosco", "Telgate",
        ],
    ),
]  # fmt: skip

# Approximate coordinates of each municipality's centre (latitude, longitude).
CENTRES = {
    "Azzano San Paolo": (45.660, 9.673), "Boltiere": (45.600, 9.578), "Ciserano": (45.588, 9.601),
    "Comun Nuovo": (45.623, 9.663), "Curno": (45.690, 9.612), "Dalmine": (45.650, 9.605),
    "Lallio": (45.664, 9.628), "Levate": (45.625, 9.623), "Mozzo": (45.700, 9.605),
    "Osio Sopra": (45.630, 9.590), "Osio Sotto": (45.622, 9.596), "Stezzano": (45.650, 9.652),
    "Treviolo": (45.672, 9.593), "Urgnano": (45.597, 9.695), "Verdellino": (45.601, 9.613),
    "Verdello": (45.605, 9.630), "Zanica": (45.640, 9.685), "Bergamo": (45.695, 9.670),
    "Gorle": (45.700, 9.713), "Orio al Serio": (45.675, 9.693), "Ponteranica": (45.733, 9.652),
    "Sorisole": (45.740, 9.637), "Torre Boldone": (45.717, 9.708), "Albano Sant'Alessandro": (45.688, 9.768),
    "Bagnatica": (45.660, 9.780), "Brusaporto": (45.672, 9.762), "Cavernago": (45.627, 9.768),
    "Costa di Mezzate": (45.665, 9.795), "Grassobbio": (45.657, 9.727), "Montello": (45.705, 9.805),
    "Pedrengo": (45.697, 9.735), "Scanzorosciate": (45.710, 9.735), "Seriate": (45.685, 9.724),
    "Torre de' Roveri": (45.698, 9.765), "Bolgare": (45.633, 9.815), "Calcinate": (45.620, 9.800),
    "Carobbio degli Angeli": (45.668, 9.832), "Castelli Calepio": (45.640, 9.900), "Chiuduno": (45.650, 9.853),
    "Gandosso": (45.660, 9.888), "Grumello del Monte": (45.635, 9.873), "Mornico al Serio": (45.592, 9.810),
    "Palosco": (45.590, 9.837), "Telgate": (45.628, 9.848),
    # Outside the four districts, still in the province: some employers are.
    "Treviglio": (45.521, 9.592), "Ponte San Pietro": (45.700, 9.590), "Brembate": (45.605, 9.555),
    "Romano di Lombardia": (45.520, 9.754), "Albino": (45.760, 9.797),
}  # fmt: skip

STREETS = [
    "Via Roma", "Via Garibaldi", "Via Marconi", "Via Mazzini", "Via Verdi", "Via Kennedy", "Via Europa",
    "Via dei Mille", "Via Lombardia", "Via Papa Giovanni XXIII", "Via XXV Aprile", "Via Manzoni",
]  # fmt: skip
INDUSTRIAL_STREETS = [
    "Via dell'Industria", "Via dell'Artigianato", "Via del Lavoro", "Via Provinciale", "Via delle Valli",
    "Via dei Tigli", "Via Fornaci", "Via Galvani", "Via Volta", "Via Pascoli",
]  # fmt: skip

# Coined family-name stems for company names: Italian-sounding, invented.
NAME_STARTS = ["Bor", "Cal", "Dar", "Fen", "Gal", "Lor", "Mar", "Ner", "Pol", "Ros", "Sel", "Tor", "Val", "Zan", "Bel"]
NAME_ENDS = ["ardi", "enti", "oni", "elli", "asco", "ini", "otti", "ale", "ighi", "uzzi"]
FIRST_NAMES = ["Anna", "Luca", "Giulia", "Marco", "Sara", "Paolo", "Elena", "Davide", "Chiara", "Matteo", "Silvia"]
# Obviously invented surnames for contact persons.
SURNAMES = ["Esempio", "Prova", "Fittizi", "Inventato", "Modello", "Campione", "Bozza", "Saggio"]

# (ATECO section, business word, ATECO codes, what an internship there is about)
COMPANY_SECTORS = [
    ("C", "Meccanica", ["25.62.00", "28.41.00"], "reparto produzione e montaggio"),
    ("C", "Carpenteria", ["25.11.00"], "saldatura e carpenteria leggera"),
    ("C", "Plastiche", ["22.29.09"], "stampaggio e controllo qualità"),
    ("C", "Tessitura", ["13.20.00"], "reparto tessitura e finissaggio"),
    ("C", "Alimentari", ["10.71.10", "10.51.20"], "confezionamento alimentare"),
    ("G", "Market", ["47.11.40"], "rifornimento scaffali e cassa"),
    ("G", "Forniture", ["46.90.00"], "magazzino e spedizioni"),
    ("H", "Logistica", ["52.10.20"], "magazzino e movimentazione merci"),
    ("H", "Trasporti", ["49.41.00"], "ufficio traffico e magazzino"),
    ("I", "Ristorante", ["56.10.11"], "cucina e sala"),
    ("I", "Hotel", ["55.10.00"], "piani e colazioni"),
    ("F", "Edilizia", ["41.20.00", "43.21.01"], "cantiere e manutenzioni"),
    ("N", "Servizi di pulizia", ["81.21.00"], "pulizie civili e industriali"),
    ("J", "Informatica", ["62.01.00"], "assistenza informatica e data entry"),
    ("Q", "Residenza anziani", ["87.10.00"], "servizi ausiliari e accoglienza"),
    ("S", "Lavanderia", ["96.01.10"], "lavanderia e stireria"),
    ("M", "Studio tecnico", ["71.12.10"], "archivio e segreteria"),
    ("A", "Florovivaismo", ["01.19.20"], "serre e vivaio"),
    ("E", "Ecologia", ["38.11.00"], "raccolta e selezione dei rifiuti"),
]
LEGAL_FORMS = ["S.r.l.", "S.r.l.", "S.p.A.", "S.n.c.", "S.a.s."]

COOP_B_ACTIVITIES = [
    ("Pulizie", "81.21.00", "N"),
    ("Manutenzione del verde", "81.30.00", "N"),
    ("Assemblaggi conto terzi", "82.92.10", "N"),
    ("Raccolta differenziata", "38.11.00", "E"),
    ("Ristorazione collettiva", "56.29.10", "I"),
    ("Legatoria e archiviazione", "82.19.09", "N"),
]
COOP_A_ACTIVITIES = [
    ("Centro socio educativo", "88.10.00"),
    ("Comunità alloggio", "87.30.00"),
    ("Servizi educativi per minori", "88.91.00"),
]
COOP_NAMES = [
    "Il Germoglio", "La Ginestra", "Il Ponte Sospeso", "L'Approdo", "Il Mosaico Verde", "La Bussola",
    "Il Quadrifoglio", "La Lanterna", "Il Sentiero", "L'Officina Solidale", "La Tela", "Il Melograno",
    "La Fornace Nuova", "Il Girasole Blu", "L'Arcobaleno di Sera", "Il Filo d'Erba", "La Sorgente Viva",
    "Il Faro Basso", "La Chiocciola", "Il Tiglio", "La Rondine", "L'Orto Comune", "Il Mulino Alto",
    "La Tavolozza", "Il Cortile",
]  # fmt: skip
THIRD_SECTOR_NAMES = [
    ("Associazione", "Mani Aperte"), ("Associazione", "Passo dopo Passo"), ("Fondazione", "Casa del Borgo"),
    ("Associazione", "Amici del Lavoro"), ("APS", "Il Cerchio"), ("ODV", "Una Mano per Tutti"),
    ("Associazione", "Genitori Insieme"), ("Fondazione", "Opera Colle Alto"), ("APS", "La Piazza"),
    ("ODV", "Sportello Amico"), ("Associazione", "Oltre il Muro"), ("APS", "Spazio Comune"),
    ("Fondazione", "Comunità del Serio"), ("Associazione", "Ripartire"), ("ODV", "Il Pane Condiviso"),
    ("APS", "Officina dei Talenti"), ("Associazione", "Strade Nuove"), ("ODV", "Porte Aperte"),
]  # fmt: skip
TRAINING_NAMES = [
    "Scuola di Mestieri della Pianura", "Centro Formazione Professionale Serio", "Accademia dei Saperi Pratici",
    "Istituto Formativo Orobico Sud", "Centro Studi Lavoro e Persona", "Formazione Continua Isola Bassa",
    "Laboratorio delle Competenze", "Scuola Edile di Esempio",
]  # fmt: skip
ASSOCIATIONS = [
    "Unione Imprese della Pianura Orobica", "Associazione Artigiani Bergamo Sud", "Consorzio Commercianti del Serio",
    "Associazione Piccole Industrie Orobiche", "Lega delle Cooperative Sociali di Esempio",
    "Associazione Agricoltori della Bassa",
]  # fmt: skip


DEMO_REPORTS = [
    ("Il numero di telefono indicato non risponde più.", OutdatedReportStatus.NEW),
    ("La sede si è trasferita nella zona industriale.", OutdatedReportStatus.NEW),
    ("Il sito web non è più raggiungibile.", OutdatedReportStatus.NEW),
    ("L'azienda non ospita più tirocini da quest'anno.", OutdatedReportStatus.NEW),
    ("L'indirizzo e-mail è cambiato.", OutdatedReportStatus.DONE),
    ("Il nome riportato è quello vecchio.", OutdatedReportStatus.DONE),
]


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)

    def add(self, what: str) -> None:
        self.created.append(what)


@dataclass
class OrganisationSpec:
    """Everything the seeder needs to build one organisation and its children."""

    fields: dict
    municipality: str
    districts: list[str]
    roles: list[str]
    sector: str = ""
    services: list[tuple[str, str]] = field(default_factory=list)  # (name, who it is for)
    street: str = ""


def vat_number(rng: random.Random) -> str:
    """A partita IVA with a valid check digit: seven random digits, the Bergamo office code, Luhn."""
    body = f"{rng.randint(1, 9_999_999):07d}016"
    return body + luhn.calc_check_digit(body)


# Employers outside the four districts still work with the service in the nearest one.
NEAREST_DISTRICT = {
    "Treviglio": "dalmine",
    "Ponte San Pietro": "dalmine",
    "Brembate": "dalmine",
    "Romano di Lombardia": "grumello-del-monte",
    "Albino": "seriate",
}


def _district_of(municipality: str) -> list[str]:
    inside = [slug for slug, _name, _en, _lead, members in DISTRICTS if municipality in members]
    return inside or [NEAREST_DISTRICT[municipality]]


def _coined_name(rng: random.Random) -> str:
    return rng.choice(NAME_STARTS) + rng.choice(NAME_ENDS)


def _verification(rng: random.Random, today: datetime.date) -> datetime.date | None:
    draw = rng.random()
    if draw < 0.12:
        return None  # never confirmed
    if draw < 0.35:
        return today - datetime.timedelta(days=rng.randint(380, 1100))  # older than a year
    return today - datetime.timedelta(days=rng.randint(0, 340))


def _partnership(rng: random.Random) -> tuple[str, datetime.date | None]:
    status = rng.choices(
        [PartnershipStatus.ACTIVE, PartnershipStatus.PROSPECT, PartnershipStatus.SUSPENDED, PartnershipStatus.ENDED],
        weights=[55, 25, 12, 8],
    )[0]
    since = (
        None if status == PartnershipStatus.PROSPECT else datetime.date(rng.randint(2012, 2025), rng.randint(1, 12), 1)
    )
    return status, since


def _all_municipalities() -> list[str]:
    return [name for *_rest, members in DISTRICTS for name in members]


def _specs(rng: random.Random, today: datetime.date) -> list[OrganisationSpec]:
    """The whole demo network, in a fixed order: the same list on every run."""
    specs: list[OrganisationSpec] = []
    municipalities = _all_municipalities()
    employers_area = [*municipalities, "Treviglio", "Ponte San Pietro", "Brembate", "Romano di Lombardia", "Albino"]
    used_names: set[str] = set()

    def common(kind: str, name: str, description: str, *, public_share: float = 0.85) -> dict:
        status, since = _partnership(rng)
        slug = slugify(name)[:100]
        return {
            "name": name,
            "slug": slug,
            "kind": kind,
            "description": description,
            "website": f"https://{slug[:50]}.example.org",
            "email": f"info@{slug[:50]}.example.org",
            "phone": f"035 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            "partnership_status": status,
            "partner_since": since,
            "is_public": rng.random() < public_share,
            "verified_at": _verification(rng, today),
        }

    # Companies of every size: the quota starts at 15 employees.
    for _ in range(200):
        section, word, ateco_codes, internship = rng.choice(COMPANY_SECTORS)
        name = f"{word} {_coined_name(rng)} {rng.choice(LEGAL_FORMS)}"
        if name in used_names:
            continue
        used_names.add(name)
        employees = rng.choice(
            [rng.randint(2, 9), rng.randint(10, 14), rng.randint(15, 35), rng.randint(36, 50), rng.randint(51, 249),
             rng.randint(250, 900)]
        )  # fmt: skip
        fields = common(
            OrganisationKind.COMPANY, name, f"Azienda del settore {word.lower()}, con {internship} in sede."
        )
        bound = employees >= 15
        agreement = bound and rng.random() < 0.35
        fields.update(
            vat_number=vat_number(rng),
            rea_number=f"BG-{rng.randint(100000, 459999)}",
            ateco_code=rng.choice(ateco_codes),
            employees=employees,
            size_band=size_band_for(employees),
            has_art11_agreement=agreement,
            art11_agreement_date=datetime.date(rng.randint(2018, 2025), rng.randint(1, 12), 15) if agreement else None,
            publish_identifiers=rng.random() < 0.4,
        )
        roles = ["tirocini"] if rng.random() < 0.7 else []
        if rng.random() < 0.45:
            roles.append("assunzioni")
        if employees >= 50 and rng.random() < 0.4:
            roles.append("commesse")
        municipality = rng.choice(employers_area)
        services = [(f"Tirocini: {internship}", "Persone seguite dal servizio, anche iscritte al collocamento mirato")]
        specs.append(
            OrganisationSpec(
                fields, municipality, _district_of(municipality), roles or ["tirocini"], section, services,
                street=rng.choice(INDUSTRIAL_STREETS),
            )
        )  # fmt: skip

    # Social cooperatives: type B employ disadvantaged people (L. 381/91 art. 4), type A run care services.
    for index, coop_name in enumerate(COOP_NAMES):
        type_b = index % 3 != 0
        municipality = municipalities[(index * 7) % len(municipalities)]
        if type_b:
            activity, ateco, section = COOP_B_ACTIVITIES[index % len(COOP_B_ACTIVITIES)]
            name = f"Cooperativa Sociale {coop_name} (tipo B)"
            fields = common(OrganisationKind.COOPERATIVE_B, name, f"Cooperativa sociale di tipo B: {activity.lower()}.")
            roles = ["tirocini", "assunzioni"]
            services = [(activity, "Persone svantaggiate ai sensi dell'art. 4 della L. 381/1991")]
        else:
            activity, ateco = COOP_A_ACTIVITIES[index % len(COOP_A_ACTIVITIES)]
            section = "Q"
            name = f"Cooperativa Sociale {coop_name}"
            fields = common(OrganisationKind.COOPERATIVE_A, name, f"Cooperativa sociale di tipo A: {activity.lower()}.")
            roles = ["tirocini", "tavolo"]
            services = [(activity, "Persone con disabilità e le loro famiglie")]
        employees = rng.randint(8, 140)
        fields.update(
            vat_number=vat_number(rng),
            rea_number=f"BG-{rng.randint(100000, 459999)}",
            ateco_code=ateco,
            employees=employees,
            size_band=size_band_for(employees),
        )
        specs.append(OrganisationSpec(fields, municipality, _district_of(municipality), roles, section, services))

    # Social services of every municipality of the four districts, and each district's plan office.
    for municipality in municipalities:
        name = f"Comune di {municipality} - Servizi sociali"
        fields = common(
            OrganisationKind.PUBLIC_BODY, name, f"Il servizio sociale del Comune di {municipality}.", public_share=1
        )
        services = [("Segretariato sociale", "Residenti del Comune")]
        specs.append(
            OrganisationSpec(fields, municipality, _district_of(municipality), ["invio", "tavolo"], "O", services)
        )
    for slug, district_name, _en, lead, _members in DISTRICTS:
        fields = common(
            OrganisationKind.PUBLIC_BODY,
            f"Ufficio di Piano - {district_name}",
            "Coordina i servizi sociali dei comuni dell'ambito.",
            public_share=1,
        )
        specs.append(OrganisationSpec(fields, lead, [slug], ["tavolo", "invio"], "O"))

    # The job centres and the Collocamento Mirato office serve every district.
    all_districts = [slug for slug, *_rest in DISTRICTS]
    for name, municipality, description, services in [
        (
            "Centro per l'Impiego di Bergamo",
            "Bergamo",
            "Servizi pubblici per il lavoro: iscrizione, orientamento, incontro tra domanda e offerta.",
            [("Iscrizione e patto di servizio", "Persone disoccupate")],
        ),
        (
            "Centro per l'Impiego di Grumello del Monte",
            "Grumello del Monte",
            "Servizi pubblici per il lavoro della zona del basso Sebino e della pianura.",
            [("Iscrizione e patto di servizio", "Persone disoccupate")],
        ),
        (
            "Collocamento Mirato della Provincia di Bergamo",
            "Bergamo",
            "L'ufficio che applica la L. 68/1999: iscrizioni, quote delle aziende, convenzioni art. 11.",
            [("Iscrizione al collocamento mirato", "Persone con disabilità certificata (L. 68/1999)")],
        ),
    ]:
        fields = common(OrganisationKind.PUBLIC_BODY, name, description, public_share=1)
        specs.append(OrganisationSpec(fields, municipality, all_districts, ["invio", "tavolo"], "O", services))

    # Mental-health and addiction services refer people and sit at the coordination tables.
    mental_health = "Servizio territoriale per la salute mentale degli adulti."
    for name, municipality, description in [
        ("CPS - Centro Psico-Sociale di Bergamo", "Bergamo", mental_health),
        ("CPS - Centro Psico-Sociale di Dalmine", "Dalmine", mental_health),
        ("CPS - Centro Psico-Sociale di Seriate", "Seriate", mental_health),
        ("SerD - Servizio Dipendenze di Bergamo", "Bergamo", "Cura e riabilitazione delle dipendenze."),
        ("SerD - Servizio Dipendenze di Dalmine", "Dalmine", "Cura e riabilitazione delle dipendenze."),
        ("Servizio Disabilità Adulti di Seriate", "Seriate", "Progetti per adulti con disabilità."),
        ("Consultorio Familiare di Grumello", "Grumello del Monte", "Sostegno a famiglie e persone."),
        ("Servizio Inclusione di Bergamo", "Bergamo", "Sostegno a persone in condizione di fragilità sociale."),
    ]:  # fmt: skip
        fields = common(OrganisationKind.SOCIAL_SERVICE, name, description, public_share=1)
        specs.append(OrganisationSpec(fields, municipality, _district_of(municipality), ["invio", "tavolo"], "Q"))

    for name in ASSOCIATIONS:
        municipality = rng.choice(["Bergamo", "Dalmine", "Seriate", "Grumello del Monte"])
        fields = common(OrganisationKind.EMPLOYERS_ASSOCIATION, name, "Associazione di categoria delle imprese.")
        fields["vat_number"] = vat_number(rng)
        specs.append(OrganisationSpec(fields, municipality, all_districts, ["tavolo", "formazione"], "S"))

    for form, short_name in THIRD_SECTOR_NAMES:
        municipality = rng.choice(municipalities)
        name = f"{form} {short_name}"
        fields = common(OrganisationKind.THIRD_SECTOR, name, "Ente del terzo settore attivo nel territorio.")
        fields["vat_number"] = vat_number(rng)
        roles = rng.sample(["tirocini", "invio", "tavolo"], k=rng.randint(1, 2))
        services = [("Volontariato accompagnato", "Persone che cercano un primo contatto con il lavoro")]
        specs.append(OrganisationSpec(fields, municipality, _district_of(municipality), roles, "S", services))

    for name in TRAINING_NAMES:
        municipality = rng.choice(["Bergamo", "Dalmine", "Seriate", "Treviolo", "Stezzano", "Grumello del Monte"])
        fields = common(OrganisationKind.TRAINING_BODY, name, "Ente di formazione accreditato da Regione Lombardia.")
        employees = rng.randint(10, 60)
        fields.update(vat_number=vat_number(rng), employees=employees, size_band=size_band_for(employees))
        services = [("Corsi brevi di qualifica", "Adulti disoccupati"), ("Bilancio di competenze", "Adulti")]
        specs.append(
            OrganisationSpec(
                fields, municipality, _district_of(municipality), ["formazione", "tirocini"], "P",
                services,
            )
        )  # fmt: skip
    return specs


@transaction.atomic
def seed_network() -> SeedReport:
    """Create the demo districts and organisations that are missing; touch nothing that exists."""
    report = SeedReport()
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    today = timezone.localdate()

    districts = {}
    for slug, name, name_en, lead, members in DISTRICTS:
        codes = [find_municipality(member, PROVINCE).code for member in members]
        district, created = District.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "name_en": name_en, "lead_municipality": lead, "municipality_codes": codes},
        )
        if not created and not district.municipality_codes:  # a district seeded before it had municipalities
            district.municipality_codes = codes
            district.save(update_fields=["municipality_codes"])
        districts[slug] = district
        if created:
            report.add(f"district:{slug}")

    roles = {term.code: term for term in TaxonomyTerm.objects.filter(taxonomy__key=ROLES_TAXONOMY)}
    sectors = {term.code: term for term in TaxonomyTerm.objects.filter(taxonomy__key=SECTORS_TAXONOMY)}

    specs = _specs(rng, today)
    taken_slugs = set(Organisation.objects.values_list("slug", flat=True))
    taken_vats = set(Organisation.objects.exclude(vat_number="").values_list("vat_number", flat=True))
    new_specs = []
    for spec in specs:
        vat = spec.fields.get("vat_number", "")
        if spec.fields["slug"] in taken_slugs or (vat and vat in taken_vats):
            continue
        taken_slugs.add(spec.fields["slug"])
        if vat:
            taken_vats.add(vat)
        new_specs.append(spec)
    if not new_specs:
        return report

    organisations = Organisation.objects.bulk_create(
        [Organisation(sector=sectors.get(spec.sector), **spec.fields) for spec in new_specs]
    )
    locations, services, contacts, role_links, district_links = [], [], [], [], []
    for organisation, spec in zip(organisations, new_specs, strict=True):
        locations.append(_location(rng, organisation, spec))
        for order, (service_name, eligibility) in enumerate(spec.services):
            services.append(
                Service(
                    organisation=organisation, name=service_name, eligibility_description=eligibility, sort_order=order
                )
            )
        for order in range(rng.randint(1, 2)):
            first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
            contacts.append(
                Contact(
                    organisation=organisation,
                    name=f"{first} {last}",
                    title=rng.choice(["Responsabile del personale", "Referente tirocini", "Assistente sociale"]),
                    email=f"{first}.{last}@example.org".lower(),
                    phone=f"035 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                    sort_order=order,
                )
            )
        role_links += [
            Organisation.roles.through(organisation=organisation, taxonomyterm=roles[code])
            for code in dict.fromkeys(spec.roles)
            if code in roles
        ]
        district_links += [
            Organisation.districts.through(organisation=organisation, district=districts[slug])
            for slug in dict.fromkeys(spec.districts)
        ]
        report.add(f"organisation:{organisation.slug}")
    # A few visitors' reports, so that the reports listing and the dashboard count have content.
    reports = [
        OutdatedReport(organisation=organisation, message=message, status=status)
        for organisation, (message, status) in zip(
            [o for o in organisations if o.is_public and o.kind == OrganisationKind.COMPANY], DEMO_REPORTS, strict=False
        )
    ]
    OutdatedReport.objects.bulk_create(reports)
    Location.objects.bulk_create(locations)
    Service.objects.bulk_create(services)
    Contact.objects.bulk_create(contacts)
    Organisation.roles.through.objects.bulk_create(role_links)
    Organisation.districts.through.objects.bulk_create(district_links)

    # bulk_create sends no signals, so the search index is filled here in one go.
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Organisation, organisations)
    return report


def _location(rng: random.Random, organisation: Organisation, spec: OrganisationSpec) -> Location:
    municipality = find_municipality(spec.municipality, PROVINCE)
    if municipality is None:  # a typo in the lists above: fail loudly rather than seed bad data
        raise ValueError(f"Unknown municipality in the demo network: {spec.municipality}")
    latitude, longitude = CENTRES[spec.municipality]
    street = spec.street or rng.choice(STREETS)
    return Location(
        organisation=organisation,
        name="Sede",
        address=f"{street} {rng.randint(1, 120)}",
        municipality=municipality.name,
        municipality_code=municipality.code,
        province=municipality.province,
        postcode=rng.choice(municipality.postcodes),
        latitude=round(latitude + rng.uniform(-0.006, 0.006), 6),
        longitude=round(longitude + rng.uniform(-0.008, 0.008), 6),
    )

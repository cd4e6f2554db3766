"""Demo forms: the referral form, the offer form and the contact form, in Italian and English.

Idempotent like ``content.demo``: a form that exists (same slug under the same parent) is
left alone. Needs the demo site of ``content.demo.seed_site`` (the parent pages).
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Locale, Page

from content.demo import SeedReport
from content.models import HomePage
from forms.models import ContactFormPage, CoreFieldText, FormField, OfferFormPage, ReferralFormPage

PRIVACY = {
    "it": (
        "<p>I dati inviati con questo modulo sono trattati dal SIL per gestire la richiesta, "
        "nel rispetto del Regolamento UE 2016/679. I dati sulla salute e sulla disabilità sono "
        "categorie particolari (art. 9): li vede solo il personale del servizio e dell'ambito "
        "competente. Per saperne di più leggi l'informativa privacy del sito.</p>"
    ),
    "en": (
        "<p>The data sent with this form are processed by the SIL to handle the request, under "
        "Regulation (EU) 2016/679. Health and disability data are special categories (art. 9): only "
        "the staff of the service and of the district concerned see them. The site's privacy notice "
        "tells you more.</p>"
    ),
}
THANKS = {
    "it": "<p>Ti risponderemo entro dieci giorni lavorativi. Ogni segnalazione riceve una risposta.</p>",
    "en": "<p>We will answer within ten working days. Every submission gets an answer.</p>",
}

FORMS = [
    {
        "model": ReferralFormPage,
        "parent": {"it": "per-i-servizi-invianti", "en": "for-referring-services"},
        "slug": {"it": "segnalazione", "en": "referral"},
        "title": {"it": "Segnala una persona", "en": "Refer a person"},
        "introduction": {
            "it": "La scheda di segnalazione per i servizi invianti: servizi sociali comunali, "
            "servizi specialistici, Centro per l'Impiego e Collocamento Mirato.",
            "en": "The referral sheet for referring services: municipal social services, specialist "
            "services, the job centre and the Collocamento Mirato office.",
        },
        "core_texts": [
            {
                "field_name": "reason",
                "label": {"it": "Motivo della segnalazione", "en": "Reason for referral"},
                "help_text": {
                    "it": "Descrivi in breve la situazione lavorativa e cosa ti aspetti dal SIL.",
                    "en": "Briefly describe the person's work situation and what you expect from the SIL.",
                },
            }
        ],
        "fields": [
            {
                "label": {"it": "Altri servizi che seguono la persona", "en": "Other services following the person"},
                "field_type": "group",
                "required": False,
                "choices": {"it": "Servizio\nOperatore", "en": "Service\nWorker"},
                "help_text": {"it": "Una riga per servizio.", "en": "One row for each service."},
            },
            {
                "label": {"it": "Relazione allegata", "en": "Attached report"},
                "field_type": "attachment_pdf",
                "required": False,
                "help_text": {
                    "it": "Facoltativa: una relazione in PDF, al massimo 10 MB.",
                    "en": "Optional: a report as a PDF, up to 10 MB.",
                },
            },
        ],
    },
    {
        "model": OfferFormPage,
        "parent": {"it": "per-le-aziende", "en": "for-companies"},
        "slug": {"it": "offri-lavoro-o-tirocinio", "en": "offer-a-job-or-internship"},
        "title": {"it": "Offri un lavoro o un tirocinio", "en": "Offer a job or an internship"},
        "introduction": {
            "it": "Per le aziende e le cooperative che cercano personale o possono ospitare un tirocinio.",
            "en": "For companies and cooperatives looking for staff or able to host an internship.",
        },
        "core_texts": [],
        "fields": [
            {
                "label": {"it": "Descrizione della posizione", "en": "Job description"},
                "field_type": "attachment_pdf",
                "required": False,
                "help_text": {"it": "Facoltativa, in PDF.", "en": "Optional, as a PDF."},
            }
        ],
    },
    {
        "model": ContactFormPage,
        "parent": {"it": "contatti", "en": "contacts"},
        "slug": {"it": "scrivici", "en": "write-to-us"},
        "title": {"it": "Scrivici", "en": "Write to us"},
        "introduction": {
            "it": "Per domande sul servizio. Non scrivere qui dati sulla salute.",
            "en": "For questions about the service. Do not write health data here.",
        },
        "core_texts": [],
        "fields": [],
    },
]


def _parent(locale: Locale, slug: str) -> Page | None:
    home = HomePage.objects.filter(locale=locale, depth=2).first()
    if home is None:
        return None
    return home.get_children().filter(slug=slug).first()


@transaction.atomic
def seed_forms() -> SeedReport:
    report = SeedReport()
    locales = {code: Locale.objects.get(language_code=code) for code in ("it", "en")}
    for spec in FORMS:
        translation_key = None
        for code, locale in locales.items():
            parent = _parent(locale, spec["parent"][code])
            if parent is None:
                continue
            page = parent.get_children().filter(slug=spec["slug"][code]).first()
            if page is None and translation_key is not None:
                page = spec["model"].objects.filter(translation_key=translation_key, locale=locale).first()
            if page is None:
                page = _create(spec, code, locale, parent, translation_key)
                report.add(f"{code}:form:{spec['slug'][code]}")
            translation_key = page.translation_key
    return report


def _create(spec: dict, code: str, locale: Locale, parent: Page, translation_key) -> Page:
    page = spec["model"](
        title=spec["title"][code],
        slug=spec["slug"][code],
        locale=locale,
        introduction=spec["introduction"][code],
        privacy_notice=PRIVACY[code],
        privacy_notice_version="2026-11",
        thank_you_text=THANKS[code],
        to_address="equipe@sil.example.org",
        from_address="noreply@sil.example.org",
        subject="Nuovo modulo" if code == "it" else "New form",
        live=False,
    )
    if translation_key is not None:
        page.translation_key = translation_key
    page.core_field_texts = [
        CoreFieldText(field_name=text["field_name"], label=text["label"][code], help_text=text["help_text"][code])
        for text in spec["core_texts"]
    ]
    page.form_fields = [
        FormField(
            sort_order=index,
            label=field["label"][code],
            field_type=field["field_type"],
            required=field["required"],
            choices=field.get("choices", {}).get(code, ""),
            help_text=field["help_text"][code],
        )
        for index, field in enumerate(spec["fields"])
    ]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page

"""Factories for the network: organisations with valid identifiers and real municipalities.

Shared by every suite that needs organisations; add factories here, keep them small.
The roles and ATECO taxonomies come from migration 0002, so use ``role_term`` and
``sector_term`` rather than making terms of your own.
"""

import itertools

import factory
import wagtail_factories
from stdnum import luhn

from network import models

_vat_sequence = itertools.count(1)


def valid_vat_number(seed: int | None = None) -> str:
    """Eleven digits with a correct check digit; distinct for each call unless ``seed`` is given."""
    number = (seed if seed is not None else next(_vat_sequence)) % 9_999_999 + 1  # never seven zeros
    body = f"{number:07d}016"  # office code 016: Bergamo
    return body + luhn.calc_check_digit(body)


def role_term(code: str) -> models.TaxonomyTerm:
    return models.TaxonomyTerm.objects.get(taxonomy__key=models.ROLES_TAXONOMY, code=code)


def sector_term(code: str) -> models.TaxonomyTerm:
    return models.TaxonomyTerm.objects.get(taxonomy__key=models.SECTORS_TAXONOMY, code=code)


class DistrictFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Ambito di prova {n}")
    slug = factory.Sequence(lambda n: f"ambito-di-prova-{n}")
    lead_municipality = "Dalmine"

    class Meta:
        model = models.District
        django_get_or_create = ("slug",)


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Officine Esempio {n} S.r.l.")
    slug = factory.Sequence(lambda n: f"officine-esempio-{n}")
    kind = models.OrganisationKind.COMPANY
    vat_number = factory.LazyFunction(valid_vat_number)
    employees = 20
    is_public = True
    description = "Un'azienda di prova."

    class Meta:
        model = models.Organisation


class LocationFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory)
    name = "Sede"
    address = "Via Roma 1"
    municipality = "Dalmine"
    municipality_code = "016091"
    province = "BG"
    postcode = "24044"
    latitude = 45.650
    longitude = 9.605

    class Meta:
        model = models.Location


class ContactFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Persona Inventata {n}")
    title = "Responsabile del personale"
    email = factory.Sequence(lambda n: f"persona.inventata{n}@example.org")

    class Meta:
        model = models.Contact


class ServiceFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Tirocini in magazzino {n}")

    class Meta:
        model = models.Service


class OutdatedReportFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory)
    message = "Il numero di telefono non è più attivo."

    class Meta:
        model = models.OutdatedReport


class DirectoryPageFactory(wagtail_factories.PageFactory):
    title = "La rete"
    slug = "rete"
    introduction = "Le aziende e gli enti che lavorano con il servizio."

    class Meta:
        model = models.DirectoryPage

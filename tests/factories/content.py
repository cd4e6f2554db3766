"""Factories for the public site's pages, built on wagtail-factories."""

import factory
import wagtail_factories

from content import models


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    hero_title = "Lavoro per tutte le persone"
    introduction = "Il servizio che accompagna al lavoro."

    class Meta:
        model = models.HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Pagina {n}")
    introduction = "Una pagina di prova."
    body = factory.LazyFunction(
        lambda: [
            ("heading", {"text": "Un titolo", "level": "h2"}),
            ("paragraph", "<p>Un paragrafo di testo.</p>"),
            (
                "accordion",
                {"title": "Domande", "items": [{"question": "Chi può accedere?", "answer": "<p>Gli adulti.</p>"}]},
            ),
            ("contact_card", {"name": "Sportello", "address": "", "phone": "035 000 0000", "email": "", "hours": ""}),
        ]
    )

    class Meta:
        model = models.ContentPage


class SectionIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Sezione {n}")

    class Meta:
        model = models.SectionIndexPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Notizie"

    class Meta:
        model = models.NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Notizia {n}")
    introduction = "Una notizia."

    class Meta:
        model = models.NewsPage

"""Page rules and rendering for every page type of the public site."""

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from content.models import ContentPage, HomePage, NewsIndexPage, NewsPage, SectionIndexPage
from forms.models import ContactFormPage, OfferFormPage, ReferralFormPage
from network.models import DirectoryPage
from tests.factories.auth import StaffClient
from tests.factories.content import (
    ContentPageFactory,
    HomePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    SectionIndexPageFactory,
)

FORM_PAGE_TYPES = {ReferralFormPage, OfferFormPage, ContactFormPage}  # the forms app's pages


class PageTreeTests(WagtailPageTestCase):
    client_class = StaffClient  # the admin requires the second factor

    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root, slug="casa")
        site = Site.objects.get(is_default_site=True)
        site.root_page = cls.home
        site.save()  # through save(), so Wagtail refreshes its cached site root paths
        cls.section = SectionIndexPageFactory(parent=cls.home, slug="servizio")
        cls.content = ContentPageFactory(parent=cls.section, slug="chi-siamo")
        cls.news_index = NewsIndexPageFactory(parent=cls.home, slug="notizie")
        cls.news = NewsPageFactory(parent=cls.news_index, slug="una-notizia")

    def test_home_page_sits_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage, {SectionIndexPage, ContentPage, NewsIndexPage, DirectoryPage, *FORM_PAGE_TYPES}
        )

    def test_only_one_home_page_per_parent(self):
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))  # the root already has one

    def test_section_and_content_pages_nest(self):
        self.assertAllowedParentPageTypes(SectionIndexPage, {HomePage, SectionIndexPage})
        self.assertAllowedSubpageTypes(
            SectionIndexPage, {ContentPage, SectionIndexPage, DirectoryPage, *FORM_PAGE_TYPES}
        )
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, SectionIndexPage, ContentPage})
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage, *FORM_PAGE_TYPES})

    def test_news_live_only_under_the_news_index(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertFalse(NewsIndexPage.can_create_at(self.home))  # one news index per home page
        self.assertTrue(ContentPage.can_create_at(self.home))

    def test_every_page_type_renders(self):
        for page in (self.home, self.section, self.content, self.news_index, self.news):
            with self.subTest(page=page.specific_class.__name__):
                self.assertPageIsRenderable(page)

    def test_every_page_type_is_editable_and_previewable(self):
        for page in (self.home, self.section, self.content, self.news_index, self.news):
            with self.subTest(page=page.specific_class.__name__):
                data = edit_form_data(page)
                self.assertPageIsEditable(page, post_data=data)
                self.assertPageIsPreviewable(page, post_data=data)

    def test_content_page_shows_its_blocks(self):
        response = self.client.get(self.content.url)
        self.assertContains(response, "<h1>" + self.content.title + "</h1>", html=True)
        self.assertContains(response, "Un paragrafo di testo.")
        self.assertContains(response, "Chi può accedere?")
        self.assertContains(response, 'href="tel:0350000000"')

    def test_section_lists_its_pages_and_news_index_lists_news(self):
        self.assertContains(self.client.get(self.section.url), self.content.title)
        self.assertContains(self.client.get(self.news_index.url), self.news.title)
        self.assertContains(self.client.get(self.home.url), self.news.title)  # latest news on the home page

    def test_breadcrumb_leads_back_to_the_section(self):
        response = self.client.get(self.content.url)
        self.assertContains(response, f'<a href="{self.section.url}">{self.section.title}</a>', html=False)


def edit_form_data(page: Page) -> dict:
    """What the page editor posts for ``page``: its own fields, with a heading in the body."""
    page = page.specific
    data = {"title": page.title, "slug": page.slug, "introduction": page.introduction}
    if hasattr(page, "body"):
        data["body"] = streamfield([("heading", {"text": "Nuovo titolo", "level": "h2"})])
    if isinstance(page, HomePage):
        data |= {"hero_title": page.hero_title, "key_facts": streamfield([]), "calls_to_action": streamfield([])}
    if isinstance(page, NewsPage):
        data["date"] = page.date.isoformat()
    return nested_form_data(data)

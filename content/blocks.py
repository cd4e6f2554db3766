"""StreamField blocks shared by every page type of the public site.

Editors build a page body out of these. Each block renders through its own template
in ``content/templates/content/blocks/`` and validates itself in ``clean()`` where a
combination of fields would produce a broken page (a button with no link, say).
Later apps add their own teasers (directory, forms) to ``BodyStreamBlock``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading. Editors pick the level so the page outline stays correct."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (H2)")), ("h3", _("Subsection (H3)"))],
        default="h2",
        help_text=_("Use H2 for sections and H3 only inside an H2 section."),
    )

    class Meta:
        icon = "title"
        template = "content/blocks/heading.html"
        group = _("Text")
        label = _("Heading")


class RichTextBlock(blocks.RichTextBlock):
    """Paragraphs, lists and links. Headings have their own block."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "document-link", "ol", "ul"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "content/blocks/rich_text.html"
        group = _("Text")
        label = _("Text")


class CaptionedImageBlock(blocks.StructBlock):
    """An image with its alternative text (or marked decorative) and an optional caption."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "content/blocks/image.html"
        group = _("Media")
        label = _("Image")


class LinkStructValue(blocks.StructValue):
    def url(self) -> str:
        page = self.get("page")
        if page:
            localized = page.localized
            return localized.url if localized.live else page.url
        return self.get("external_url") or ""

    def text(self) -> str:
        if self.get("label"):
            return self.get("label")
        page = self.get("page")
        return page.localized.title if page else self.get("external_url", "")


class LinkBlock(blocks.StructBlock):
    """A link to a page of this site or to another website.

    A page link follows the visitor's language: it points at the page's translation
    when there is one. The label defaults to the page title.
    """

    label = blocks.CharBlock(
        label=_("Label"), required=False, max_length=80, help_text=_("Leave empty to use the page title.")
    )
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    external_url = blocks.URLBlock(label=_("External address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        has_page, has_url = bool(value.get("page")), bool(value.get("external_url"))
        if has_page == has_url:
            message = (
                _("Choose either a page or an external address, not both.")
                if has_page
                else _("Choose a page or enter an external address.")
            )
            raise StructBlockValidationError(block_errors={"page": ValidationError(message)})
        if has_url and not value.get("label"):
            raise StructBlockValidationError(
                block_errors={"label": ValidationError(_("A link to another website needs a label."))}
            )
        return value

    class Meta:
        icon = "link"
        value_class = LinkStructValue
        label = _("Link")


class CallToActionBlock(blocks.StructBlock):
    """A highlighted box that sends the reader to the next step (refer someone, offer a job...)."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)
    link = LinkBlock(label=_("Button"))

    class Meta:
        icon = "pick"
        template = "content/blocks/call_to_action.html"
        group = _("Calls to action")
        label = _("Call to action")


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question or title"), max_length=200)
    answer = RichTextBlock(label=_("Answer"))


class AccordionBlock(blocks.StructBlock):
    """Questions and answers that open one at a time: FAQs, long procedures."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "content/blocks/accordion.html"
        group = _("Text")
        label = _("Accordion / FAQ")


class ContactCardBlock(blocks.StructBlock):
    """How to reach an office or a person of the service (never a beneficiary)."""

    name = blocks.CharBlock(label=_("Office or role"), max_length=120)
    address = blocks.TextBlock(label=_("Address"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), required=False, max_length=40)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    hours = blocks.TextBlock(label=_("Opening hours"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("address") or value.get("phone") or value.get("email")):
            raise StructBlockValidationError(
                block_errors={"phone": ValidationError(_("Give at least an address, a phone number or an e-mail."))}
            )
        return value

    class Meta:
        icon = "user"
        template = "content/blocks/contact_card.html"
        group = _("Contacts")
        label = _("Contact card")


class KeyFactBlock(blocks.StructBlock):
    """A short figure with its meaning, shown in a row on the home page ("2 districts served")."""

    figure = blocks.CharBlock(label=_("Figure"), max_length=20)
    label = blocks.CharBlock(label=_("Meaning"), max_length=120)

    class Meta:
        icon = "success"
        template = "content/blocks/key_fact.html"
        label = _("Key fact")


class BodyStreamBlock(blocks.StreamBlock):
    """The body of every content page."""

    heading = HeadingBlock()
    paragraph = RichTextBlock()
    image = CaptionedImageBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    contact_card = ContactCardBlock()

    class Meta:
        label = _("Body")

"""Blocks refuse combinations that would publish a broken page, and render what editors entered."""

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from content.blocks import CaptionedImageBlock, ContactCardBlock, LinkBlock


def _error(block, value) -> str:
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python(value))
    return " ".join(str(message) for error in raised.value.block_errors.values() for message in error.messages)


@pytest.mark.django_db
def test_link_needs_a_page_or_an_address_but_not_both():
    block = LinkBlock()
    home = Page.get_first_root_node().get_children().first()
    assert "Scegli una pagina" in _error(block, {"label": "", "page": None, "external_url": ""})
    assert "non entrambi" in _error(block, {"label": "x", "page": home.pk, "external_url": "https://example.org"})


def test_link_to_another_website_needs_a_label():
    assert "etichetta" in _error(LinkBlock(), {"label": "", "page": None, "external_url": "https://example.org"})


def test_contact_card_needs_a_way_to_reach_the_office():
    empty = {"name": "Sportello", "address": "", "phone": "", "email": "", "hours": ""}
    assert "almeno" in _error(ContactCardBlock(), empty)


@pytest.mark.django_db
def test_image_block_renders_alternative_text_and_caption():
    image = Image.objects.create(title="Colloquio", file=get_test_image_file())
    block = CaptionedImageBlock()
    value = block.to_python(
        {
            "image": {"image": image.pk, "decorative": False, "alt_text": "Due persone a colloquio"},
            "caption": "Lo sportello",
        }
    )
    html = block.render(value)
    assert 'alt="Due persone a colloquio"' in html
    assert "<figcaption" in html
    assert "Lo sportello" in html

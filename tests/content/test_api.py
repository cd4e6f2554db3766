"""The headless API at /api/v2/ serves the seeded pages, images and documents."""

import pytest
from wagtail.models import Page


@pytest.mark.django_db
def test_api_lists_the_seeded_pages(seeded_site, client):
    response = client.get("/api/v2/pages/", {"limit": 100})
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == Page.objects.live().filter(depth__gte=2).count()
    titles = {item["title"] for item in data["items"]}
    assert {"Il servizio", "The service"} <= titles


@pytest.mark.django_db
def test_api_filters_by_language_and_exposes_page_fields(seeded_site, client):
    data = client.get(
        "/api/v2/pages/", {"locale": "en", "type": "content.ContentPage", "fields": "introduction,body"}
    ).json()
    assert data["items"]
    assert all(item["meta"]["locale"] == "en" for item in data["items"])
    assert all("introduction" in item and "body" in item for item in data["items"])
    detail = client.get(f"/api/v2/pages/{data['items'][0]['id']}/").json()
    assert detail["body"][0]["type"] in {"heading", "paragraph", "accordion", "contact_card", "call_to_action"}


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_image_and_document_endpoints_answer(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/")
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] == 0


@pytest.mark.django_db
def test_api_reports_bad_filters_clearly(client):
    response = client.get("/api/v2/pages/", {"type": "nonsense"})
    assert response.status_code == 400
    assert "type" in response.json()["message"]

"""The Redis cache answers as an empty cache while Redis is unreachable: pages and forms keep working."""

import json

import pytest
from django.core.cache import cache

from forms.abuse import over_limit
from forms.models import FormSubmission
from tests.forms.conftest import VALID_REFERRAL

UNREACHABLE = {"default": {"BACKEND": "core.cache.FailSoftRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = UNREACHABLE  # nothing listens on port 1: every connection is refused


def test_reads_miss_and_writes_are_dropped(redis_down):
    cache.set("key", "value")
    assert cache.get("key", "default") == "default"
    assert cache.get_many(["key"]) == {}
    assert cache.get_or_set("key", 1) == 1
    assert cache.has_key("key") is False
    assert cache.add("key", 1) is True
    with pytest.raises(ValueError, match="unreachable"):
        cache.incr("key")
    assert cache.set_many({"a": 1}) == ["a"]
    cache.delete_many(["a"])
    assert cache.delete("key") is False


def test_the_flood_limit_lets_requests_through_while_it_cannot_count(redis_down):
    assert not any(over_limit(scope="test", identifier="127.0.0.1", limit=1, window=60) for _ in range(5))


@pytest.mark.django_db
def test_pages_and_forms_answer_without_redis(client, seeded_site, redis_down, settings):
    settings.SIL_FORMS_MIN_FILL_SECONDS = 0
    assert client.get("/").status_code == 200
    assert client.get("/rete/?q=cooperativa").status_code == 200
    response = client.post(
        "/api/forms/segnalazione/submissions",
        data=json.dumps(VALID_REFERRAL),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="no-redis-1",
    )
    assert response.status_code == 201
    assert FormSubmission.objects.get().reference == response.json()["reference"]

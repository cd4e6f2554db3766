"""The optional captcha: picture and audio from django-form-builder, one use per token."""

import re
from unittest import mock

import pytest

from forms import captcha
from forms.models import FormSubmission
from tests.forms.test_pages import URL, form_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def captcha_page(referral_page):
    referral_page.use_captcha = True
    referral_page.save_revision().publish()
    return referral_page


def test_the_captcha_is_shown_with_a_text_alternative_and_audio(client, captcha_page):
    html = client.get(URL).content.decode()
    assert re.search(r'<img src="data:image/png;base64,[^"]+" alt="[^"]+"', html)
    assert '<audio controls src="data:audio/wav;base64,' in html
    assert 'name="captcha_answer"' in html


def test_a_wrong_answer_is_refused_and_a_right_one_accepted_once(client, captcha_page):
    with mock.patch.object(captcha, "new_text", return_value="77777"):
        html = client.get(URL).content.decode()
    token = re.search(r'name="captcha_token" value="([^"]+)"', html).group(1)
    wrong = client.post(URL, form_post(captcha_token=token, captcha_answer="12345", submission_token="c1"))
    assert wrong.status_code == 400
    assert FormSubmission.objects.count() == 0
    right = client.post(URL, form_post(captcha_token=token, captcha_answer="77777", submission_token="c2"))
    assert right.status_code == 200
    assert FormSubmission.objects.count() == 1
    again = client.post(URL, form_post(captcha_token=token, captcha_answer="77777", submission_token="c2"))
    assert again.status_code == 200  # the same submission again (double click): same receipt
    replay = client.post(URL, form_post(captcha_token=token, captcha_answer="77777", submission_token="c3"))
    assert replay.status_code == 400  # a solved captcha cannot be used for another submission
    assert FormSubmission.objects.count() == 1

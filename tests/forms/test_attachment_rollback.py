"""An attachment written during a transaction that rolls back does not stay on disk."""

from itertools import chain, repeat

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError

from forms.models import FormSubmission, SubmissionAttachment
from tests.forms.conftest import VALID_REFERRAL

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def storage(tmp_path, monkeypatch):
    """A private storage of the test's own, so the files on disk can be counted."""
    private = FileSystemStorage(location=tmp_path, base_url=None)
    monkeypatch.setattr(SubmissionAttachment._meta.get_field("file"), "storage", private)
    return tmp_path


def files_in(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def post(client, key: str):
    data = {**VALID_REFERRAL, "consent": "on", "relazione_allegata": SimpleUploadedFile("relazione.pdf", PDF)}
    return client.post("/api/forms/segnalazione/submissions", data=data, HTTP_IDEMPOTENCY_KEY=key)


def test_a_stored_submission_keeps_its_file(client, referral_page, storage):
    assert post(client, "ok").status_code == 201
    attachment = SubmissionAttachment.objects.get()
    assert files_in(storage) == [attachment.file.name]


def test_a_database_error_after_the_file_was_written_leaves_no_file(client, referral_page, storage, monkeypatch):
    written = []
    original_save = SubmissionAttachment.save

    def failing_save(self, *args, **kwargs):
        written.append(self.file.name)  # the file is on disk now
        assert files_in(storage) == [self.file.name]
        raise OperationalError("connection lost")

    monkeypatch.setattr(SubmissionAttachment, "save", failing_save)
    client.raise_request_exception = False
    response = post(client, "fails")
    assert response.status_code == 500
    assert written, "the failure must happen after the file was written"
    assert files_in(storage) == []
    assert FormSubmission.objects.count() == 0

    monkeypatch.setattr(SubmissionAttachment, "save", original_save)
    assert post(client, "fails").status_code == 201  # the same key works once the database is back
    assert len(files_in(storage)) == 1


def test_a_retried_reference_collision_keeps_only_the_committed_file(client, referral_page, storage, monkeypatch):
    assert post(client, "first").status_code == 201
    taken = FormSubmission.objects.get().reference
    references = chain([taken], repeat("SIL-NEWCODE2"))
    monkeypatch.setattr("forms.services.new_reference", lambda: next(references))
    assert post(client, "second").status_code == 201
    assert FormSubmission.objects.count() == 2
    assert sorted(files_in(storage)) == sorted(a.file.name for a in SubmissionAttachment.objects.all())


def test_intake_refuses_to_run_inside_a_callers_transaction(referral_page):
    from django.db import transaction

    from forms.services import submission_receive

    form = referral_page.get_form({**VALID_REFERRAL, "consent": "on"}, page=referral_page, user=None)
    with pytest.raises(RuntimeError), transaction.atomic():
        submission_receive(page=referral_page, form=form, token="t", source="api", language="it", fingerprint="")

"""System checks of the form server: the programs the signature check of attachments runs.

django-form-builder checks signed PDFs with ``pdfsig`` (Debian package poppler-utils) and
P7M files with ``openssl``. When either is missing it does not fail: every signed file
simply looks unsigned and is refused. A warning at start-up says so before users meet it.
"""

from __future__ import annotations

import shutil

from django.core.checks import Warning as CheckWarning
from django.core.checks import register

SIGNATURE_PROGRAMS = {"pdfsig": "poppler-utils", "openssl": "openssl"}


@register()
def check_signature_programs(app_configs=None, **kwargs) -> list[CheckWarning]:
    return [
        CheckWarning(
            f"`{program}` is not installed: signed attachments will always be refused.",
            hint=f"Install the Debian package {package} (apt-get install {package}).",
            id=f"forms.W00{number}",
        )
        for number, (program, package) in enumerate(SIGNATURE_PROGRAMS.items(), 1)
        if shutil.which(program) is None
    ]

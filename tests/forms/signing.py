"""Real signed files for the tests, made at test time with a throwaway self-signed certificate.

A P7M is what ``openssl cms -sign -nodetach`` writes (CAdES-like, DER). A signed PDF is a
minimal one-page PDF with a signature field whose ``/Contents`` is a detached CMS signature
of the bytes around it (``/ByteRange``), as signing software writes it (``adbe.pkcs7.detached``);
``pdfsig`` verifies it like any other. No extra Python dependency is needed: openssl signs.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

PLACEHOLDER_HEX_DIGITS = 8192
BYTE_RANGE_PLACEHOLDER = b"/ByteRange [0 ********** ********** **********]"


@dataclass(frozen=True)
class Signer:
    certificate: Path
    key: Path


def make_signer(directory: Path, common_name: str = "Mario Rossi") -> Signer:
    certificate, key = directory / "signer.pem", directory / "signer.key"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", f"/CN={common_name}/C=IT", "-keyout", str(key), "-out", str(certificate)),
        ],
        check=True,
        capture_output=True,
    )
    return Signer(certificate, key)


def _cms_sign(signer: Signer, content: bytes, *, attached: bool) -> bytes:
    command = ["openssl", "cms", "-sign", "-binary", "-outform", "DER"]
    command += ["-signer", str(signer.certificate), "-inkey", str(signer.key)]
    if attached:
        command.append("-nodetach")
    return subprocess.run(command, input=content, check=True, capture_output=True).stdout


def signed_p7m(signer: Signer, content: bytes) -> bytes:
    """``content`` wrapped in a CMS SignedData envelope, as a .p7m file."""
    return _cms_sign(signer, content, attached=True)


def unsigned_pdf(text: str = "Relazione") -> bytes:
    return _pdf(text, signature=False)


def signed_pdf(signer: Signer, text: str = "Relazione") -> bytes:
    """A one-page PDF with one signature covering the whole file but the signature itself."""
    pdf = bytearray(_pdf(text, signature=True))
    start = pdf.index(b"/Contents <") + len(b"/Contents ")
    end = start + PLACEHOLDER_HEX_DIGITS + 2  # the hex string with its angle brackets
    byte_range = b"/ByteRange [0 %10d %10d %10d]" % (start, end, len(pdf) - end)
    at = pdf.index(BYTE_RANGE_PLACEHOLDER)
    pdf[at : at + len(byte_range)] = byte_range
    signature = _cms_sign(signer, bytes(pdf[:start]) + bytes(pdf[end:]), attached=False).hex().encode()
    assert len(signature) <= PLACEHOLDER_HEX_DIGITS
    pdf[start + 1 : start + 1 + len(signature)] = signature
    return bytes(pdf)


def _pdf(text: str, *, signature: bool) -> bytes:
    stream = b"BT /F1 12 Tf 20 100 Td (" + text.encode("latin-1") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R"
        + (b" /AcroForm << /Fields [5 0 R] /SigFlags 3 >>" if signature else b"")
        + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R"
        b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
        + (b" /Annots [5 0 R]" if signature else b"")
        + b" >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    if signature:
        objects += [
            b"<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /T (Firma) /F 132 /P 3 0 R /V 6 0 R >>",
            b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached "
            + BYTE_RANGE_PLACEHOLDER
            + b" /Contents <"
            + b"0" * PLACEHOLDER_HEX_DIGITS
            + b"> /M (D:20261125000000Z) >>",
        ]
    pdf = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(pdf)

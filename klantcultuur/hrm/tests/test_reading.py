"""Reading HR documents: DOCX, PDF, text; clear refusals for what cannot be read."""

from __future__ import annotations

import pytest

from klantcultuur.hrm.reading import documents
from klantcultuur.hrm.tests.files import docx_bytes, pdf_bytes


def test_it_reads_the_paragraphs_of_a_docx():
    kind, text = documents.read(
        "Functieprofiel.docx", docx_bytes("Klantadviseur", "Je belt binnen een werkdag terug.")
    )
    assert kind == "docx"
    assert text.splitlines() == ["Klantadviseur", "Je belt binnen een werkdag terug."]


def test_it_reads_the_text_of_a_pdf():
    kind, text = documents.read("beleid.pdf", pdf_bytes("Afspraak is afspraak bij onze monteurs."))
    assert kind == "pdf"
    assert "Afspraak is afspraak bij onze monteurs." in text


def test_it_reads_plain_text_in_utf8_and_windows_encoding():
    assert documents.read("a.txt", "Eén collega".encode())[1] == "Eén collega"
    assert documents.read("a.txt", "Eén collega".encode("cp1252"))[1] == "Eén collega"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("kapot.docx", b"PK\x03\x04 dit is geen docx", "unreadable"),
        ("kapot.pdf", b"%PDF-1.7 rommel", "unreadable"),
        ("beveiligd.pdf", pdf_bytes("Geheim", password="hr2026"), "encrypted"),
        ("groot.txt", b"x" * (50 * 1024 * 1024), "too_large"),
        ("foto.jpg", b"\xff\xd8\xff", "unsupported"),
        ("leeg.txt", b"  \n ", "empty"),
    ],
)
def test_it_refuses_what_it_cannot_read_with_a_reason(name, data, code):
    with pytest.raises(documents.ReadError) as raised:
        documents.read(name, data)
    assert raised.value.code == code

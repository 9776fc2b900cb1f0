import pytest

from carelead.core.pdf import render_pdf


@pytest.mark.django_db
def test_a_template_becomes_a_tagged_pdf():
    content = render_pdf("pdf/base.jinja", {"pdf_title": "Test record"}, uncompressed_pdf=True)
    assert content.startswith(b"%PDF-")
    # PDF/UA-1 files are tagged (a structure tree) and declare their language.
    assert b"/StructTreeRoot" in content
    assert b"/Lang" in content

"""Pages as PDF files (appraisal records, feedback reports): the page's own Jinja2 template,
rendered to HTML and printed by WeasyPrint as tagged PDF/UA-1, so screen readers can read
the file as well as the page (ADR-0008)."""

from django.template.loader import render_to_string

#: Tagged, for accessibility: headings, tables and reading order survive in the file.
PDF_VARIANT = "pdf/ua-1"


def render_pdf(template_name: str, context: dict, *, request=None, **options) -> bytes:
    """Render ``template_name`` (which should extend ``pdf/base.jinja``) to PDF bytes;
    ``options`` go to WeasyPrint's write_pdf (tests pass ``uncompressed_pdf=True``)."""
    from weasyprint import HTML  # imported here: it loads Pango, which pages do not need

    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, base_url=None).write_pdf(pdf_variant=PDF_VARIANT, **options)

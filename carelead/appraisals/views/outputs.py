"""The appraisal record as a PDF file, for the appraisee, the appraiser and a people lead."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from carelead.appraisals.presenters.outputs import RecordPresenter, record_filename
from carelead.appraisals.selectors.access import appraisal_for_viewer
from carelead.appraisals.selectors.outputs import appraisal_record
from carelead.core.pdf import render_pdf

RECORD_TEMPLATE = "appraisals/outputs/record_pdf.jinja"


def record_context(appraisal) -> dict:
    record = RecordPresenter(appraisal_record(appraisal))
    return {"record": record, "pdf_title": record.title, "printed_on": timezone.localdate()}


@login_required
@require_GET
def record_pdf(request, pk: int):
    # Who may see it is the appraisal's business: anyone else gets 404, not 403.
    appraisal = appraisal_for_viewer(request.user, pk)
    pdf = render_pdf(RECORD_TEMPLATE, record_context(appraisal), request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{record_filename(appraisal)}"'
    # A personal record: never kept by a shared cache or the browser's back button.
    response["Cache-Control"] = "private, no-store"
    return response

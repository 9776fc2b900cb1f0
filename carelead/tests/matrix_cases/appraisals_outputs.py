"""Permission matrix lines for the appraisal record PDF (appraisals area outputs)."""

from carelead.tests.matrix import NOT_FOUND, of, page


def a_completed_appraisal(world):
    """The staff member's completed appraisal, appraised by the line manager persona, at
    the people lead's trust."""
    from carelead.appraisals.tests.factories_outputs import completed_appraisal

    return completed_appraisal(world.employments["staff"])


CASES = {
    # The appraisee, the appraiser and a people lead of the organisation; others get 404.
    "appraisals:record_pdf": page(
        of("appraisals:record_pdf", a_completed_appraisal),
        {"staff", "line_manager", "people_lead"},
        otherwise=NOT_FOUND,
    ),
}

"""Permission matrix lines for the appraisal workflow pages (appraisals area workflow)."""

from django.urls import reverse

from carelead.tests.matrix import LINE_MANAGERS, NOT_FOUND, SIGNED_IN, of, page

METHOD_NOT_ALLOWED = 405


def an_appraisal(world):
    """The staff member's appraisal in an open cycle of the trust, appraised by the line
    manager persona; the people lead persona is the trust's."""
    from carelead.appraisals.tests.factories_workflow import workflow_scene

    return workflow_scene(world).appraisal


def appraising_url(world):
    # The line manager becomes an appraiser only once they have someone to appraise.
    an_appraisal(world)
    return reverse("appraisals:appraising")


def staff_employment(world):
    return world.employments["staff"]


#: The appraisee, the appraiser and the organisation's people lead; 404 for everyone else.
ON_THE_APPRAISAL = {"staff", "line_manager", "people_lead"}

CASES = {
    # A login with no staff record (the superuser) gets an empty list.
    "appraisals:my_appraisals": page("appraisals:my_appraisals", SIGNED_IN),
    "appraisals:appraising": page(appraising_url, LINE_MANAGERS),
    "appraisals:detail": page(
        of("appraisals:detail", an_appraisal), ON_THE_APPRAISAL, otherwise=NOT_FOUND
    ),
    # Buttons post here; a GET is never right, for anyone signed in.
    "appraisals:transition": page(
        of("appraisals:transition", an_appraisal), set(), otherwise=METHOD_NOT_ALLOWED
    ),
    "appraisals:reflection": page(
        of("appraisals:reflection", an_appraisal), ON_THE_APPRAISAL, otherwise=NOT_FOUND
    ),
    # The wellbeing conversation is the two people's own: not even the people lead.
    "appraisals:wellbeing": page(
        of("appraisals:wellbeing", an_appraisal), {"staff", "line_manager"}, otherwise=NOT_FOUND
    ),
    "appraisals:aspiration": page(
        of("appraisals:aspiration", an_appraisal), ON_THE_APPRAISAL, otherwise=NOT_FOUND
    ),
    "appraisals:summary": page(
        of("appraisals:summary", an_appraisal), ON_THE_APPRAISAL, otherwise=NOT_FOUND
    ),
    # Only the person's current line manager.
    "appraisals:previous": page(
        of("appraisals:previous", staff_employment), {"line_manager"}, otherwise=NOT_FOUND
    ),
}

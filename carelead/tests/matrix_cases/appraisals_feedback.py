"""Permission matrix lines for 360 feedback (appraisals area feedback)."""

from django.urls import reverse

from carelead.tests.matrix import NOT_FOUND, OK, of, page, public

#: The staff persona is the appraisee and the line manager persona their appraiser.
MANAGERS = {"staff", "line_manager"}


def staff_appraisal(world):
    from carelead.appraisals.tests.factories import AppraisalFactory, CycleFactory
    from carelead.appraisals.tests.factories_feedback import rated_version

    version = rated_version()
    return AppraisalFactory(
        cycle=CycleFactory(organisation=world.trust, framework_version=version),
        employment=world.employments["staff"],
        stage=version.stages.get(code="stage-2"),
    )


def closed_feedback(world):
    """The staff member's appraisal with feedback closed (so the report and PDF open)."""
    from carelead.appraisals.tests.factories_feedback import FeedbackRequestFactory

    return FeedbackRequestFactory(appraisal=staff_appraisal(world), status="closed").appraisal


def peer_invitation(world):
    """An invitation to the people lead persona to rate the staff member."""
    from carelead.appraisals.tests.factories_feedback import FeedbackInvitationFactory

    return FeedbackInvitationFactory(
        request__appraisal=staff_appraisal(world),
        rater=world.employments["people_lead"].person,
    )


def respond_link(world):
    from carelead.appraisals.tests.factories_feedback import FeedbackInvitationFactory

    FeedbackInvitationFactory(request__appraisal=staff_appraisal(world), token="matrix-token")
    return reverse("appraisals:feedback_respond", kwargs={"token": "matrix-token"})


CASES = {
    # The appraisee and their appraiser only: not the people lead, not the superuser.
    "appraisals:feedback": page(
        of("appraisals:feedback", staff_appraisal), MANAGERS, otherwise=NOT_FOUND
    ),
    "appraisals:feedback_report": page(
        of("appraisals:feedback_report", closed_feedback), MANAGERS, otherwise=NOT_FOUND
    ),
    "appraisals:feedback_report_pdf": page(
        of("appraisals:feedback_report_pdf", closed_feedback), MANAGERS, otherwise=NOT_FOUND
    ),
    # Everyone's own list (empty for most; the superuser, with no person, sees it empty too).
    "appraisals:feedback_requests": page("appraisals:feedback_requests", superuser=OK),
    "appraisals:feedback_respond_internal": page(
        of("appraisals:feedback_respond_internal", peer_invitation),
        {"people_lead"},
        otherwise=NOT_FOUND,
    ),
    # The emailed one-time link: the form answers anyone who holds it, signed in or not.
    "appraisals:feedback_respond": public(respond_link),
}

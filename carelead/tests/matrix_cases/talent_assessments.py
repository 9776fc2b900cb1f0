"""Permission matrix lines for talent assessments (talent area ``assessments``).

The staff member's assessment is proposed by their line manager: that line manager, the
people lead of the trust and the regional talent lead of its region see it; the staff member
does not until it is calibrated, so everyone else gets 404. Only the line manager and people
lead may assess or withdraw. The superuser passes the role checks but reaches no one, so
pages about a record answer 404 and the organisation list 403 (it leads no organisation).
"""

from django.urls import reverse

from carelead.tests.matrix import LINE_MANAGERS, NOT_FOUND, of, page


def staff_assessment(world):
    from carelead.talent.tests.factories import TalentAssessmentFactory

    return TalentAssessmentFactory(
        employment=world.employments["staff"], assessed_by=world.user("line_manager")
    )


def staff_person(world):
    return world.employments["staff"].person


def _csv_for_the_trust(world):
    return reverse("talent:assessments_organisation_csv") + f"?organisation={world.trust.ods_code}"


REVIEWERS = {"people_lead", "regional_talent_lead"}

CASES = {
    "talent:assessments_team": page("talent:assessments_team", LINE_MANAGERS),
    "talent:assessments_organisation": page("talent:assessments_organisation", REVIEWERS),
    "talent:assessments_organisation_csv": page(_csv_for_the_trust, REVIEWERS),
    # The superuser passes the person check and simply has no assessments.
    "talent:assessment_mine": page("talent:assessment_mine"),
    "talent:assessment_create": page(
        lambda w: reverse("talent:assessment_create", kwargs={"person_id": staff_person(w).pk}),
        {"line_manager", "people_lead"},
        regional_talent_lead=NOT_FOUND,
        superuser=NOT_FOUND,
    ),
    "talent:assessment": page(
        of("talent:assessment", staff_assessment),
        {"line_manager", "people_lead", "regional_talent_lead"},
        otherwise=NOT_FOUND,
    ),
    "talent:assessment_withdraw": page(
        of("talent:assessment_withdraw", staff_assessment),
        {"line_manager", "people_lead"},
        otherwise=NOT_FOUND,
    ),
}

"""Permission matrix lines for the mid-career programme pages (learning area applications)."""

from carelead.tests.matrix import LINE_MANAGERS, NOT_FOUND, OK, WITH_A_PERSON, of, page


def an_application(world):
    """The staff member's application, which names the line manager persona as their line
    manager and belongs to the regional talent lead's region."""
    from carelead.learning.tests.factories import ApplicationFactory

    return ApplicationFactory(employment=world.employments["staff"])


CASES = {
    # Anyone with a staff record may apply (the superuser, with none, gets 404).
    "learning:mid_career_apply": page(
        "learning:mid_career_apply", WITH_A_PERSON, superuser=NOT_FOUND
    ),
    "learning:my_applications": page("learning:my_applications", WITH_A_PERSON, superuser=OK),
    # The applicant, their line manager, their region's panel and the implementation office.
    "learning:application_detail": page(
        of("learning:application_detail", an_application),
        {"staff", "line_manager", "regional_talent_lead", "implementation_office"},
        otherwise=NOT_FOUND,
    ),
    "learning:team_applications": page("learning:team_applications", LINE_MANAGERS),
    "learning:panel_applications": page(
        "learning:panel_applications", {"regional_talent_lead", "superuser"}
    ),
}

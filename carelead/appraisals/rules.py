"""Who may use which kind of appraisal page. Which appraisals they see is the selectors' job
(an appraisal outside a user's reach answers 404)."""

import rules

from carelead.accounts.rules import (
    has_person,
    is_implementation_office,
    is_ned_appointments,
    is_people_lead,
    is_regional_talent_lead,
)


@rules.predicate
def is_appraiser(user) -> bool:
    """Appraises someone in a cycle that is not closed (as line manager, delegate or chair)."""
    if not has_person(user):
        return False
    cached = getattr(user, "_is_appraiser", None)
    if cached is None:
        from carelead.appraisals.models import Appraisal

        cached = Appraisal.objects.filter(
            appraiser_id=user.person_id, cycle__status__in=["open", "closed"]
        ).exists()
        user._is_appraiser = cached
    return cached


# Staff: my appraisals (across employers), my evidence, 360 feedback about me.
rules.add_perm("appraisals.view_own", has_person)
# Appraisers: the appraisals they run.
rules.add_perm("appraisals.appraise", is_appraiser)
# People leads: cycles, exceptions, priorities, their organisation's dashboard and export.
rules.add_perm("appraisals.manage_cycles", is_people_lead)
# Roll-ups by organisation, ICB, region and nation; the capability heatmap; demand.
rules.add_perm(
    "appraisals.view_insight", is_people_lead | is_regional_talent_lead | is_implementation_office
)
# The regional team sees board appraisal submissions (chairs by 30 June, NEDs by 30 Sept).
rules.add_perm(
    "appraisals.view_board_submissions",
    is_regional_talent_lead | is_ned_appointments | is_implementation_office,
)

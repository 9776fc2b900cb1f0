"""Permission matrix lines for the appraisal cycle pages (appraisals area ``cycles``).

People leads reach the cycles of their own organisations; the superuser passes the role check
but leads no organisation, so one cycle's pages answer 404 for them. The delegation page is
for an appraisal's appraiser and people lead; anyone else gets 404.
"""

from carelead.tests.matrix import NOT_FOUND, PEOPLE_LEADS, of, page


def a_cycle(world):
    from carelead.appraisals.tests.factories_cycles import draft_cycle

    return draft_cycle(world.trust)


def an_exception(world):
    from carelead.appraisals.tests.factories_cycles import CycleExceptionFactory

    return CycleExceptionFactory(cycle=a_cycle(world))


def staff_appraisal(world):
    """The staff member's appraisal, with their line manager as appraiser."""
    from carelead.appraisals.tests.factories import AppraisalFactory

    cycle = a_cycle(world)
    return AppraisalFactory(
        cycle=cycle,
        employment=world.employments["staff"],
        stage=cycle.framework_version.stages.get(code="fundamental"),
    )


CASES = {
    "appraisals:cycle_list": page("appraisals:cycle_list", PEOPLE_LEADS),
    "appraisals:cycle_create": page("appraisals:cycle_create", PEOPLE_LEADS),
    "appraisals:cycle_detail": page(
        of("appraisals:cycle_detail", a_cycle), {"people_lead"}, superuser=NOT_FOUND
    ),
    "appraisals:cycle_open": page(
        of("appraisals:cycle_open", a_cycle), {"people_lead"}, superuser=NOT_FOUND
    ),
    "appraisals:exception_resolve": page(
        of("appraisals:exception_resolve", an_exception), {"people_lead"}, superuser=NOT_FOUND
    ),
    "appraisals:delegate": page(
        of("appraisals:delegate", staff_appraisal),
        {"line_manager", "people_lead"},
        otherwise=NOT_FOUND,
    ),
    "appraisals:priority_list": page("appraisals:priority_list", PEOPLE_LEADS),
}

"""Permission matrix lines for the appraisal insight pages (appraisals area ``insight``)."""

from django.urls import reverse

from carelead.tests.matrix import NOT_FOUND, page

INSIGHT = frozenset({"people_lead", "regional_talent_lead", "implementation_office", "superuser"})


def export_of_an_open_cycle(world) -> str:
    """The people lead's organisation with an open cycle to export."""
    from carelead.appraisals.tests.factories import CycleFactory

    cycle = CycleFactory(organisation=world.trust)
    return reverse("appraisals:export_csv") + f"?cycle={cycle.pk}"


CASES = {
    # A superuser passes the permission but has no area: the pages say so.
    "appraisals:dashboard": page("appraisals:dashboard", INSIGHT),
    "appraisals:rollup": page("appraisals:rollup", INSIGHT),
    "appraisals:heatmap": page("appraisals:heatmap", INSIGHT),
    "appraisals:demand": page("appraisals:demand", INSIGHT),
    # Individual rows: people leads of the organisation only (a superuser has none: 404).
    "appraisals:export_csv": page(export_of_an_open_cycle, {"people_lead"}, superuser=NOT_FOUND),
}

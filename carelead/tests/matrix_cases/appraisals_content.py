"""Permission matrix lines for the appraisal content pages: behaviours, objectives, the
development plan and evidence. The pages about one appraisal answer 200 to the people who
hold a role on it (appraisee, appraiser, people lead; the add and edit pages only to the
appraisee and appraiser) and 404 to everyone else, so its existence does not leak."""

from carelead.tests.matrix import NOT_FOUND, WITH_A_PERSON, of, page

ON_THE_APPRAISAL = frozenset({"staff", "line_manager", "people_lead"})
EDITORS = frozenset({"staff", "line_manager"})


def staff_appraisal(world):
    """The staff member's appraisal, being prepared, with their line manager appraising."""
    from carelead.appraisals.models import Appraisal
    from carelead.appraisals.tests.factories_content import appraisal_with_behaviours

    existing = Appraisal.objects.filter(person=world.employments["staff"].person).first()
    if existing is not None:
        return existing
    return appraisal_with_behaviours(
        items=2, employment=world.employments["staff"], organisation=world.trust
    )


def staff_objective(world):
    from carelead.appraisals.tests.factories import ObjectiveFactory

    return ObjectiveFactory(appraisal=staff_appraisal(world))


def _appraisal_page(name, ok=ON_THE_APPRAISAL):
    return page(of(name, staff_appraisal), ok, otherwise=NOT_FOUND)


CASES = {
    "appraisals:behaviours": _appraisal_page("appraisals:behaviours"),
    "appraisals:objectives": _appraisal_page("appraisals:objectives"),
    "appraisals:objective_add": _appraisal_page("appraisals:objective_add", EDITORS),
    "appraisals:objective_edit": page(
        of("appraisals:objective_edit", staff_objective), EDITORS, otherwise=NOT_FOUND
    ),
    "appraisals:development": _appraisal_page("appraisals:development"),
    "appraisals:development_add": _appraisal_page("appraisals:development_add", EDITORS),
    "appraisals:evidence": _appraisal_page("appraisals:evidence"),
    # Everyone with a staff record keeps evidence; the superuser has none (404).
    "appraisals:my_evidence": page("appraisals:my_evidence", WITH_A_PERSON, superuser=NOT_FOUND),
}

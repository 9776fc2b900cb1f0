"""Rules about an appraisal's content that several areas apply (the workflow's guard, the
content pages' warning, the dashboard's quality measure), kept in one place in both forms:
for one appraisal in Python, and for many in SQL."""

from django.db.models import F, Q

from carelead.appraisals.models import Appraisal, Template


def edi_objective_required(appraisal: Appraisal) -> bool:
    """Board members always need an EDI objective (the EDI improvement plan); staff from the
    template's management level up (the level of the job the appraisal was made for)."""
    template = appraisal.cycle.template
    if template.kind == Template.Kind.BOARD:
        return True
    threshold = template.edi_objective_from_management_level
    level = appraisal.employment.management_level
    return threshold is not None and level is not None and level >= threshold


def edi_objective_required_q(prefix: str = "") -> Q:
    """The same rule as a filter on appraisals (``prefix`` to reach them through a join)."""
    return Q(**{f"{prefix}cycle__template__kind": Template.Kind.BOARD}) | Q(
        **{
            f"{prefix}employment__management_level__gte": F(
                f"{prefix}cycle__template__edi_objective_from_management_level"
            )
        }
    )

"""Who may open an appraisal, and as what. Every appraisal page asks here first; an
appraisal the user has no role on answers 404, so its existence does not leak."""

from django.http import Http404

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.appraisals.models import Appraisal
from carelead.appraisals.workflow import APPRAISEE, APPRAISER, PEOPLE_LEAD


def appraisal_roles(user, appraisal: Appraisal) -> set[str]:
    """The workflow roles ``user`` holds on ``appraisal``: the appraisee, the appraiser (the
    line manager, a delegate, or the chair for a board member), and a people lead of the
    appraisal's organisation. One person may hold several (a people lead appraising)."""
    roles = set()
    person_id = getattr(user, "person_id", None)
    if person_id and appraisal.person_id == person_id:
        roles.add(APPRAISEE)
    if person_id and appraisal.appraiser_id == person_id:
        roles.add(APPRAISER)
    if (
        scoping.organisations_in_scope(user, Role.PEOPLE_LEAD)
        .filter(pk=appraisal.organisation_id)
        .exists()
    ):
        roles.add(PEOPLE_LEAD)
    return roles


def appraisal_for_viewer(user, pk: int, *, roles: set[str] | None = None) -> Appraisal:
    """The appraisal, with ``.viewer_roles`` set, if ``user`` holds one of ``roles`` on it
    (any role by default); Http404 otherwise."""
    appraisal = (
        Appraisal.objects.select_related(
            "cycle",
            "cycle__template",
            "person",
            "appraiser",
            "employment",
            "organisation",
            "stage",
        )
        .filter(pk=pk)
        .first()
    )
    if appraisal is None:
        raise Http404("No such appraisal.")
    held = appraisal_roles(user, appraisal)
    if not held or (roles is not None and not held & roles):
        raise Http404("No such appraisal.")
    appraisal.viewer_roles = held
    return appraisal

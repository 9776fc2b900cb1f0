"""Reads for the workforce import pages, scoped to the people lead asking."""

from django.db.models import Exists, OuterRef, QuerySet

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.people.imports.models import WorkforceImport

_Through = WorkforceImport.organisations.through


def import_runs_for(user) -> QuerySet[WorkforceImport]:
    """Runs whose organisations are all within the user's people-lead scope, newest first.

    A run is about every organisation it names, so a lead for only some of them does not
    see it.
    """
    if not scoping.has_role(user, Role.PEOPLE_LEAD):
        return WorkforceImport.objects.none()
    in_scope = scoping.organisations_in_scope(user, Role.PEOPLE_LEAD).values("pk")
    runs_organisations = _Through.objects.filter(workforceimport_id=OuterRef("pk"))
    return (
        WorkforceImport.objects.filter(Exists(runs_organisations))
        .exclude(Exists(runs_organisations.exclude(organisation_id__in=in_scope)))
        .order_by("-created_at", "-id")
    )


def import_run_get(user, pk: int) -> WorkforceImport | None:
    """One run, or None when it does not exist or is outside the user's scope."""
    return import_runs_for(user).filter(pk=pk).prefetch_related("organisations").first()


def import_run_progress(run: WorkforceImport) -> int:
    """The run's percentage. While it is importing, the worker reports progress through the
    shared progress cache, because its own writes are invisible until it commits."""
    if run.status == WorkforceImport.Status.IMPORTING:
        from django.core.cache import caches

        from carelead.people.imports.services import progress_key

        return max(run.progress, caches["progress"].get(progress_key(run.pk), run.progress))
    return run.progress

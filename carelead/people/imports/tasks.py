"""Background tasks for the workforce import (Django's tasks API; django_tasks_db runs them
in development and production, the immediate backend in tests)."""

from django.tasks import task

from carelead.people.imports import services


@task
def workforce_import_process(run_id: int) -> str:
    """Import a queued run; returns its final status."""
    run = services.workforce_import_execute(run_id=run_id)
    return run.status if run else "skipped"

"""Background tasks for appraisals (Django's tasks API; django_tasks_db runs them in
development and production, the immediate backend in tests)."""

from django.tasks import task

from carelead.appraisals.services import cycles


@task
def appraisal_reminders_process() -> dict[str, int]:
    """Send the appraisal deadline reminders due today; returns the counts."""
    return cycles.appraisal_reminders_send()

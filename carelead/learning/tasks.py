"""Background tasks for learning (Django's tasks API; django_tasks_db runs them in
development and production, the immediate backend in tests)."""

from django.tasks import task

from carelead.learning.services import induction


@task
def induction_reminders_process() -> dict[str, int]:
    """Send the national induction reminders due today; returns the counts."""
    return induction.induction_reminders_send()

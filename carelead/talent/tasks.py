"""Background tasks for talent (Django's tasks API; django_tasks_db runs them in development
and production, the immediate backend in tests)."""

from django.tasks import task

from carelead.talent.services import reminders


@task
def conversation_reminders_process() -> dict[str, int]:
    """Send the career conversation reminders due today; returns the counts."""
    return reminders.conversation_reminders_send()

"""Domain events people announces to the apps that build on it (which people cannot import).

``employments_started`` is sent inside the writing transaction, after new employments are
saved, by hand (``services.employment_create``) or in bulk (the workforce import), with
``employment_ids`` (a list of primary keys) and ``actor`` (a user, or None for the system).
A receiver that raises rolls the whole write back, so a follow-up such as enrolling new
starters on the national induction is all or nothing with the employments themselves.

A receiver may return one sentence for the person who made the change (for example how
many new starters it enrolled, or why it could not); people shows these without knowing
what they are about.
"""

from django.dispatch import Signal

employments_started = Signal()


def announce_employments_started(*, sender, employment_ids: list[int], actor) -> list[str]:
    """Send ``employments_started`` and return the receivers' sentences for the user."""
    responses = employments_started.send(sender=sender, employment_ids=employment_ids, actor=actor)
    return [str(note) for _, note in responses if note]

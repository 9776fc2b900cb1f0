"""Domain events people announces to the apps that build on it (which people cannot import).

``employments_started`` is sent inside the writing transaction, after new employments are
saved, by hand (``services.employment_create``) or in bulk (the workforce import), with
``employment_ids`` (a list of primary keys) and ``actor`` (a user, or None for the system).
A receiver that raises rolls the whole write back, so a follow-up such as enrolling new
starters on the national induction is all or nothing with the employments themselves.
"""

from django.dispatch import Signal

employments_started = Signal()

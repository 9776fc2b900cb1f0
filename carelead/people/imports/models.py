"""The record of one workforce extract upload: what was sent, by whom, how far it got and
what it changed or why it was refused. Imported into carelead.people.models so that the
models live in the ``people`` app."""

from django.conf import settings
from django.db import models

from carelead.core.models import BaseModel
from carelead.organisations.models import Organisation

__all__ = ["WorkforceImport"]


class WorkforceImport(BaseModel):
    """One run of the workforce import, from upload to done or failed."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        VALIDATING = "validating", "Validating"
        IMPORTING = "importing", "Importing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    #: Statuses in which the task is still working, so the run page keeps refreshing.
    RUNNING = (Status.QUEUED, Status.VALIDATING, Status.IMPORTING)

    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    uploaded_file = models.FileField(upload_to="workforce_imports/%Y/%m/")
    original_filename = models.CharField(max_length=255)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(max_length=200)
    # Whose run this is: the uploader's people-lead organisations at upload, narrowed to the
    # organisations in the file once it has been imported. Only people leads covering all of
    # them see the run.
    organisations = models.ManyToManyField(Organisation, related_name="+")
    end_missing = models.BooleanField(default=False)
    extract_date = models.DateField()
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent complete.")
    total_rows = models.PositiveIntegerField(default=0)
    people_created = models.PositiveIntegerField(default=0)
    people_updated = models.PositiveIntegerField(default=0)
    employments_created = models.PositiveIntegerField(default=0)
    employments_updated = models.PositiveIntegerField(default=0)
    employments_ended = models.PositiveIntegerField(default=0)
    employments_unchanged = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    # The first errors only ({"row", "column", "message"}); error_count has the total.
    errors = models.JSONField(default=list, blank=True)
    # What other apps did with the new employments, a sentence each (e.g. induction enrolment).
    notes = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Workforce import {self.pk} ({self.original_filename})"

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

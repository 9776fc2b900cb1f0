from django.conf import settings
from django.db import models


class BaseModel(models.Model):
    """Every table carries when a row was made and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class TransitionRecord(models.Model):
    """One change of a workflow's status (ADR-0008): immutable and attributed. Each workflow
    adds the foreign key to what changed; its service is the only writer."""

    #: Blank for the row that records creation.
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text too, so the history survives the actor's account being removed.
    actor_label = models.CharField(max_length=200)
    reason = models.TextField(blank=True)
    occurred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} to {self.to_status}"


class AuditEvent(models.Model):
    """One row per change, written by services (never by signals), never updated or deleted.

    organisation_id is a plain integer so that core depends on no other app; it is the
    organisation the change belongs to and is what scopes the audit page.
    """

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text too, so the trail survives the actor's account being removed.
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.action} {self.object_repr}"

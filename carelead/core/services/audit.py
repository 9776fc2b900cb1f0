"""The audit trail. Services call these inside their transaction, so a change and its
audit row are committed together or not at all."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from carelead.core.models import AuditEvent

SYSTEM_ACTOR_LABEL = "system"


def _json_safe(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_json_safe(v) for v in value]
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of an instance, as JSON-safe values (foreign keys as ids)."""
    data = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = field.attname if field.is_relation else name
        data[name] = _json_safe(getattr(instance, attname))
    return data


def changed(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> bool:
    return before is None or dict(before) != dict(after)


def _actor_label(actor) -> str:
    if actor is None:
        return SYSTEM_ACTOR_LABEL
    return actor.get_username()


@dataclass(frozen=True)
class AuditEntry:
    action: str
    obj: models.Model
    before: Mapping[str, Any] | None = None
    after: Mapping[str, Any] | None = None
    organisation_id: int | None = None


def _build(actor, entry: AuditEntry) -> AuditEvent:
    obj = entry.obj
    return AuditEvent(
        actor=actor,
        actor_label=_actor_label(actor),
        action=entry.action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        organisation_id=entry.organisation_id,
        before=_json_safe(entry.before) if entry.before is not None else None,
        after=_json_safe(entry.after) if entry.after is not None else None,
    )


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    organisation_id: int | None = None,
) -> AuditEvent:
    event = _build(actor, AuditEntry(action, obj, before, after, organisation_id))
    event.save()
    return event


def audit_record_many(*, actor, entries: Iterable[AuditEntry]) -> int:
    """Bulk audit for imports: multi-row INSERTs (core.bulk) rather than one per row."""
    from carelead.core.bulk import bulk_insert

    actor_id = actor.pk if actor is not None else None
    label = _actor_label(actor)
    rows = []
    for entry in entries:
        obj = entry.obj
        rows.append(
            {
                "actor_id": actor_id,
                "actor_label": label,
                "action": entry.action,
                "object_type": obj._meta.label_lower,
                "object_id": str(obj.pk),
                "object_repr": str(obj)[:300],
                "organisation_id": entry.organisation_id,
                "before": _json_safe(entry.before) if entry.before is not None else None,
                "after": _json_safe(entry.after) if entry.after is not None else None,
            }
        )
    bulk_insert(AuditEvent, rows)
    return len(rows)

"""Withdrawal reasons move onto the record. Until now they were kept only in the audit trail,
so the reasons of rows already withdrawn are copied from their latest withdrawal event."""

from django.db import migrations, models

#: (model, the audit action that withdrew it).
WITHDRAWALS = (
    ("talentassessment", "talent_assessment_withdrawn"),
    ("vacancy", "vacancy_withdrawn"),
)


def copy_reasons_from_the_audit_trail(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    for model_name, action in WITHDRAWALS:
        Model = apps.get_model("talent", model_name)
        reasons = {}
        for object_id, after in (
            AuditEvent.objects.filter(action=action, object_type=f"talent.{model_name}")
            .order_by("occurred_at", "pk")
            .values_list("object_id", "after")
        ):
            if after and after.get("reason"):
                reasons[object_id] = after["reason"]  # the latest wins
        for row in Model.objects.filter(status="withdrawn", withdrawn_reason=""):
            if str(row.pk) in reasons:
                row.withdrawn_reason = reasons[str(row.pk)]
                row.save(update_fields=["withdrawn_reason"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("talent", "0002_conversation_reminders"),
    ]

    operations = [
        migrations.AddField(
            model_name="talentassessment",
            name="withdrawn_reason",
            field=models.TextField(blank=True, default="", db_default=""),
        ),
        migrations.AddField(
            model_name="vacancy",
            name="withdrawn_reason",
            field=models.TextField(blank=True, default="", db_default=""),
        ),
        migrations.RunPython(copy_reasons_from_the_audit_trail, migrations.RunPython.noop),
    ]

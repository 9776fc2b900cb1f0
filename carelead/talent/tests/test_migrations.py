"""Migration 0003: the reasons of rows withdrawn before it are copied from the audit trail."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("talent", "0002_conversation_reminders")]
AFTER = [("talent", "0003_withdrawn_reasons")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_withdrawn_reasons_are_copied_from_the_audit_trail(world):
    from carelead.core.models import AuditEvent
    from carelead.talent.tests.factories import VacancyFactory

    withdrawn = VacancyFactory(organisation=world.trust, status="withdrawn")
    untouched = VacancyFactory(organisation=world.trust, status="withdrawn")
    for reason in ("First reason", "Post no longer funded"):
        AuditEvent.objects.create(
            actor_label="Pat People-Lead",
            action="vacancy_withdrawn",
            object_type="talent.vacancy",
            object_id=str(withdrawn.pk),
            object_repr=withdrawn.reference,
            after={"status": "withdrawn", "reason": reason},
        )
    try:
        _migrate(BEFORE)
        apps = _migrate(AFTER)
        Vacancy = apps.get_model("talent", "Vacancy")
        assert Vacancy.objects.get(pk=withdrawn.pk).withdrawn_reason == "Post no longer funded"
        assert Vacancy.objects.get(pk=untouched.pk).withdrawn_reason == ""
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

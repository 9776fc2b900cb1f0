import datetime

import pytest

from carelead.core.models import AuditEvent
from carelead.core.services.audit import (
    AuditEntry,
    audit_record,
    audit_record_many,
    changed,
    snapshot,
)
from carelead.organisations.tests.factories import TrustFactory


@pytest.mark.django_db
def test_audit_record_names_actor_action_object_and_changes(world):
    trust = world.trust
    event = audit_record(
        actor=world.user("people_lead"),
        action="organisation_update",
        obj=trust,
        before={"name": "Old"},
        after={"name": trust.name, "opened_on": datetime.date(2020, 1, 1)},
        organisation_id=trust.pk,
    )
    event.refresh_from_db()
    assert event.actor_label == "people_lead"
    assert event.object_type == "organisations.organisation"
    assert event.object_id == str(trust.pk)
    assert event.after["opened_on"] == "2020-01-01"


@pytest.mark.django_db
def test_system_changes_are_attributed_to_system():
    event = audit_record(actor=None, action="load", obj=TrustFactory())
    assert event.actor_label == "system"


@pytest.mark.django_db
def test_audit_record_many_writes_one_row_per_entry():
    trusts = TrustFactory.create_batch(3)
    count = audit_record_many(
        actor=None, entries=[AuditEntry("import", t, None, {"x": 1}, t.pk) for t in trusts]
    )
    assert count == 3
    assert AuditEvent.objects.filter(action="import").count() == 3


@pytest.mark.django_db
def test_snapshot_stores_foreign_keys_as_ids_and_changed_compares():
    trust = TrustFactory()
    snap = snapshot(trust, ["name", "icb", "opened_on"])
    assert snap["icb"] == trust.icb_id
    assert not changed(snap, dict(snap))
    assert changed(None, snap)


def test_the_audit_page_shows_only_events_about_the_people_leads_organisations(client, world):
    audit_record(actor=None, action="mine", obj=world.trust, organisation_id=world.trust.pk)
    audit_record(
        actor=None, action="theirs", obj=world.other_trust, organisation_id=world.other_trust.pk
    )
    client.force_login(world.user("people_lead"))
    html = client.get("/audit/").content.decode()
    assert "mine" in html
    assert "theirs" not in html


def test_the_audit_page_is_for_people_leads_only(client, world):
    client.force_login(world.user("staff"))
    assert client.get("/audit/").status_code == 403


def test_the_audit_page_query_count_does_not_grow_with_rows(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.user("people_lead"))
    audit_record(actor=None, action="one", obj=world.trust, organisation_id=world.trust.pk)
    client.get("/audit/")
    with CaptureQueriesContext(connection) as few:
        client.get("/audit/")
    for i in range(40):
        audit_record(actor=None, action=f"a{i}", obj=world.trust, organisation_id=world.trust.pk)
    with CaptureQueriesContext(connection) as many:
        client.get("/audit/")
    assert len(many) == len(few)

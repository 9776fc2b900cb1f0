"""Organisation, oversight segment and CQC rating services: validation, history, audit."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from carelead.core.models import AuditEvent
from carelead.organisations.models import OrganisationKind, OrganisationParent
from carelead.organisations.services import (
    cqc_rating_record,
    organisation_create,
    organisation_update,
    oversight_segment_record,
)
from carelead.organisations.tests.factories import IcbFactory, RegionFactory, TrustFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_a_trust_created_in_an_icb_files_under_the_icbs_region_with_dated_memberships():
    icb = IcbFactory(ods_code="QWO")
    trust = organisation_create(
        ods_code="rr8",
        name="Leeds Teaching Hospitals NHS Trust",
        kind=OrganisationKind.NHS_TRUST,
        icb="QWO",
        opened_on=D(1998, 4, 1),
    )
    assert trust.ods_code == "RR8"
    assert trust.icb == icb and trust.region == icb.region
    memberships = {p.relationship: p for p in trust.parents.all()}
    assert memberships[OrganisationParent.Relationship.IN_ICB].parent == icb
    assert memberships[OrganisationParent.Relationship.IN_REGION].valid_from == D(1998, 4, 1)
    event = AuditEvent.objects.get(action="organisation_created")
    assert event.organisation_id == trust.pk
    assert event.after["name"] == "Leeds Teaching Hospitals NHS Trust"


def test_create_rejects_a_duplicate_code_and_a_parent_of_the_wrong_kind():
    trust = TrustFactory(ods_code="RR8")
    with pytest.raises(ValidationError) as caught:
        organisation_create(ods_code="RR8", name="Again", kind=OrganisationKind.NHS_TRUST)
    assert "ods_code" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        organisation_create(ods_code="RXF", name="X", kind=OrganisationKind.NHS_TRUST, icb=trust)
    assert "icb" in caught.value.message_dict


def test_moving_icb_ends_the_old_membership_and_updates_the_current_icb():
    old_icb = IcbFactory(ods_code="QNQ")
    new_icb = IcbFactory(ods_code="S0E4D", region=old_icb.region)
    trust = organisation_create(
        ods_code="RDU",
        name="Frimley Health",
        kind="foundation_trust",
        icb=old_icb,
        opened_on=D(2010, 1, 1),
    )

    organisation_update(organisation=trust, icb=new_icb, memberships_from=D(2026, 4, 1))

    trust.refresh_from_db()
    assert trust.icb == new_icb
    history = list(trust.parents.filter(relationship="in_icb").order_by("valid_from"))
    assert [h.parent for h in history] == [old_icb, new_icb]
    assert history[0].valid_to == D(2026, 3, 31)


def test_update_changes_only_the_named_fields_and_audits_before_and_after():
    trust = TrustFactory(name="Old name", postcode="LS1 3EX")
    organisation_update(organisation=trust, name="New name")
    trust.refresh_from_db()
    assert trust.name == "New name" and trust.postcode == "LS1 3EX"
    event = AuditEvent.objects.get(action="organisation_updated")
    assert (event.before["name"], event.after["name"]) == ("Old name", "New name")


def test_a_new_segment_closes_the_previous_one_the_day_before():
    trust = TrustFactory()
    first = oversight_segment_record(organisation=trust, segment=3, effective_from=D(2025, 4, 1))
    second = oversight_segment_record(
        organisation=trust, segment=4, effective_from=D(2025, 10, 1), source="NOF Q2"
    )
    first.refresh_from_db()
    assert first.effective_to == D(2025, 9, 30)
    assert second.effective_to is None
    actions = set(
        AuditEvent.objects.filter(organisation_id=trust.pk).values_list("action", flat=True)
    )
    assert {"oversight_segment_recorded", "oversightsegment_ended"} <= actions


def test_a_back_dated_segment_is_bounded_by_the_later_one():
    trust = TrustFactory()
    oversight_segment_record(organisation=trust, segment=2, effective_from=D(2024, 4, 1))
    later = oversight_segment_record(organisation=trust, segment=5, effective_from=D(2025, 4, 1))
    middle = oversight_segment_record(organisation=trust, segment=3, effective_from=D(2024, 10, 1))
    assert middle.effective_to == D(2025, 3, 31)
    later.refresh_from_db()
    assert later.effective_to is None
    assert trust.segments.get(effective_from=D(2024, 4, 1)).effective_to == D(2024, 9, 30)


def test_a_segment_out_of_range_is_rejected():
    with pytest.raises(ValidationError):
        oversight_segment_record(
            organisation=TrustFactory(), segment=6, effective_from=D(2025, 1, 1)
        )


def test_a_cqc_rating_is_recorded_and_a_same_day_record_corrects_it():
    trust = TrustFactory()
    cqc_rating_record(
        organisation=trust, overall="good", well_led="requires_improvement", rated_on=D(2024, 5, 1)
    )
    cqc_rating_record(organisation=trust, overall="good", well_led="good", rated_on=D(2024, 5, 1))
    rating = trust.cqc_ratings.get()
    assert rating.well_led == "good"
    actions = list(
        AuditEvent.objects.filter(organisation_id=trust.pk).values_list("action", flat=True)
    )
    assert sorted(actions) == ["cqc_rating_corrected", "cqc_rating_recorded"]


def test_a_cqc_rating_outside_the_four_ratings_is_rejected():
    with pytest.raises(ValidationError) as caught:
        cqc_rating_record(organisation=TrustFactory(), overall="fine", rated_on=D(2024, 1, 1))
    assert "overall" in caught.value.message_dict


def test_region_of_the_wrong_kind_is_rejected():
    with pytest.raises(ValidationError):
        organisation_create(
            ods_code="A81001", name="Practice", kind="gp_practice", region=IcbFactory()
        )
    assert RegionFactory()  # regions themselves still create fine

"""Loading the reference data: regions, the 42 ICBs and the 1 April 2026 changes."""

import datetime
import shutil

import pytest
from django.db.models import Max

from carelead.core.models import AuditEvent
from carelead.organisations.models import (
    BoundaryCode,
    Organisation,
    OrganisationKind,
    OrganisationParent,
    Succession,
)
from carelead.organisations.services import DATA_DIR, ReferenceDataError, reference_data_load

pytestmark = pytest.mark.django_db

BEFORE = datetime.date(2026, 3, 31)
AFTER = datetime.date(2026, 4, 1)
NEW_ICBS = {"S1Y5D", "D7T5G", "T6Y0W", "S9B9J", "S0E4D", "Z9B2Z"}
CLOSED_ICBS = {"QHG", "QUE", "QM7", "QH8", "QMM", "QJG", "QMJ", "QRV", "QU9", "QNQ", "QXU", "QNX"}


@pytest.fixture
def loaded():
    return reference_data_load()


def icbs_open_on(day):
    return Organisation.objects.of_kind(OrganisationKind.ICB).open_on(day)


def test_42_icbs_are_open_on_31_march_2026_and_36_on_1_april(loaded):
    assert icbs_open_on(BEFORE).count() == 42
    assert icbs_open_on(AFTER).count() == 36
    assert set(icbs_open_on(BEFORE).values_list("ods_code", flat=True)).isdisjoint(NEW_ICBS)
    assert set(icbs_open_on(AFTER).values_list("ods_code", flat=True)) >= NEW_ICBS
    closed = Organisation.objects.filter(closed_on=BEFORE)
    assert set(closed.values_list("ods_code", flat=True)) == CLOSED_ICBS


def test_regions_and_national_bodies_are_loaded(loaded):
    assert Organisation.objects.of_kind(OrganisationKind.REGION).count() == 7
    assert Organisation.objects.filter(ods_code="X24", kind=OrganisationKind.NATIONAL_BODY).exists()
    assert Organisation.objects.filter(
        kind=OrganisationKind.REGULATOR, name__icontains="Care Quality"
    ).exists()


def test_icbs_per_region_after_1_april_2026_match_the_published_totals(loaded):
    expected = {"Y61": 3, "Y56": 4, "Y60": 11, "Y63": 4, "Y62": 3, "Y59": 4, "Y58": 7}
    for region_code, count in expected.items():
        in_region = OrganisationParent.objects.filter(
            parent__ods_code=region_code,
            relationship=OrganisationParent.Relationship.IN_REGION,
            valid_from__lte=AFTER,
        ).exclude(valid_to__lt=AFTER)
        assert in_region.count() == count, region_code


def test_the_three_splits_are_partial_successions(loaded):
    for predecessor, successors in {
        "QNQ": {"S0E4D", "S9B9J", "QRL"},
        "QM7": {"S1Y5D", "D7T5G"},
        "QJG": {"D7T5G", "T6Y0W"},
    }.items():
        rows = Succession.objects.filter(predecessor__ods_code=predecessor)
        assert set(rows.values_list("successor__ods_code", flat=True)) == successors
        assert all(rows.values_list("partial", flat=True))
    assert Succession.objects.count() == 16
    assert not Succession.objects.get(predecessor__ods_code="QMJ").partial


def test_qrl_keeps_its_ods_code_and_changes_ons_code_on_1_april_2026(loaded):
    codes = {c.ons_code: c for c in BoundaryCode.objects.filter(organisation__ods_code="QRL")}
    assert codes["E54000042"].valid_to == BEFORE
    assert codes["E54000067"].valid_from == AFTER
    assert codes["E54000067"].valid_to is None
    assert Organisation.objects.get(ods_code="QRL").closed_on is None


def test_region_ons_codes_are_effective_dated(loaded):
    midlands = {c.ons_code: c for c in BoundaryCode.objects.filter(organisation__ods_code="Y60")}
    assert midlands["E40000008"].valid_to == datetime.date(2023, 3, 31)
    assert midlands["E40000011"].valid_from == datetime.date(2023, 4, 1)


def test_west_and_north_london_carries_the_announced_name_as_an_alias(loaded):
    z = Organisation.objects.get(ods_code="Z9B2Z")
    assert z.name == "NHS West and North London Integrated Care Board"
    assert "North West and North Central London" in z.aliases
    assert z.region.ods_code == "Y56"


def test_closed_icbs_keep_their_last_region_for_filing(loaded):
    frimley = Organisation.objects.get(ods_code="QNQ")
    assert frimley.region.ods_code == "Y59"
    assert frimley.parents.get().valid_to == BEFORE


def test_loading_twice_changes_nothing(loaded):
    assert loaded["audit_events"] > 0
    counts = {
        model: (model.objects.count(), model.objects.aggregate(m=Max("updated_at"))["m"])
        for model in (Organisation, OrganisationParent, Succession, BoundaryCode)
    }
    events = AuditEvent.objects.count()

    again = reference_data_load()

    assert again["audit_events"] == 0
    assert AuditEvent.objects.count() == events
    for model, (count, last_update) in counts.items():
        assert model.objects.count() == count, model
        assert model.objects.aggregate(m=Max("updated_at"))["m"] == last_update, model


def test_every_load_is_audited_against_the_organisation(loaded):
    event = AuditEvent.objects.get(action="organisation_created", object_repr__contains="(S1Y5D)")
    assert event.organisation_id == Organisation.objects.get(ods_code="S1Y5D").pk
    assert event.actor_label == "system"


def test_a_bad_base_file_names_the_row_and_column_and_writes_nothing(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    icbs = data / "icbs.csv"
    icbs.write_text(icbs.read_text().replace(",Y63,2022-07-01", ",Y99,2022-07-01", 1))

    with pytest.raises(ReferenceDataError) as caught:
        reference_data_load(data_dir=data)

    assert any(
        m.startswith("icbs.csv, row 24, column 'region_ods_code'") and "Y99" in m
        for m in caught.value.messages
    )
    assert not Organisation.objects.exists()
    assert not AuditEvent.objects.exists()

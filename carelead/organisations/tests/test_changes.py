"""Change files: the generic format applies cleanly, and a bad file is rejected whole."""

import datetime

import pytest

from carelead.core.models import AuditEvent
from carelead.organisations.models import BoundaryCode, Organisation, OrganisationKind, Succession
from carelead.organisations.services import (
    CHANGE_COLUMNS,
    ReferenceDataError,
    organisation_changes_apply,
)
from carelead.organisations.tests.factories import IcbFactory, RegionFactory

pytestmark = pytest.mark.django_db

HEADER = ",".join(CHANGE_COLUMNS) + "\n"


def write(tmp_path, body, name="2027-04-01-test.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.fixture
def region():
    return RegionFactory(ods_code="Y60", name="Midlands")


def test_a_merger_arrives_as_a_data_file(tmp_path, region):
    a = IcbFactory(ods_code="QHL", region=region, opened_on=datetime.date(2022, 7, 1))
    b = IcbFactory(ods_code="QUA", region=region, opened_on=datetime.date(2022, 7, 1))
    path = write(
        tmp_path,
        "2027-04-01,open,A1B2C,NHS Birmingham and Black Country ICB,icb,,,,,,U,\n"
        "2027-04-01,parent,A1B2C,,,Y60,in_region,,,,U,\n"
        "2027-04-01,boundary_code,A1B2C,,,,,E54000099,,,U,\n"
        "2027-04-01,alias,A1B2C,,,,,,,Birmingham and Black Country,U,\n"
        "2027-04-01,succession,QHL,,,A1B2C,,,no,,U,\n"
        "2027-04-01,succession,QUA,,,A1B2C,,,no,,U,\n"
        "2027-04-01,close,QHL,,,,,,,,U,\n"
        "2027-04-01,close,QUA,,,,,,,,U,\n",
    )

    result = organisation_changes_apply(path=path)

    new = Organisation.objects.get(ods_code="A1B2C")
    assert new.kind == OrganisationKind.ICB
    assert new.opened_on == datetime.date(2027, 4, 1)
    assert new.region == region
    assert new.aliases == ["Birmingham and Black Country"]
    assert BoundaryCode.objects.get(organisation=new).valid_from == datetime.date(2027, 4, 1)
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.closed_on == b.closed_on == datetime.date(2027, 3, 31)
    assert Succession.objects.filter(successor=new).count() == 2
    assert result["rows"] == 8
    assert organisation_changes_apply(path=path)["audit_events"] == 0


def test_a_reparent_ends_the_old_membership_the_day_before(tmp_path, region):
    other = RegionFactory(ods_code="Y61", name="East of England")
    icb = IcbFactory(ods_code="QJM", region=region)
    icb.parents.create(
        parent=region, relationship="in_region", valid_from=datetime.date(2022, 7, 1)
    )
    path = write(tmp_path, "2027-04-01,parent,QJM,,,Y61,in_region,,,,U,\n")

    organisation_changes_apply(path=path)

    old, new = icb.parents.order_by("valid_from")
    assert old.valid_to == datetime.date(2027, 3, 31)
    assert new.parent == other and new.valid_from == datetime.date(2027, 4, 1)


def test_a_bad_file_names_each_row_and_column_and_writes_nothing(tmp_path, region):
    IcbFactory(ods_code="QHL", region=region)
    events = AuditEvent.objects.count()
    organisations = Organisation.objects.count()
    path = write(
        tmp_path,
        "2027-04-01,open,A1B2C,NHS New ICB,icb,,,,,,U,\n"
        "2027-13-01,close,QHL,,,,,,,,U,\n"
        "2027-04-01,merge,QHL,,,,,,,,U,\n"
        "2027-04-01,succession,QHL,,,ZZZ,,,maybe,,U,\n"
        "2027-04-01,boundary_code,QHL,,,,,X123,,,U,\n"
        "2027-04-01,parent,A1B2C,,,QHL,in_region,,,,U,\n",
    )

    with pytest.raises(ReferenceDataError) as caught:
        organisation_changes_apply(path=path)

    messages = caught.value.messages
    assert any("row 3, column 'date'" in m and "2027-13-01" in m for m in messages)
    assert any("row 4, column 'action'" in m and "merge" in m for m in messages)
    assert any("row 5, column 'related_ods_code'" in m and "ZZZ" in m for m in messages)
    assert any("row 5, column 'partial'" in m for m in messages)
    assert any("row 6, column 'ons_code'" in m for m in messages)
    assert any("row 7, column 'related_ods_code'" in m and "region" in m for m in messages)
    assert all(m.startswith("2027-04-01-test.csv, row") for m in messages)
    assert Organisation.objects.count() == organisations
    assert AuditEvent.objects.count() == events


def test_a_file_missing_a_column_is_rejected(tmp_path):
    path = tmp_path / "2027-04-01-x.csv"
    path.write_text("date,action\n2027-04-01,close\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        organisation_changes_apply(path=path)
    assert "the column 'ods_code' is missing" in caught.value.messages[0]


def test_an_unknown_organisation_is_reported(tmp_path):
    path = write(tmp_path, "2027-04-01,close,QQQ,,,,,,,,U,\n")
    with pytest.raises(ReferenceDataError) as caught:
        organisation_changes_apply(path=path)
    assert caught.value.messages == [
        "2027-04-01-test.csv, row 2, column 'ods_code': no organisation has the ODS code QQQ"
    ]

import io

import pytest
from django.core.management import CommandError, call_command

from carelead.organisations.models import Organisation, OrganisationParent
from carelead.organisations.tests.factories import IcbFactory, TrustFactory

HEADER = (
    "date,action,ods_code,name,kind,related_ods_code,relationship,ons_code,partial,alias,"
    "mark,note\n"
)


@pytest.mark.django_db
def test_a_change_file_re_homes_a_trust_to_a_new_icb(tmp_path):
    trust = TrustFactory(ods_code="RZZ")
    new_icb = IcbFactory(ods_code="X1Y2Z")
    path = tmp_path / "rehome.csv"
    path.write_text(HEADER + "2027-04-01,parent,RZZ,,,X1Y2Z,in_icb,,,,,ODS relationship\n")
    out = io.StringIO()
    call_command("apply_organisation_changes", str(path), stdout=out)
    assert "Applied 1 rows" in out.getvalue()
    assert OrganisationParent.objects.filter(
        organisation=trust, parent=new_icb, relationship="in_icb"
    ).exists()


@pytest.mark.django_db
def test_a_bad_change_file_names_row_and_column_and_changes_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "2027-04-01,open,ABC12,New body,no_such_kind,,,,,,,\n")
    before = Organisation.objects.count()
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing changed"):
        call_command("apply_organisation_changes", str(path), stderr=err)
    assert "row 2" in err.getvalue() and "kind" in err.getvalue()
    assert Organisation.objects.count() == before


@pytest.mark.django_db
def test_a_missing_file_is_a_clear_error(tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing changed"):
        call_command("apply_organisation_changes", str(tmp_path / "nope.csv"), stderr=err)
    assert "nope.csv: the file does not exist" in err.getvalue()

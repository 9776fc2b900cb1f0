from io import StringIO

import pytest
from django.core.management import call_command

from carelead.people.models import EqualityOption, PayBand, StaffGroup

pytestmark = pytest.mark.django_db


def test_people_reference_data_loads_and_prints_counts():
    out = StringIO()
    call_command("load_reference_data", "--skip-organisations", stdout=out)
    text = out.getvalue()
    assert f"staff groups: {StaffGroup.objects.count()}" in text
    assert f"pay bands: {PayBand.objects.count()}" in text
    assert f"equality options: {EqualityOption.objects.count()}" in text


def test_running_twice_changes_nothing():
    call_command("load_reference_data", "--skip-organisations", stdout=StringIO())
    counts = (StaffGroup.objects.count(), PayBand.objects.count(), EqualityOption.objects.count())
    call_command("load_reference_data", "--skip-organisations", stdout=StringIO())
    assert counts == (
        StaffGroup.objects.count(),
        PayBand.objects.count(),
        EqualityOption.objects.count(),
    )


def test_the_full_load_includes_organisations():
    from carelead.organisations.models import Organisation

    out = StringIO()
    call_command("load_reference_data", stdout=out)
    text = out.getvalue()
    assert "Organisations reference data loaded" in text
    assert "People reference data loaded" in text
    assert Organisation.objects.exists()
    assert StaffGroup.objects.exists()

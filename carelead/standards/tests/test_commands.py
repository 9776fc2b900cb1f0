import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from carelead.standards.models import FrameworkVersion

pytestmark = pytest.mark.django_db


def test_load_frameworks_then_again_changes_nothing():
    out = StringIO()
    call_command("load_frameworks", stdout=out)
    assert "Loaded management-leadership 1.0" in out.getvalue()
    call_command("load_frameworks", stdout=out)
    assert "Already there: board-lcf-2024 2024" in out.getvalue()
    assert FrameworkVersion.objects.count() == 2


def test_export_framework_in_both_formats(loaded):
    out = StringIO()
    call_command("export_framework", "board-lcf-2024", "2024", "--format", "case", stdout=out)
    assert json.loads(out.getvalue())["CFDocument"]["version"] == "2024"
    out = StringIO()
    call_command("export_framework", "board-lcf-2024", "2024", "--format", "csv", stdout=out)
    assert out.getvalue().startswith("record,identifier")
    with pytest.raises(CommandError, match="no version 9"):
        call_command("export_framework", "board-lcf-2024", "9")

"""Insight pages and the CSV export: who gets in, what they see, and what never leaves."""

import csv
import io

import pytest
from django.urls import reverse

from carelead.appraisals.models import Appraisal
from carelead.appraisals.tests.factories import CycleFactory
from carelead.appraisals.tests.factories_insight import Framework, appraisal_in, insight_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(world, settings):
    settings.CARELEAD_SUPPRESSION_MINIMUM = 2
    framework = Framework()
    cycle = insight_cycle(world.trust, framework)
    appraisal_in(cycle, framework, wellbeing_note="I have been struggling at home")
    appraisal_in(
        cycle, framework, edi=True, management_level=2, job_title='=HYPERLINK("http://evil")'
    )
    appraisal_in(cycle, framework, status=Appraisal.Status.PREPARING, development=0)
    return cycle


def _get(client, user, name, **params):
    client.force_login(user)
    return client.get(reverse(f"appraisals:{name}"), params)


def test_people_lead_dashboard_shows_completion_and_quality(client, world, cycle):
    response = _get(client, world.user("people_lead"), "dashboard")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Appraisal dashboard: Leeds Teaching Hospitals" in page
    assert "2 of 3 appraisals completed (67%)" in page
    assert "Quality of completed appraisals" in page
    assert "struggling" not in page


def test_dashboard_answers_404_for_an_organisation_or_cycle_outside_scope(client, world, cycle):
    lead = world.user("people_lead")
    assert _get(client, lead, "dashboard", organisation="R1H").status_code == 404
    assert _get(client, lead, "dashboard", cycle="987654").status_code == 404


def test_regional_lead_opens_an_organisation_dashboard_from_the_rollup(client, world, cycle):
    regional = world.user("regional_talent_lead")
    rollup = _get(client, regional, "rollup")
    assert rollup.status_code == 200
    assert "?organisation=RR8" in rollup.content.decode()
    assert _get(client, regional, "dashboard", organisation="RR8").status_code == 200
    assert _get(client, regional, "rollup", region="Y56").status_code == 404


def test_insight_pages_are_forbidden_to_staff(client, world, cycle):
    for name in ("dashboard", "rollup", "heatmap", "demand", "export_csv"):
        assert _get(client, world.user("staff"), name).status_code == 403


def test_heatmap_page_has_a_labelled_table_and_a_text_legend(client, world, cycle):
    page = _get(client, world.user("people_lead"), "heatmap").content.decode()

    assert "<caption" in page and "Mean agreed rating by competency and stage" in page
    assert 'scope="row"' in page
    assert "Upper quarter of the scale" in page


def test_demand_page_lists_competencies_without_a_programme(client, world, cycle):
    page = _get(client, world.user("people_lead"), "demand").content.decode()
    assert "C1 Leading with compassion" in page


def test_csv_export_streams_one_safe_row_per_appraisal_without_text(client, world, cycle):
    response = _get(client, world.user("people_lead"), "export_csv")

    assert response.status_code == 200
    assert response.streaming
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["Person number", "Name", "Job title"]
    assert len(rows) == 4
    assert "struggling" not in body
    assert "'=HYPERLINK" in body
    edi_row = next(r for r in rows[1:] if r[10] == "yes")
    assert edi_row[9] == "1"


def test_csv_export_is_for_people_leads_of_the_organisation_only(client, world, cycle):
    assert _get(client, world.user("regional_talent_lead"), "export_csv").status_code == 403
    lead = world.user("people_lead")
    assert _get(client, lead, "export_csv", organisation="R1H").status_code == 404
    other = CycleFactory(organisation=world.other_trust)
    assert _get(client, lead, "export_csv", cycle=other.pk).status_code == 404

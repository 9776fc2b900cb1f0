"""Appraisal insight in a real browser: the people lead's dashboard and capability heatmap,
and a regional talent lead drilling from their region's roll-up into an organisation."""

import pytest
from django.urls import reverse

from carelead.appraisals.models import Appraisal
from carelead.appraisals.tests.factories_insight import Framework, appraisal_in, insight_cycle
from carelead.tests.browser.steps import (
    given_i_am_signed_in_as,
    then_i_see_the_heading,
    then_i_see_the_table,
    when_i_click_link,
    when_i_visit,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def appraisals(world, settings):
    """Leeds: three completed appraisals rated 3 and 4, one still preparing."""
    settings.CARELEAD_SUPPRESSION_MINIMUM = 3
    framework = Framework()
    cycle = insight_cycle(world.trust, framework, title="Appraisals 2026/27")
    for ratings in ((3, 4), (3, 4), (4, 4)):
        appraisal_in(cycle, framework, ratings=ratings)
    appraisal_in(cycle, framework, status=Appraisal.Status.PREPARING)
    return world


def test_people_lead_sees_completion_and_the_heatmap(page, appraisals):
    given_i_am_signed_in_as(page, "people_lead")
    when_i_visit(page, reverse("appraisals:dashboard"))
    then_i_see_the_heading(page, "Appraisal dashboard: Leeds Teaching Hospitals")
    then_i_see_the_table(page, "Appraisals by status", ("Completed", "3"))
    then_i_see_the_table(page, "Quality of completed appraisals", ("Objectives set", "100%"))
    when_i_click_link(page, "capability heatmap")
    then_i_see_the_heading(page, "Capability heatmap: Leeds Teaching Hospitals")
    then_i_see_the_table(page, "Mean agreed rating by competency and stage", ("3.3",))


def test_regional_talent_lead_drills_from_region_to_organisation(page, appraisals):
    given_i_am_signed_in_as(page, "regional_talent_lead")
    when_i_visit(page, reverse("appraisals:rollup"))
    then_i_see_the_heading(page, "Appraisals roll-up: North East and Yorkshire")
    then_i_see_the_table(page, "Appraisals by organisation", ("Leeds Teaching Hospitals", "75%"))
    when_i_click_link(page, "NHS West Yorkshire ICB")
    then_i_see_the_heading(page, "Appraisals roll-up: NHS West Yorkshire ICB")
    when_i_click_link(page, "Leeds Teaching Hospitals")
    then_i_see_the_heading(page, "Appraisal dashboard: Leeds Teaching Hospitals")

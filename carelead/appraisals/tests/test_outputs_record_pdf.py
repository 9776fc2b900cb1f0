"""The appraisal record PDF: who may download it, what it holds, and what it never holds."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carelead.appraisals.models import BehaviourAssessment
from carelead.appraisals.selectors.outputs import appraisal_record
from carelead.appraisals.tests.factories import ObjectiveFactory
from carelead.appraisals.tests.factories_outputs import (
    REFLECTION,
    WELLBEING_NOTE,
    completed_appraisal,
)
from carelead.appraisals.views.outputs import RECORD_TEMPLATE, record_context
from carelead.core.pdf import render_pdf
from carelead.standards.tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def appraisal(world):
    return completed_appraisal(world.employments["staff"])


def _get(client, user, appraisal):
    client.force_login(user)
    return client.get(reverse("appraisals:record_pdf", kwargs={"pk": appraisal.pk}))


@pytest.mark.parametrize("persona", ["staff", "line_manager", "people_lead"])
def test_appraisee_appraiser_and_people_lead_download_it_as_an_attachment(
    client, world, appraisal, persona
):
    response = _get(client, world.user(persona), appraisal)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    number = appraisal.person.person_number
    assert response["Content-Disposition"] == (
        f'attachment; filename="appraisal-{number}-{appraisal.cycle_id}.pdf"'
    )


@pytest.mark.parametrize("persona", ["board_member", "regional_talent_lead", "equality_analyst"])
def test_anyone_else_gets_404(client, world, appraisal, persona):
    assert _get(client, world.user(persona), appraisal).status_code == 404


def test_an_appraisal_that_does_not_exist_is_404(client, world):
    client.force_login(world.user("staff"))
    assert client.get(reverse("appraisals:record_pdf", kwargs={"pk": 999999})).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, appraisal):
    response = client.get(reverse("appraisals:record_pdf", kwargs={"pk": appraisal.pk}))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_record_holds_every_section_but_never_the_wellbeing_note(appraisal):
    html = render_to_string(RECORD_TEMPLATE, record_context(appraisal))
    for expected in (
        REFLECTION,
        "Sam Staff",
        "Staff nurse",
        "Stage 1",
        "Maria Manager",
        "Cut waiting times",
        "Shorter waits",
        "Inclusive recruitment panels",
        "Lead a quality improvement project",
        "Stretch: a bigger role",
        "Agreed summary: ready for a bigger role.",
        "Thank you for the support.",
        "3 – Exceeding",
        "2 – Meeting",
        "8 June 2026",  # the wellbeing conversation, as a date
        "Sign off",  # the last step of the history
        "Completed",
    ):
        assert expected in html, expected
    assert WELLBEING_NOTE not in html
    assert html.count("<h1") == 1


def test_the_pdf_carries_the_text_but_not_the_wellbeing_note(appraisal):
    pdf = render_pdf(RECORD_TEMPLATE, record_context(appraisal), uncompressed_pdf=True)
    assert pdf.startswith(b"%PDF-")
    # Tagged PDF/UA: the structure tree that screen readers read is there.
    assert b"/StructTreeRoot" in pdf
    assert b"Private" not in pdf and WELLBEING_NOTE.encode() not in pdf


def test_reading_the_record_takes_the_same_queries_for_few_and_many_rows(appraisal):
    with CaptureQueriesContext(connection) as few:
        appraisal_record(appraisal)
    version = appraisal.cycle.framework_version
    for item in ItemFactory.create_batch(5, version=version):
        BehaviourAssessment.objects.create(appraisal=appraisal, item=item)
    ObjectiveFactory.create_batch(5, appraisal=appraisal)
    with CaptureQueriesContext(connection) as many:
        appraisal_record(appraisal)
    assert len(few) == len(many)

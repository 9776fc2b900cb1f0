import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carelead.people.tests.factories import EmploymentFactory, PersonFactory
from carelead.talent.models import TalentAssessment
from carelead.talent.tests.factories import (
    PotentialEvidenceFactory,
    TalentAssessmentFactory,
    criteria,
    nine_box,
)
from carelead.talent.tests.factories_assessments import completed_appraisal, post_data

pytestmark = pytest.mark.django_db

S = TalentAssessment.Status


def _assess_url(world):
    return reverse(
        "talent:assessment_create", kwargs={"person_id": world.employments["staff"].person_id}
    )


class TestAssess:
    def test_form_shows_performance_read_from_the_appraisal_and_every_criterion(
        self, client, world
    ):
        criteria()
        completed_appraisal(world.employments["staff"], ratings=[3, 3], objectives=["achieved"])
        client.force_login(world.user("line_manager"))
        page = client.get(_assess_url(world)).content.decode()
        assert "2 of 2 behaviours rated at the top two levels; 1 of 1 objective achieved" in page
        for title in ("Aspiration", "Engagement", "Ability", "Leadership values"):
            assert f"Evidence for {title}" in page
        assert "Health and Care Leadership Scheme" in page

    def test_proposing_saves_and_shows_the_assessment(self, client, world):
        nine_box()
        client.force_login(world.user("line_manager"))
        response = client.post(_assess_url(world), post_data(performance_note="From audit"))
        assessment = TalentAssessment.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("talent:assessment", kwargs={"pk": assessment.pk})
        assert assessment.status == S.PROPOSED
        page = client.get(response.url).content.decode()
        assert "Potential leader" in page
        assert "Source:" in page

    def test_errors_say_what_and_where(self, client, world):
        criteria()
        client.force_login(world.user("line_manager"))
        data = post_data(potential=3, performance_note="From audit")
        data["evidence_ability"] = ""
        page = client.post(_assess_url(world), data).content.decode()
        assert "There is a problem" in page
        assert 'href="#id_evidence_ability"' in page
        assert "Enter the evidence for Ability" in page
        assert "Overall potential is high but only 0 of 4 criteria" in page
        assert not TalentAssessment.objects.exists()

    def test_a_stale_form_is_refused(self, client, world):
        criteria()
        client.force_login(world.user("line_manager"))
        client.post(_assess_url(world), post_data(performance_note="x", action="draft"))
        client.post(_assess_url(world), post_data(performance_note="y", version=1))
        page = client.post(_assess_url(world), post_data(performance_note="z", version=1))
        assert "Someone else changed this assessment" in page.content.decode()
        assert TalentAssessment.objects.get().performance_note == "y"
        # A form opened before anyone started an assessment carries no version.
        page = client.post(_assess_url(world), post_data(performance_note="w"))
        assert "Someone else changed this assessment" in page.content.decode()

    def test_people_outside_scope_get_404(self, client, world):
        client.force_login(world.user("people_lead"))
        url = reverse(
            "talent:assessment_create",
            kwargs={"person_id": world.outsider_employment.person_id},
        )
        assert client.get(url).status_code == 404


class TestWithdraw:
    def test_withdraw_with_a_reason(self, client, world):
        assessment = TalentAssessmentFactory(employment=world.employments["staff"])
        client.force_login(world.user("people_lead"))
        url = reverse("talent:assessment_withdraw", kwargs={"pk": assessment.pk})
        page = client.post(url, {"reason": "", "version": "1"}).content.decode()
        assert "Enter the reason for withdrawing the assessment" in page
        assert client.post(url, {"reason": "Left the team", "version": "1"}).status_code == 302
        assessment.refresh_from_db()
        assert assessment.status == S.WITHDRAWN and assessment.withdrawn_reason == "Left the team"
        detail = client.get(reverse("talent:assessment", kwargs={"pk": assessment.pk})).text
        assert "Why it was withdrawn" in detail and "Left the team" in detail


class TestTeam:
    def test_lists_reports_with_their_latest_assessment(self, client, world):
        nine_box()
        TalentAssessmentFactory(employment=world.employments["staff"], performance=3, potential=3)
        client.force_login(world.user("line_manager"))
        page = client.get(reverse("talent:assessments_team")).content.decode()
        assert "Sam Staff" in page
        assert "Very strong contributor" in page
        assert "Change the assessment" in page

    def test_query_count_does_not_grow_with_the_team(self, client, world):
        nine_box()
        manager = world.employments["line_manager"]
        staff = world.employments["staff"]
        completed_appraisal(staff, ratings=[2], objectives=["achieved"])
        TalentAssessmentFactory(employment=staff)
        client.force_login(world.user("line_manager"))
        url = reverse("talent:assessments_team")
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        for _ in range(4):
            report = EmploymentFactory(organisation=world.trust, line_manager=manager)
            completed_appraisal(report, ratings=[2], objectives=["achieved"])
            TalentAssessmentFactory(employment=report)
        with CaptureQueriesContext(connection) as many:
            assert client.get(url).content.decode().count("Change the assessment") >= 4
        assert len(few) == len(many)


class TestOrganisation:
    def _assessments(self, organisation, n):
        for _ in range(n):
            assessment = TalentAssessmentFactory(
                employment=EmploymentFactory(organisation=organisation)
            )
            PotentialEvidenceFactory(assessment=assessment)

    def test_people_lead_sees_their_organisation_and_filters_by_status(self, client, world):
        nine_box()
        self._assessments(world.trust, 2)
        TalentAssessmentFactory(
            employment=EmploymentFactory(organisation=world.trust), status=S.DRAFT
        )
        client.force_login(world.user("people_lead"))
        url = reverse("talent:assessments_organisation")
        page = client.get(url, {"status": "draft"}).content.decode()
        assert "Talent assessments at Leeds Teaching Hospitals" in page
        assert page.count("Potential leader") == 1

    def test_talent_lead_chooses_an_organisation_in_their_region_only(self, client, world):
        self._assessments(world.sibling_trust, 1)
        client.force_login(world.user("regional_talent_lead"))
        url = reverse("talent:assessments_organisation")
        assert "Choose an organisation" in client.get(url).content.decode()
        assert "Mid Yorkshire" in client.get(url, {"organisation": "RXF"}).content.decode()
        assert client.get(url, {"organisation": "R1H"}).status_code == 404

    def test_line_manager_without_a_role_gets_403(self, client, world):
        client.force_login(world.user("line_manager"))
        assert client.get(reverse("talent:assessments_organisation")).status_code == 403

    def test_csv_is_spreadsheet_safe(self, client, world):
        nine_box()
        person = PersonFactory(given_name="=HYPERLINK(1)")
        TalentAssessmentFactory(
            employment=EmploymentFactory(organisation=world.trust, person=person)
        )
        client.force_login(world.user("people_lead"))
        response = client.get(reverse("talent:assessments_organisation_csv"))
        body = response.content.decode()
        assert response["Content-Type"].startswith("text/csv")
        assert "'=HYPERLINK(1)" in body
        assert "Potential leader" in body

    def test_query_count_does_not_grow_with_rows(self, client, world):
        nine_box()
        client.force_login(world.user("people_lead"))
        url = reverse("talent:assessments_organisation")
        self._assessments(world.trust, 1)
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        self._assessments(world.trust, 5)
        with CaptureQueriesContext(connection) as many:
            client.get(url)
        assert len(few) == len(many)


class TestMine:
    def test_the_person_sees_only_calibrated_assessments(self, client, world):
        nine_box()
        staff = world.employments["staff"]
        TalentAssessmentFactory(employment=staff, status=S.PROPOSED)
        calibrated = TalentAssessmentFactory(
            employment=staff, status=S.CALIBRATED, calibrated_performance=3, calibrated_potential=2
        )
        client.force_login(world.user("staff"))
        page = client.get(reverse("talent:assessment_mine")).content.decode()
        assert page.count('href="/talent/assessments/') == 1
        assert "Growing leader / Strong contributor" in page
        detail = reverse("talent:assessment", kwargs={"pk": calibrated.pk})
        assert client.get(detail).status_code == 200

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from carelead.appraisals.models import Appraisal
from carelead.people.tests.factories import EmploymentFactory
from carelead.talent.models import TalentAssessment
from carelead.talent.selectors import assessments as selectors
from carelead.talent.tests.factories import TalentAssessmentFactory
from carelead.talent.tests.factories_assessments import completed_appraisal

pytestmark = pytest.mark.django_db

A, N = "achieved", "not_achieved"


class TestPerformanceFromAppraisals:
    def test_high_ratings_and_objectives_met_read_as_high(self):
        employment = EmploymentFactory()
        appraisal = completed_appraisal(employment, ratings=[3, 3, 2, 3], objectives=[A, A, N])
        reading = selectors.performance_from_appraisals([employment.person_id])[
            employment.person_id
        ]
        assert reading.appraisal_id == appraisal.pk
        assert reading.level == 3
        assert reading.explanation == (
            "4 of 4 behaviours rated at the top two levels; 2 of 3 objectives achieved"
        )

    def test_most_objectives_not_achieved_moves_the_level_down_one(self):
        employment = EmploymentFactory()
        completed_appraisal(employment, ratings=[3, 3, 3], objectives=[A, N, N])
        reading = selectors.performance_from_appraisals([employment.person_id])
        assert reading[employment.person_id].level == 2

    def test_middle_ratings_read_as_moderate_and_low_never_goes_lower(self):
        middle, low = EmploymentFactory(), EmploymentFactory()
        completed_appraisal(middle, ratings=[1, 2])
        completed_appraisal(low, ratings=[0, 0], objectives=[N, N])
        readings = selectors.performance_from_appraisals([middle.person_id, low.person_id])
        assert readings[middle.person_id].level == 2
        assert readings[low.person_id].level == 1

    def test_unscored_ratings_are_left_out(self):
        employment = EmploymentFactory()
        completed_appraisal(employment, ratings=[3], unscored=3)
        reading = selectors.performance_from_appraisals([employment.person_id])
        assert reading[employment.person_id].level == 3
        assert reading[employment.person_id].explanation.startswith("1 of 1 behaviour rated")

    def test_objectives_alone_give_the_level_when_nothing_is_rated(self):
        employment = EmploymentFactory()
        completed_appraisal(employment, objectives=[A, A, A, N])
        reading = selectors.performance_from_appraisals([employment.person_id])
        assert reading[employment.person_id].level == 3

    def test_nothing_to_read_gives_no_level(self):
        employment = EmploymentFactory()
        completed_appraisal(employment, objectives=["on_track"])
        reading = selectors.performance_from_appraisals([employment.person_id])
        assert reading[employment.person_id].level is None

    def test_the_newest_completed_appraisal_is_read_and_others_ignored(self):
        employment = EmploymentFactory()
        completed_appraisal(employment, ratings=[0], completed_on=datetime.date(2024, 3, 1))
        newer = completed_appraisal(employment, ratings=[3], completed_on=datetime.date(2025, 3, 1))
        reading = selectors.performance_from_appraisals([employment.person_id])
        assert reading[employment.person_id].appraisal_id == newer.pk

    def test_people_without_a_completed_appraisal_are_left_out(self):
        employment = EmploymentFactory()
        appraisal = completed_appraisal(employment, ratings=[3])
        Appraisal.objects.filter(pk=appraisal.pk).update(status=Appraisal.Status.DISCUSSED)
        assert selectors.performance_from_appraisals([employment.person_id]) == {}

    def test_query_count_does_not_grow_with_people(self):
        few = [EmploymentFactory()]
        completed_appraisal(few[0], ratings=[2], objectives=[A])
        many = [EmploymentFactory() for _ in range(4)]
        for employment in many:
            completed_appraisal(employment, ratings=[1, 3], objectives=[A, N])
        with CaptureQueriesContext(connection) as one:
            selectors.performance_from_appraisals([e.person_id for e in few])
        with CaptureQueriesContext(connection) as five:
            assert len(selectors.performance_from_appraisals([e.person_id for e in many])) == 4
        assert len(one) == len(five) == 4


class TestScope:
    def test_line_manager_and_people_lead_may_assess_the_staff_member(self, world):
        staff = world.employments["staff"]
        for persona in ("line_manager", "people_lead"):
            employment = selectors.assessable_employment(world.user(persona), staff.person_id)
            assert employment == staff

    @pytest.mark.parametrize("persona", ["staff", "regional_talent_lead", "superuser"])
    def test_no_one_else_may_assess_them(self, world, persona):
        with pytest.raises(Http404):
            selectors.assessable_employment(
                world.user(persona), world.employments["staff"].person_id
            )

    def test_no_one_may_assess_a_person_outside_their_organisation(self, world):
        with pytest.raises(Http404):
            selectors.assessable_employment(
                world.user("people_lead"), world.outsider_employment.person_id
            )

    def test_viewers_of_an_assessment(self, world):
        assessment = TalentAssessmentFactory(
            employment=world.employments["staff"], assessed_by=world.user("line_manager")
        )
        seen = {
            p
            for p in world.users
            if p != "anonymous" and selectors.assessment_viewer_roles(world.user(p), assessment)
        }
        assert seen == {"line_manager", "people_lead", "regional_talent_lead"}

    def test_the_person_sees_their_assessment_only_once_calibrated(self, world):
        assessment = TalentAssessmentFactory(employment=world.employments["staff"])
        with pytest.raises(Http404):
            selectors.assessment_for_viewer(world.user("staff"), assessment.pk)
        TalentAssessment.objects.filter(pk=assessment.pk).update(
            status=TalentAssessment.Status.CALIBRATED
        )
        seen = selectors.assessment_for_viewer(world.user("staff"), assessment.pk)
        assert seen.viewer_roles == {"self"}

    def test_a_people_lead_cannot_see_their_own_open_assessment(self, world):
        lead = world.user("people_lead")
        own = TalentAssessmentFactory(employment=world.employments["people_lead"])
        with pytest.raises(Http404):
            selectors.assessment_for_viewer(lead, own.pk)
        assert not selectors.organisation_assessments(lead, world.trust).filter(pk=own.pk)

    def test_talent_lead_reaches_organisations_in_their_region_only(self, world):
        lead = world.user("regional_talent_lead")
        assert selectors.review_organisation(lead, "RXF") == world.sibling_trust
        with pytest.raises(Http404):
            selectors.review_organisation(lead, "R1H")

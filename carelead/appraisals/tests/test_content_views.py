import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carelead.accounts.tests.factories import UserFactory
from carelead.appraisals.models import Appraisal, Evidence, Objective
from carelead.appraisals.tests.factories import ObjectiveFactory, PriorityFactory
from carelead.appraisals.tests.factories_content import (
    DevelopmentItemFactory,
    EvidenceFactory,
    add_behaviours,
    appraisal_with_behaviours,
    level,
    user_for,
)
from carelead.learning.models import Programme, ProgrammeOutcome
from carelead.learning.tests.factories import MidCareerProgrammeFactory, ProgrammeFactory
from carelead.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

S = Appraisal.Status


def url(name, appraisal):
    return reverse(f"appraisals:{name}", kwargs={"pk": appraisal.pk})


def query_count(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "name", ["behaviours", "objectives", "objective_add", "development", "evidence"]
)
def test_someone_with_no_role_on_the_appraisal_gets_404(client, name):
    appraisal = appraisal_with_behaviours(items=1)
    client.force_login(user_for(PersonFactory()))
    assert client.get(url(name, appraisal)).status_code == 404


def test_objective_edit_is_404_for_someone_with_no_role(client):
    objective = ObjectiveFactory(appraisal=appraisal_with_behaviours(items=0))
    client.force_login(UserFactory())
    path = reverse("appraisals:objective_edit", kwargs={"pk": objective.pk})
    assert client.get(path).status_code == 404


class TestBehavioursPage:
    def test_not_started_says_so(self, client):
        appraisal = appraisal_with_behaviours(items=0, status=S.NOT_STARTED)
        client.force_login(user_for(appraisal.person))
        assert "has not started" in client.get(url("behaviours", appraisal)).content.decode()

    def test_appraisee_sees_the_descriptor_and_saves_all_ratings_at_once(self, client):
        appraisal = appraisal_with_behaviours(items=2)
        rows = list(appraisal.behaviour_assessments.select_related("item"))
        client.force_login(user_for(appraisal.person))
        page = client.get(url("behaviours", appraisal)).content.decode()
        assert f"I show {rows[0].item.title} well." in page
        meeting = level(appraisal, "Meeting").pk
        data = {"version": "1"}
        for row in rows:
            data[f"rating_{row.pk}"] = str(meeting)
            data[f"text_{row.pk}"] = "Ran the huddles"
        response = client.post(url("behaviours", appraisal), data)
        assert response.status_code == 302
        assert appraisal.behaviour_assessments.filter(self_rating_id=meeting).count() == 2

    def test_a_stale_form_keeps_the_input_and_says_why(self, client):
        appraisal = appraisal_with_behaviours(items=1)
        row = appraisal.behaviour_assessments.get()
        Appraisal.objects.filter(pk=appraisal.pk).update(version=5)
        client.force_login(user_for(appraisal.person))
        response = client.post(
            url("behaviours", appraisal),
            {"version": "1", f"text_{row.pk}": "My careful words"},
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "Someone else changed this appraisal" in page
        assert "My careful words" in page
        assert 'name="version" value="5"' in page

    def test_self_assessment_is_private_from_the_appraiser_while_preparing(self, client):
        appraisal = appraisal_with_behaviours(items=1)
        appraisal.behaviour_assessments.update(self_evidence="Private draft words")
        client.force_login(user_for(appraisal.appraiser))
        assert (
            "Private draft words" not in client.get(url("behaviours", appraisal)).content.decode()
        )
        Appraisal.objects.filter(pk=appraisal.pk).update(status=S.READY_TO_DISCUSS)
        assert "Private draft words" in client.get(url("behaviours", appraisal)).content.decode()

    def test_appraiser_gets_the_agreed_rating_once_discussed(self, client):
        appraisal = appraisal_with_behaviours(items=1, status=S.DISCUSSED)
        client.force_login(user_for(appraisal.appraiser))
        assert "Agreed rating for" in client.get(url("behaviours", appraisal)).content.decode()

    def test_query_count_is_the_same_for_few_and_many_behaviours(self, client):
        appraisal = appraisal_with_behaviours(items=2, status=S.READY_TO_DISCUSS)
        client.force_login(user_for(appraisal.appraiser))
        few = query_count(client, url("behaviours", appraisal))
        add_behaviours(appraisal, 12)
        assert query_count(client, url("behaviours", appraisal)) == few


class TestObjectivesPages:
    def test_add_an_edi_objective_linked_to_a_priority(self, client):
        appraisal = appraisal_with_behaviours(items=0, management_level=1)
        priority = PriorityFactory(organisation=appraisal.organisation)
        client.force_login(user_for(appraisal.person))
        assert (
            "An EDI objective is needed"
            in client.get(url("objectives", appraisal)).content.decode()
        )
        response = client.post(
            url("objective_add", appraisal),
            {
                "version": "1",
                "title": "Fairer shortlisting",
                "description": "Use diverse panels",
                "measure": "Every panel diverse",
                "due_on[day]": "31",
                "due_on[month]": "3",
                "due_on[year]": "2027",
                "priority": str(priority.pk),
                "is_edi": "on",
                "progress": "not_started",
            },
        )
        assert response.status_code == 302
        objective = Objective.objects.get()
        assert objective.is_edi and objective.priority == priority
        page = client.get(url("objectives", appraisal)).content.decode()
        assert "An EDI objective is needed for this appraisal, and there is one" in page

    def test_bad_input_says_what_is_wrong(self, client):
        appraisal = appraisal_with_behaviours(items=0)
        client.force_login(user_for(appraisal.person))
        response = client.post(url("objective_add", appraisal), {"version": "1"})
        page = response.content.decode()
        assert "Enter a short name for the objective" in page
        assert "Enter the date the objective is due" in page

    def test_after_sign_off_is_sent_only_progress_can_be_changed(self, client):
        appraisal = appraisal_with_behaviours(items=0, status=S.AWAITING_SIGN_OFF)
        objective = ObjectiveFactory(appraisal=appraisal)
        client.force_login(user_for(appraisal.appraiser))
        path = reverse("appraisals:objective_edit", kwargs={"pk": objective.pk})
        assert "Update progress" in client.get(path).content.decode()
        response = client.post(path, {"version": "1", "progress": "achieved"})
        assert response.status_code == 302
        objective.refresh_from_db()
        assert objective.progress == "achieved"

    def test_carried_forward_objectives_say_where_they_came_from(self, client):
        last_year = ObjectiveFactory(appraisal=appraisal_with_behaviours(items=0))
        appraisal = appraisal_with_behaviours(items=0)
        ObjectiveFactory(appraisal=appraisal, carried_from=last_year)
        client.force_login(user_for(appraisal.person))
        page = client.get(url("objectives", appraisal)).content.decode()
        assert f"Carried forward from {last_year.appraisal.cycle.title}" in page

    def test_query_count_is_the_same_for_few_and_many_objectives(self, client):
        appraisal = appraisal_with_behaviours(items=0)
        priority = PriorityFactory(organisation=appraisal.organisation)
        ObjectiveFactory(appraisal=appraisal, priority=priority)
        client.force_login(user_for(appraisal.person))
        few = query_count(client, url("objectives", appraisal))
        last_year = ObjectiveFactory(appraisal=appraisal_with_behaviours(items=0))
        for _ in range(10):
            ObjectiveFactory(appraisal=appraisal, priority=priority, carried_from=last_year)
        assert query_count(client, url("objectives", appraisal)) == few


class TestDevelopmentPages:
    def test_suggests_programmes_for_the_competency_at_the_stage(self, client):
        appraisal = appraisal_with_behaviours(items=1)
        item = appraisal.behaviour_assessments.get().item
        programme = ProgrammeFactory(framework_version=appraisal.cycle.framework_version)
        ProgrammeOutcome.objects.create(programme=programme, item=item, stage=appraisal.stage)
        closed = ProgrammeFactory(
            framework_version=appraisal.cycle.framework_version, status=Programme.Status.CLOSED
        )
        ProgrammeOutcome.objects.create(programme=closed, item=item, stage=appraisal.stage)
        client.force_login(user_for(appraisal.person))
        response = client.post(
            url("development_add", appraisal),
            {"version": "1", "description": "Grow", "item": str(item.pk), "suggest": "1"},
        )
        page = response.content.decode()
        assert f"Enrol on {programme.title}" in page
        assert closed.title not in page
        assert not appraisal.development_items.exists()

    def test_add_an_item_with_a_mid_career_programme_links_to_apply(self, client):
        appraisal = appraisal_with_behaviours(items=1)
        programme = MidCareerProgrammeFactory(framework_version=appraisal.cycle.framework_version)
        client.force_login(user_for(appraisal.person))
        response = client.post(
            url("development_add", appraisal),
            {
                "version": "1",
                "description": "Apply for the programme",
                "programme": str(programme.pk),
            },
        )
        assert response.status_code == 302
        page = client.get(url("development", appraisal)).content.decode()
        assert reverse("learning:mid_career_apply") in page

    def test_query_count_is_the_same_for_few_and_many_items(self, client):
        appraisal = appraisal_with_behaviours(items=1)
        item = appraisal.behaviour_assessments.get().item
        DevelopmentItemFactory(appraisal=appraisal, item=item)
        client.force_login(user_for(appraisal.person))
        few = query_count(client, url("development", appraisal))
        for _ in range(8):
            DevelopmentItemFactory(appraisal=appraisal, item=item, programme=ProgrammeFactory())
        assert query_count(client, url("development", appraisal)) == few


class TestEvidencePages:
    def test_add_to_my_library_then_attach_to_the_appraisal(self, client):
        appraisal = appraisal_with_behaviours(items=1)
        client.force_login(user_for(appraisal.person))
        response = client.post(reverse("appraisals:my_evidence"), {"title": "Audit results"})
        assert response.status_code == 302
        evidence = Evidence.objects.get(person=appraisal.person)
        item = appraisal.behaviour_assessments.get().item
        response = client.post(
            url("evidence", appraisal),
            {"version": "1", "evidence": str(evidence.pk), "item": str(item.pk)},
        )
        assert response.status_code == 302
        client.force_login(user_for(appraisal.appraiser))
        page = client.get(url("evidence", appraisal)).content.decode()
        assert "Audit results" in page and item.title in page

    def test_my_evidence_shows_only_my_own(self, client):
        appraisal = appraisal_with_behaviours(items=0)
        EvidenceFactory(person=appraisal.person, title="Mine")
        EvidenceFactory(title="Someone else's")
        client.force_login(user_for(appraisal.person))
        page = client.get(reverse("appraisals:my_evidence")).content.decode()
        assert "Mine" in page and "Someone else" not in page

"""Reads for the workflow pages: order of the lists, the panel of what happened since the
last appraisal, and a new line manager's consented view."""

import datetime

import pytest
from django.http import Http404

from carelead.appraisals.models import Appraisal, Cycle, FeedbackRequest
from carelead.appraisals.selectors.workflow import (
    appraisals_to_appraise,
    own_appraisals,
    previous_appraisal_for_manager,
    since_last_appraisal,
    task_counts,
)
from carelead.appraisals.tests.factories import AppraisalFactory, CycleFactory, TemplateFactory
from carelead.appraisals.tests.factories_workflow import completed_appraisal, workflow_scene
from carelead.learning.tests.factories import CompletionFactory
from carelead.people.tests.factories import EmploymentFactory

S = Appraisal.Status


@pytest.fixture
def scene(world):
    return workflow_scene(world)


def test_own_appraisals_put_live_ones_first(world, scene):
    previous = completed_appraisal(world)
    assert list(own_appraisals(world.user("staff"))) == [scene.appraisal, previous]
    assert list(own_appraisals(world.user("superuser"))) == []


def test_own_appraisals_follow_the_person_across_employers(world, scene):
    elsewhere = completed_appraisal(world, organisation=world.other_trust)
    assert elsewhere in own_appraisals(world.user("staff"))


def test_the_appraisers_list_puts_the_earliest_deadline_first(world, scene):
    manager = world.employments["line_manager"]
    overdue = AppraisalFactory(
        cycle=CycleFactory(
            organisation=world.trust,
            template=TemplateFactory(),
            preparation_due_on=datetime.date(2020, 1, 1),
        ),
        employment=EmploymentFactory(organisation=world.trust, line_manager=manager),
        stage=scene.stage,
    )
    draft = AppraisalFactory(
        cycle=CycleFactory(
            organisation=world.trust, template=TemplateFactory(), status=Cycle.Status.DRAFT
        ),
        employment=EmploymentFactory(organisation=world.trust, line_manager=manager),
        stage=scene.stage,
    )
    found = list(appraisals_to_appraise(world.user("line_manager")))
    assert found[:2] == [overdue, scene.appraisal]
    assert draft not in found
    assert found[0].next_due_on == datetime.date(2020, 1, 1)


def test_task_counts(world, scene):
    scene.act("start", "staff")
    scene.appraisal.behaviour_assessments.filter(item__code="P1").update(agreed_rating=scene.level)
    counts = task_counts(scene.appraisal)
    assert (counts.behaviours, counts.behaviours_agreed, counts.objectives) == (3, 1, 0)
    assert counts.feedback_status == ""


def test_since_last_appraisal_shows_learning_since_and_the_last_feedback(world, scene):
    previous = completed_appraisal(world)
    FeedbackRequest.objects.create(appraisal=previous, closes_on=datetime.date(2026, 2, 1))
    person = world.employments["staff"].person
    CompletionFactory(person=person, completed_on=datetime.date(2026, 2, 1))
    recent = CompletionFactory(person=person, completed_on=datetime.date(2026, 6, 1))
    CompletionFactory(person=person, completed_on=datetime.date(2026, 6, 2), status="rejected")
    since = since_last_appraisal(scene.appraisal)
    assert since.previous == previous
    assert since.completions == [recent]
    assert since.feedback_request.appraisal == previous


def test_a_new_manager_sees_the_last_appraisal_only_with_consent(world):
    staff = world.employments["staff"]
    completed_appraisal(world, share=False)
    found = previous_appraisal_for_manager(world.user("line_manager"), staff.pk)
    assert not found.shared and found.appraisal is None
    shared = completed_appraisal(world, share=True)
    Appraisal.objects.filter(pk=shared.pk).update(completed_on=datetime.date(2026, 3, 2))
    found = previous_appraisal_for_manager(world.user("line_manager"), staff.pk)
    assert found.shared and found.appraisal == shared
    assert [o.title for o in found.objectives] == ["Finished", "Unfinished"]


def test_only_the_current_line_manager_may_ask(world):
    staff = world.employments["staff"]
    for persona in ("staff", "people_lead", "superuser"):
        with pytest.raises(Http404):
            previous_appraisal_for_manager(world.user(persona), staff.pk)

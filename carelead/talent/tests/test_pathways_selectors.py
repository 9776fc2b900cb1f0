"""Pathway reads: who sees which pathway, how a job title is recognised as a step, the
evidence of where people went next (aggregated, a fixed number of queries) and a signed-in
person's own position."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from carelead.accounts.tests.factories import UserFactory
from carelead.learning.tests.factories import CredentialFactory, ProgrammeFactory
from carelead.organisations.tests.factories import TrustFactory
from carelead.standards.tests.factories import ml_version_with_stages
from carelead.talent.models import Pathway
from carelead.talent.selectors import pathways as selectors
from carelead.talent.tests.factories_pathways import career, pathway_with_steps

pytestmark = pytest.mark.django_db

STEPS = ("Team leader", "Service manager", "General manager", "Director of operations")


def test_drafts_and_retired_pathways_answer_404_to_everyone_but_the_implementation_office(world):
    draft = pathway_with_steps("Team leader", code="draft-one", status=Pathway.Status.DRAFT)
    retired = pathway_with_steps("Team leader", code="old-one", status=Pathway.Status.RETIRED)
    for persona in ("staff", "regional_talent_lead", "people_lead"):
        user = world.user(persona)
        assert not selectors.pathways_for(user).filter(pk__in=[draft.pk, retired.pk]).exists()
        with pytest.raises(Http404):
            selectors.pathway_for(user, "draft-one")
    office = world.user("implementation_office")
    assert selectors.pathway_for(office, "draft-one") == draft
    assert selectors.pathway_for(office, "old-one") == retired


def test_the_longest_matching_fragment_wins_then_the_later_step():
    pathway = pathway_with_steps("Clinical director", "Medical director")
    steps = list(pathway.steps.all())
    steps[1].job_titles = ["medical director", "deputy medical director"]
    match = selectors.step_matcher(steps)
    assert match("Deputy Medical Director") == 1
    assert match("CLINICAL DIRECTOR for surgery") == 0
    assert match("Porter") is None


def test_evidence_counts_each_person_once_per_step_by_where_they_went_next():
    pathway = pathway_with_steps(*STEPS)
    trust = TrustFactory()
    career("Team leader", "Service manager", organisation=trust)  # next step
    career("Team leader", "General manager", organisation=trust)  # a later step
    career("Team leader", "Project manager", organisation=trust)  # another role
    career("Service manager", "Team leader", organisation=trust)  # an earlier step
    # The same step at another employer is one stay; still in it today.
    career("Team leader", "Team leader", organisation=trust)
    career("Porter", organisation=trust)  # never on the pathway

    team_leader, service_manager, general_manager, director = selectors.pathway_evidence(pathway)

    assert team_leader.counts == {
        "next_step": 1,
        "later_step": 1,
        "earlier_step": 0,
        "other_role": 1,
        # Still a team leader, and the one who stepped back from service manager.
        "no_move": 2,
    }
    assert service_manager.counts["next_step"] == 0
    assert service_manager.counts["earlier_step"] == 1
    assert service_manager.counts["no_move"] == 1
    assert general_manager.total == 1
    assert director.total == 0
    assert team_leader.median_months == 24


def test_evidence_takes_the_same_number_of_queries_for_5_and_50_people():
    pathway = pathway_with_steps(*STEPS)
    trust = TrustFactory()

    def count_queries() -> int:
        fresh = selectors.pathway_for(None, pathway.code)
        with CaptureQueriesContext(connection) as queries:
            selectors.pathway_evidence(fresh)
        return len(queries)

    for _ in range(5):
        career("Team leader", "Service manager", organisation=trust)
    few = count_queries()
    for _ in range(45):
        career("Service manager", "General manager", "Director of operations", organisation=trust)
    assert count_queries() == few == 1


def test_position_shows_the_step_of_my_current_job_and_whether_i_hold_the_next_credential():
    version = ml_version_with_stages()
    stage_1 = version.stages.get(code="stage-1")
    pathway = pathway_with_steps(*STEPS)
    pathway.steps.filter(order=2).update(credential_stage=stage_1)
    person = career("Porter", "Team leader")
    user = UserFactory(person=person)

    position = selectors.position_of(user, selectors.pathway_for(user, pathway.code))
    assert position.step.title == "Team leader"
    assert position.next_step.title == "Service manager"
    assert position.holds_next_credential is False

    CredentialFactory(person=person, programme=ProgrammeFactory(stage=stage_1))
    position = selectors.position_of(user, selectors.pathway_for(user, pathway.code))
    assert position.holds_next_credential is True


def test_no_position_without_a_person_or_off_the_pathway():
    pathway = pathway_with_steps(*STEPS)
    assert selectors.position_of(UserFactory(), pathway) is None
    user = UserFactory(person=career("Porter"))
    position = selectors.position_of(user, pathway)
    assert position.step is None and position.job_title == "Porter"

import datetime

import pytest
from django.core.exceptions import ValidationError

from carelead.accounts.tests.factories import UserFactory
from carelead.appraisals import policy
from carelead.appraisals.models import Appraisal, AppraisalEvidence, DevelopmentItem, Objective
from carelead.appraisals.services import content as services
from carelead.appraisals.services.content import BehaviourEntry
from carelead.appraisals.tests.factories import (
    BoardTemplateFactory,
    ObjectiveFactory,
    PriorityFactory,
)
from carelead.appraisals.tests.factories_content import (
    EvidenceFactory,
    appraisal_with_behaviours,
    level,
    user_for,
)
from carelead.core.models import AuditEvent
from carelead.learning.models import Programme
from carelead.learning.tests.factories import ProgrammeFactory
from carelead.standards.tests.factories import ItemFactory

pytestmark = pytest.mark.django_db

S = Appraisal.Status


def appraisee(appraisal):
    return user_for(appraisal.person)


def appraiser(appraisal):
    return user_for(appraisal.appraiser)


def entries(appraisal, label, text="", agreed=None):
    rating = level(appraisal, label).pk
    agreed_id = level(appraisal, agreed).pk if agreed else None
    return [
        BehaviourEntry(a.pk, rating, text, agreed_id) for a in appraisal.behaviour_assessments.all()
    ]


def objective_values(**overrides):
    values = {
        "title": "Cut waiting times",
        "description": "Redesign the clinic booking process.",
        "measure": "Median wait under 6 weeks.",
        "due_on": datetime.date(2027, 3, 31),
    }
    values.update(overrides)
    return values


class TestBehaviours:
    def test_appraisee_rates_every_behaviour_in_one_save_and_bumps_the_version(self):
        appraisal = appraisal_with_behaviours(items=3)
        changed = services.behaviours_self_assess(
            actor=appraisee(appraisal),
            appraisal=appraisal,
            expected_version=1,
            entries=entries(appraisal, "Meeting", "Led the huddles"),
        )
        assert changed == 3
        appraisal.refresh_from_db()
        assert appraisal.version == 2
        ratings = {a.self_rating.label for a in appraisal.behaviour_assessments.all()}
        assert ratings == {"Meeting"}
        assert AuditEvent.objects.filter(action="appraisal.behaviour_rated").count() == 3

    def test_the_no_chance_to_demonstrate_level_is_allowed(self):
        appraisal = appraisal_with_behaviours(items=1)
        services.behaviours_self_assess(
            actor=appraisee(appraisal),
            appraisal=appraisal,
            expected_version=1,
            entries=entries(appraisal, "No chance to demonstrate"),
        )
        assert appraisal.behaviour_assessments.get().self_rating.value is None

    def test_the_appraiser_cannot_give_self_ratings(self):
        appraisal = appraisal_with_behaviours(items=1)
        with pytest.raises(ValidationError, match="cannot give self ratings"):
            services.behaviours_self_assess(
                actor=appraiser(appraisal),
                appraisal=appraisal,
                expected_version=1,
                entries=entries(appraisal, "Meeting"),
            )

    @pytest.mark.parametrize("status", [S.NOT_STARTED, S.DISCUSSED, S.COMPLETED])
    def test_self_ratings_change_only_while_preparing_or_ready(self, status):
        appraisal = appraisal_with_behaviours(items=1, status=status)
        with pytest.raises(ValidationError, match="cannot change your self ratings"):
            services.behaviours_self_assess(
                actor=appraisee(appraisal),
                appraisal=appraisal,
                expected_version=1,
                entries=entries(appraisal, "Meeting"),
            )

    def test_appraiser_rates_while_ready_but_agrees_only_after_the_discussion(self):
        appraisal = appraisal_with_behaviours(items=2, status=S.READY_TO_DISCUSS)
        user = appraiser(appraisal)
        with pytest.raises(ValidationError, match="after the discussion"):
            services.behaviours_appraiser_assess(
                actor=user,
                appraisal=appraisal,
                expected_version=1,
                entries=entries(appraisal, "Meeting", agreed="Meeting"),
            )
        services.behaviours_appraiser_assess(
            actor=user,
            appraisal=appraisal,
            expected_version=1,
            entries=entries(appraisal, "Exceeding", "Great"),
        )
        Appraisal.objects.filter(pk=appraisal.pk).update(status=S.DISCUSSED)
        services.behaviours_appraiser_assess(
            actor=user,
            appraisal=appraisal,
            expected_version=2,
            entries=entries(appraisal, "Exceeding", "Great", agreed="Meeting"),
        )
        assert {a.agreed_rating.label for a in appraisal.behaviour_assessments.all()} == {"Meeting"}

    def test_a_level_from_another_scale_is_refused_and_nothing_is_saved(self):
        appraisal = appraisal_with_behaviours(items=2)
        other = appraisal_with_behaviours(items=1)
        rows = entries(appraisal, "Meeting")
        rows[1] = BehaviourEntry(rows[1].assessment_id, rating_id=999_999)
        with pytest.raises(ValidationError, match="choose a rating"):
            services.behaviours_self_assess(
                actor=appraisee(appraisal), appraisal=appraisal, expected_version=1, entries=rows
            )
        assert not appraisal.behaviour_assessments.filter(self_rating__isnull=False).exists()
        assert Appraisal.objects.get(pk=appraisal.pk).version == 1
        assert appraisal.version == 1
        assert other.pk != appraisal.pk

    def test_a_stale_version_is_refused_with_a_clear_message(self):
        appraisal = appraisal_with_behaviours(items=1)
        user = appraisee(appraisal)
        services.behaviours_self_assess(
            actor=user,
            appraisal=appraisal,
            expected_version=1,
            entries=entries(appraisal, "Meeting"),
        )
        with pytest.raises(ValidationError, match="Someone else changed this appraisal") as err:
            services.behaviours_self_assess(
                actor=user,
                appraisal=appraisal,
                expected_version=1,
                entries=entries(appraisal, "Exceeding"),
            )
        assert err.value.code == "stale"
        assert appraisal.behaviour_assessments.get().self_rating.label == "Meeting"


class TestObjectives:
    def test_either_party_adds_an_objective_linked_to_an_active_priority(self):
        appraisal = appraisal_with_behaviours(items=0)
        priority = PriorityFactory(organisation=appraisal.organisation)
        objective = services.objective_create(
            actor=appraiser(appraisal),
            appraisal=appraisal,
            expected_version=1,
            priority=priority,
            is_edi=True,
            **objective_values(),
        )
        assert objective.priority == priority and objective.is_edi
        assert appraisal.version == 2
        assert AuditEvent.objects.filter(action="appraisal.objective_added").count() == 1

    def test_a_priority_of_another_organisation_or_retired_is_refused(self):
        appraisal = appraisal_with_behaviours(items=0)
        for priority in (
            PriorityFactory(),
            PriorityFactory(organisation=appraisal.organisation, is_active=False),
        ):
            with pytest.raises(ValidationError) as err:
                services.objective_create(
                    actor=appraisee(appraisal),
                    appraisal=appraisal,
                    expected_version=1,
                    priority=priority,
                    **objective_values(),
                )
            assert "priority" in err.value.message_dict
        assert not Objective.objects.exists()

    def test_objectives_cannot_be_added_once_sent_for_sign_off(self):
        appraisal = appraisal_with_behaviours(items=0, status=S.AWAITING_SIGN_OFF)
        with pytest.raises(ValidationError, match="cannot add objectives"):
            services.objective_create(
                actor=appraisee(appraisal),
                appraisal=appraisal,
                expected_version=1,
                **objective_values(),
            )

    def test_someone_without_a_role_cannot_add(self):
        appraisal = appraisal_with_behaviours(items=0)
        with pytest.raises(ValidationError, match="cannot add objectives"):
            services.objective_create(
                actor=UserFactory(), appraisal=appraisal, expected_version=1, **objective_values()
            )

    def test_progress_can_be_updated_until_completed_but_not_after(self):
        appraisal = appraisal_with_behaviours(items=0, status=S.AWAITING_SIGN_OFF)
        objective = ObjectiveFactory(appraisal=appraisal)
        services.objective_progress_update(
            actor=appraisee(appraisal),
            objective=objective,
            expected_version=1,
            progress=Objective.Progress.ON_TRACK,
            progress_note="Half way",
        )
        objective.refresh_from_db()
        assert objective.progress == Objective.Progress.ON_TRACK
        Appraisal.objects.filter(pk=appraisal.pk).update(status=S.COMPLETED)
        with pytest.raises(ValidationError, match="cannot update progress"):
            services.objective_progress_update(
                actor=appraisee(appraisal),
                objective=objective,
                expected_version=2,
                progress=Objective.Progress.ACHIEVED,
            )

    def test_update_changes_the_smart_fields_and_audits_before_and_after(self):
        appraisal = appraisal_with_behaviours(items=0)
        objective = ObjectiveFactory(appraisal=appraisal, title="Old")
        services.objective_update(
            actor=appraisee(appraisal), objective=objective, expected_version=1, title="New"
        )
        event = AuditEvent.objects.get(action="appraisal.objective_changed")
        assert event.before["title"] == "Old" and event.after["title"] == "New"

    def test_edi_objective_is_required_for_managers_and_board_members_only(self):
        staff = appraisal_with_behaviours(items=0)
        manager = appraisal_with_behaviours(items=0, management_level=1)
        board = appraisal_with_behaviours(items=0, template=BoardTemplateFactory())
        assert not policy.edi_objective_required(staff)
        assert policy.edi_objective_required(manager)
        assert policy.edi_objective_required(board)


class TestDevelopmentPlan:
    def test_an_item_links_a_competency_and_an_open_programme(self):
        appraisal = appraisal_with_behaviours(items=1)
        competency = appraisal.behaviour_assessments.get().item
        programme = ProgrammeFactory(framework_version=appraisal.cycle.framework_version)
        development = services.development_item_create(
            actor=appraisee(appraisal),
            appraisal=appraisal,
            expected_version=1,
            description="Lead an improvement project",
            item=competency,
            programme=programme,
        )
        assert development.item == competency and development.programme == programme

    def test_a_competency_of_another_version_or_a_closed_programme_is_refused(self):
        appraisal = appraisal_with_behaviours(items=0)
        with pytest.raises(ValidationError) as err:
            services.development_item_create(
                actor=appraisee(appraisal),
                appraisal=appraisal,
                expected_version=1,
                description="x",
                item=ItemFactory(version__version="2.0", version__status="draft"),
            )
        assert "item" in err.value.message_dict
        with pytest.raises(ValidationError) as err:
            services.development_item_create(
                actor=appraisee(appraisal),
                appraisal=appraisal,
                expected_version=1,
                description="x",
                programme=ProgrammeFactory(status=Programme.Status.CLOSED),
            )
        assert "programme" in err.value.message_dict
        assert not DevelopmentItem.objects.exists()

    def test_status_moves_on_and_bumps_the_version(self):
        appraisal = appraisal_with_behaviours(items=0)
        development = services.development_item_create(
            actor=appraisee(appraisal), appraisal=appraisal, expected_version=1, description="x"
        )
        services.development_item_set_status(
            actor=appraiser(appraisal),
            development=development,
            expected_version=2,
            status=DevelopmentItem.Status.IN_PROGRESS,
        )
        assert Appraisal.objects.get(pk=appraisal.pk).version == 3


class TestEvidence:
    def test_evidence_belongs_to_the_actor_and_can_be_attached_to_a_behaviour(self):
        appraisal = appraisal_with_behaviours(items=1)
        user = appraisee(appraisal)
        evidence = services.evidence_create(actor=user, title="Family and friends test")
        assert evidence.person == appraisal.person
        item = appraisal.behaviour_assessments.get().item
        link = services.evidence_attach(
            actor=user, appraisal=appraisal, expected_version=1, evidence=evidence, item=item
        )
        assert link.item == item and appraisal.version == 2

    def test_only_the_appraisee_attaches_and_only_their_own_evidence(self):
        appraisal = appraisal_with_behaviours(items=0)
        with pytest.raises(ValidationError, match="cannot attach evidence"):
            services.evidence_attach(
                actor=appraiser(appraisal),
                appraisal=appraisal,
                expected_version=1,
                evidence=EvidenceFactory(person=appraisal.person),
            )
        with pytest.raises(ValidationError) as err:
            services.evidence_attach(
                actor=appraisee(appraisal),
                appraisal=appraisal,
                expected_version=1,
                evidence=EvidenceFactory(),
            )
        assert "evidence" in err.value.message_dict
        assert not AppraisalEvidence.objects.exists()

    def test_evidence_is_reused_across_appraisals(self):
        first = appraisal_with_behaviours(items=0)
        second = appraisal_with_behaviours(items=0, employment=first.employment)
        evidence = EvidenceFactory(person=first.person)
        user = appraisee(first)
        for appraisal in (first, second):
            services.evidence_attach(
                actor=user, appraisal=appraisal, expected_version=1, evidence=evidence
            )
        assert evidence.uses.count() == 2

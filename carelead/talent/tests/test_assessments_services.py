import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from carelead.core.models import AuditEvent
from carelead.talent.models import TalentAssessment
from carelead.talent.services import assessments as services
from carelead.talent.tests.factories import TalentAssessmentFactory, criteria
from carelead.talent.tests.factories_assessments import completed_appraisal, evidence_for

pytestmark = pytest.mark.django_db

S = TalentAssessment.Status


def _propose(world, persona="line_manager", **overrides):
    kwargs = {
        "actor": world.user(persona),
        "employment": world.employments["staff"],
        "performance": 2,
        "performance_note": "No appraisal yet: from the ward's audit results.",
        "potential": 2,
        "evidence": evidence_for(),
    }
    kwargs.update(overrides)
    return services.assessment_propose(**kwargs)


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


class TestPropose:
    def test_proposes_with_evidence_for_every_criterion_and_audits_it(self, world):
        assessment = _propose(world)
        assert assessment.status == S.PROPOSED
        assert assessment.assessed_by == world.user("line_manager")
        assert assessment.evidence.count() == 4
        event = AuditEvent.objects.get(action="talent_assessment_proposed")
        assert event.after["evidence"]["ability"]["rating"] == 2

    def test_missing_evidence_names_the_criterion(self, world):
        evidence = evidence_for()
        evidence["ability"] = (2, "")
        evidence["aspiration"] = (2, "Keen.")
        with pytest.raises(ValidationError) as excinfo:
            _propose(world, evidence=evidence)
        errors = _errors(excinfo)
        assert errors["evidence_ability"] == ["Enter the evidence for Ability"]
        assert "at least 5 words" in errors["evidence_aspiration"][0]
        assert not TalentAssessment.objects.exists()

    def test_high_potential_needs_two_criteria_strongly_shown(self, world):
        with pytest.raises(ValidationError) as excinfo:
            _propose(world, potential=3, evidence=evidence_for({"ability": 3}))
        assert "only 1 of 4 criteria" in _errors(excinfo)["potential"][0]
        assessment = _propose(
            world, potential=3, evidence=evidence_for({"ability": 3, "aspiration": 3})
        )
        assert assessment.potential == 3

    def test_low_potential_cannot_sit_over_most_criteria_strongly_shown(self, world):
        with pytest.raises(ValidationError) as excinfo:
            _propose(world, potential=1, evidence=evidence_for(default=3))
        assert "Overall potential is low" in _errors(excinfo)["potential"][0]

    def test_changing_performance_from_the_appraisal_needs_a_note(self, world):
        appraisal = completed_appraisal(world.employments["staff"], ratings=[3, 3])
        with pytest.raises(ValidationError) as excinfo:
            _propose(world, performance=2, performance_note="")
        assert (
            "differs from the rating read from the appraisal"
            in (_errors(excinfo)["performance_note"][0])
        )
        assessment = _propose(world, performance=3, performance_note="")
        assert assessment.appraisal_id == appraisal.pk

    def test_only_the_line_manager_or_people_lead_may_assess(self, world):
        with pytest.raises(PermissionDenied):
            _propose(world, persona="regional_talent_lead")

    def test_one_open_assessment_per_person(self, world):
        _propose(world)
        with pytest.raises(ValidationError, match="already has an open assessment"):
            _propose(world, persona="people_lead")


class TestSaveAndEdit:
    def test_a_draft_may_leave_criteria_unrated(self, world):
        criteria()
        assessment = services.assessment_save(
            actor=world.user("line_manager"),
            employment=world.employments["staff"],
            performance=2,
            performance_note="From the ward audit.",
            potential=2,
            evidence={"ability": (3, "")},
        )
        assert assessment.status == S.DRAFT
        assert list(assessment.evidence.values_list("criterion__code", "rating")) == [
            ("ability", 3)
        ]

    def test_editing_bumps_the_version_and_a_stale_version_is_refused(self, world):
        assessment = _propose(world)
        changed = _propose(
            world, employment=None, assessment=assessment, expected_version=1, potential=1
        )
        assert (changed.version, changed.potential) == (2, 1)
        assert changed.evidence.count() == 4
        with pytest.raises(ValidationError, match="Someone else changed this assessment"):
            _propose(world, employment=None, assessment=assessment, expected_version=1)


class TestWithdraw:
    def test_withdraw_needs_a_reason_which_the_audit_keeps(self, world):
        assessment = _propose(world)
        with pytest.raises(ValidationError) as excinfo:
            services.assessment_withdraw(
                actor=world.user("line_manager"), assessment=assessment, reason=" "
            )
        assert _errors(excinfo)["reason"] == ["Enter the reason for withdrawing the assessment"]
        services.assessment_withdraw(
            actor=world.user("line_manager"), assessment=assessment, reason="Moved team"
        )
        assessment.refresh_from_db()
        assert assessment.status == S.WITHDRAWN and assessment.withdrawn_reason == "Moved team"
        event = AuditEvent.objects.get(action="talent_assessment_withdrawn")
        assert event.after == {"status": "withdrawn", "reason": "Moved team"}
        # The person can now be assessed afresh.
        assert _propose(world).status == S.PROPOSED

    def test_a_calibrated_assessment_cannot_be_withdrawn(self, world):
        assessment = TalentAssessmentFactory(
            employment=world.employments["staff"], status=S.CALIBRATED
        )
        with pytest.raises(ValidationError, match="calibrated"):
            services.assessment_withdraw(
                actor=world.user("people_lead"), assessment=assessment, reason="No longer"
            )

"""The workflow service: transitions follow the table and nothing else, guards, locking,
prefill on start, and the section edits."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carelead.appraisals import workflow
from carelead.appraisals.models import (
    Appraisal,
    AppraisalTransition,
    BehaviourAssessment,
    Cycle,
    FeedbackRequest,
    Template,
)
from carelead.appraisals.services.workflow import (
    AppraisalConflict,
    appraisal_aspiration_update,
    appraisal_comment_update,
    appraisal_consent_update,
    appraisal_reflection_update,
    appraisal_summary_update,
    appraisal_transition,
    appraisal_wellbeing_update,
    sign_off_problems,
)
from carelead.appraisals.tests.factories import (
    AppraisalFactory,
    BoardTemplateFactory,
    CycleFactory,
    ObjectiveFactory,
)
from carelead.appraisals.tests.factories_workflow import completed_appraisal, workflow_scene
from carelead.core.models import AuditEvent
from carelead.standards.models import Item
from carelead.standards.tests.factories import (
    FrameworkFactory,
    FrameworkVersionFactory,
    ItemFactory,
    StageFactory,
)

S = Appraisal.Status


@pytest.fixture
def scene(world):
    return workflow_scene(world)


def _audits(appraisal, action):
    return AuditEvent.objects.filter(
        object_type="appraisals.appraisal", object_id=str(appraisal.pk), action=action
    )


# --- the happy path ---------------------------------------------------------------------------


def test_an_appraisal_goes_from_not_started_to_completed(scene):
    appraisal = scene.advance_to(S.COMPLETED)
    assert appraisal.appraiser_signed_at is not None
    assert appraisal.appraisee_signed_at is not None
    assert appraisal.completed_on is not None
    rows = list(appraisal.transitions.values_list("action", "from_status", "to_status"))
    assert rows[0] == (workflow.CREATE, "", S.NOT_STARTED)
    assert rows[-1] == ("sign_off", S.AWAITING_SIGN_OFF, S.COMPLETED)
    assert len(rows) == 6
    last = appraisal.transitions.last()
    assert last.actor == scene.user("staff")
    assert last.actor_label.endswith("(appraisee)")
    assert _audits(appraisal, "appraisal_sign_off").count() == 1


def test_each_transition_bumps_the_version(scene):
    version = scene.appraisal.version
    scene.act("start", "staff")
    assert scene.appraisal.version == version + 1


# --- illegal moves ----------------------------------------------------------------------------


def test_an_action_not_in_the_table_names_the_status_and_action(scene):
    with pytest.raises(ValidationError, match="'not started' cannot be signed off"):
        scene.act("sign_off", "staff")
    assert scene.appraisal.transitions.count() == 1


def test_the_wrong_role_is_refused(scene):
    scene.act("start", "staff")
    with pytest.raises(PermissionDenied, match="Only the appraisee"):
        scene.act("ready", "line_manager")


def test_someone_with_no_role_is_refused(scene, world):
    with pytest.raises(PermissionDenied):
        appraisal_transition(
            actor=world.user("regional_talent_lead"),
            appraisal=scene.appraisal,
            action="start",
            expected_version=scene.appraisal.version,
        )


def test_a_reason_is_needed_where_the_table_says(scene):
    with pytest.raises(ValidationError) as error:
        scene.act("cancel", "line_manager")
    assert "reason" in error.value.message_dict
    scene.act("cancel", "line_manager", reason="Left the organisation.")
    assert scene.appraisal.status == S.CANCELLED
    assert scene.appraisal.transitions.last().reason == "Left the organisation."


def test_a_stale_version_is_a_conflict_carrying_the_current_appraisal(scene):
    stale = scene.appraisal.version
    scene.act("start", "staff")
    with pytest.raises(AppraisalConflict) as error:
        appraisal_transition(
            actor=scene.user("staff"),
            appraisal=scene.appraisal,
            action="ready",
            expected_version=stale,
        )
    assert error.value.appraisal.status == S.PREPARING
    assert "Nothing has been saved" in error.value.messages[0]


def test_a_closed_cycle_allows_only_a_people_lead_to_cancel_or_reopen(scene):
    Cycle.objects.filter(pk=scene.cycle.pk).update(status=Cycle.Status.CLOSED)
    with pytest.raises(ValidationError, match="is closed"):
        scene.act("start", "staff")
    with pytest.raises(ValidationError, match="only a people lead"):
        scene.act("cancel", "line_manager", reason="Gone")
    scene.act("cancel", "people_lead", reason="Gone")
    assert scene.appraisal.transitions.last().actor_label.endswith("(people lead)")
    scene.act("reopen", "people_lead", reason="Back")
    assert scene.appraisal.status == S.NOT_STARTED


def test_a_cancelled_appraisal_cannot_be_reopened_beside_a_live_one(scene, world):
    scene.act("cancel", "people_lead", reason="Duplicate")
    AppraisalFactory(cycle=scene.cycle, employment=world.employments["staff"], stage=scene.stage)
    with pytest.raises(ValidationError, match="already has an appraisal in this cycle"):
        scene.act("reopen", "people_lead", reason="Oops")


# --- guards -----------------------------------------------------------------------------------


def test_sign_off_problems_lists_everything_missing(scene):
    scene.advance_to(S.DISCUSSED)
    problems = sign_off_problems(scene.appraisal)
    assert problems == [
        "Write a summary of the discussion.",
        "3 behaviours have no agreed rating yet.",
        "Agree at least one objective.",
    ]
    with pytest.raises(ValidationError) as error:
        scene.act("send_for_sign_off", "line_manager")
    assert error.value.messages == problems
    assert scene.appraisal.status == S.DISCUSSED


def test_a_manager_needs_an_edi_objective(world):
    staff = world.employments["staff"]
    staff.management_level = 2  # the staff template asks from level 1 up
    staff.save()
    scene = workflow_scene(world)
    scene.advance_to(S.DISCUSSED)
    scene.appraisal.behaviour_assessments.update(agreed_rating=scene.level)
    ObjectiveFactory(appraisal=scene.appraisal, is_edi=False)
    Appraisal.objects.filter(pk=scene.appraisal.pk).update(summary="Good.")
    scene.appraisal.refresh_from_db()
    assert sign_off_problems(scene.appraisal) == [
        "Agree an equality, diversity and inclusion (EDI) objective: managers and board "
        "members need one."
    ]


def test_staff_below_the_threshold_need_no_edi_objective(scene):
    scene.advance_to(S.DISCUSSED)
    scene.appraisal.behaviour_assessments.update(agreed_rating=scene.level)
    ObjectiveFactory(appraisal=scene.appraisal)
    Appraisal.objects.filter(pk=scene.appraisal.pk).update(summary="Good.")
    scene.appraisal.refresh_from_db()
    assert sign_off_problems(scene.appraisal) == []


def test_sending_for_sign_off_signs_and_reopening_clears_signatures(scene):
    scene.advance_to(S.COMPLETED)
    scene.act("reopen", "people_lead", reason="Wrong summary")
    appraisal = scene.appraisal
    assert appraisal.status == S.DISCUSSED
    assert appraisal.appraiser_signed_at is None
    assert appraisal.appraisee_signed_at is None
    assert appraisal.completed_on is None


def test_asking_for_changes_removes_the_appraisers_signature(scene):
    scene.advance_to(S.AWAITING_SIGN_OFF)
    scene.act("return_to_appraiser", "staff", reason="The summary misses my project.")
    assert scene.appraisal.status == S.DISCUSSED
    assert scene.appraisal.appraiser_signed_at is None


# --- prefill ----------------------------------------------------------------------------------


def test_start_creates_a_behaviour_row_for_each_principle_and_competency(scene):
    scene.act("start", "staff")
    items = set(scene.appraisal.behaviour_assessments.values_list("item__code", flat=True))
    assert items == {"P1", "C1", "C2"}


def test_start_on_a_board_template_assesses_the_board_domains(world):
    framework = FrameworkFactory(slug="board", title="Board framework", kind="board_members")
    version = FrameworkVersionFactory(framework=framework)
    stage = StageFactory(version=version, code="board", name="Board", rank=0)
    ItemFactory(version=version, kind=Item.Kind.DOMAIN, code="D1")
    ItemFactory(version=version, kind=Item.Kind.DOMAIN, code="D2")
    ItemFactory(version=version, kind=Item.Kind.STATEMENT, code="D1.1")
    cycle = CycleFactory(
        organisation=world.trust,
        template=BoardTemplateFactory(framework=framework),
        framework_version=version,
    )
    appraisal = AppraisalFactory(cycle=cycle, employment=world.employments["staff"], stage=stage)
    assert cycle.template.kind == Template.Kind.BOARD
    appraisal = appraisal_transition(
        actor=world.user("staff"), appraisal=appraisal, action="start", expected_version=1
    )
    codes = set(appraisal.behaviour_assessments.values_list("item__code", flat=True))
    assert codes == {"D1", "D2"}


def test_start_carries_forward_unfinished_objectives_and_plan(world):
    previous = completed_appraisal(world)
    scene = workflow_scene(world)
    scene.act("start", "staff")
    objectives = list(scene.appraisal.objectives.all())
    assert [o.title for o in objectives] == ["Unfinished"]
    assert objectives[0].carried_from.appraisal == previous
    assert objectives[0].progress == "not_started"
    assert objectives[0].is_edi
    items = list(scene.appraisal.development_items.all())
    assert [i.description for i in items] == ["Coaching course"]
    assert items[0].carried_from.appraisal == previous
    assert items[0].item_id == scene.items[1].pk
    assert items[0].status == "planned"
    audit = _audits(scene.appraisal, "appraisal_start").get()
    assert audit.after["objectives_carried"] == 1


def test_another_employers_appraisal_is_carried_only_with_consent(world):
    completed_appraisal(world, organisation=world.other_trust, share=False)
    scene = workflow_scene(world)
    scene.act("start", "staff")
    assert not scene.appraisal.objectives.exists()


def test_prefill_never_copies_twice(scene, world):
    completed_appraisal(world)
    scene.act("start", "staff")
    scene.act("cancel", "people_lead", reason="Restart")
    scene.act("reopen", "people_lead", reason="Restart")
    scene.act("start", "staff")
    assert scene.appraisal.objectives.count() == 1
    assert scene.appraisal.behaviour_assessments.count() == 3


# --- section edits ----------------------------------------------------------------------------


def test_the_appraisee_writes_a_reflection_while_preparing(scene):
    scene.act("start", "staff")
    appraisal = appraisal_reflection_update(
        actor=scene.user("staff"),
        appraisal=scene.appraisal,
        expected_version=scene.appraisal.version,
        reflection="  A busy year.  ",
    )
    assert appraisal.reflection == "A busy year."
    assert _audits(appraisal, "appraisal_reflection_update").exists()


def test_the_reflection_is_refused_outside_its_statuses_and_to_others(scene):
    with pytest.raises(ValidationError, match="while the appraisal is 'preparing' or"):
        appraisal_reflection_update(
            actor=scene.user("staff"),
            appraisal=scene.appraisal,
            expected_version=scene.appraisal.version,
            reflection="Too early",
        )
    scene.act("start", "staff")
    with pytest.raises(PermissionDenied):
        appraisal_reflection_update(
            actor=scene.user("line_manager"),
            appraisal=scene.appraisal,
            expected_version=scene.appraisal.version,
            reflection="Not mine",
        )


def test_a_stale_section_edit_is_a_conflict(scene):
    stale = scene.appraisal.version
    scene.act("start", "staff")
    with pytest.raises(AppraisalConflict):
        appraisal_reflection_update(
            actor=scene.user("staff"),
            appraisal=scene.appraisal,
            expected_version=stale,
            reflection="Lost?",
        )


def test_the_wellbeing_note_never_reaches_the_audit_trail(scene):
    appraisal = appraisal_wellbeing_update(
        actor=scene.user("line_manager"),
        appraisal=scene.appraisal,
        expected_version=scene.appraisal.version,
        offered_on=datetime.date(2026, 5, 1),
        held_on=datetime.date(2026, 5, 8),
        note="Struggling with sleep.",
    )
    assert appraisal.wellbeing_note == "Struggling with sleep."
    event = _audits(appraisal, "appraisal_wellbeing_update").get()
    assert event.after == {
        "wellbeing_offered_on": "2026-05-01",
        "wellbeing_held_on": "2026-05-08",
        "wellbeing_note_changed": True,
    }
    assert "Struggling" not in str(event.before) + str(event.after)


def test_the_appraisee_may_write_the_note_but_not_the_dates(scene):
    appraisal = appraisal_wellbeing_update(
        actor=scene.user("staff"),
        appraisal=scene.appraisal,
        expected_version=scene.appraisal.version,
        note="Thanks for asking.",
        dates=False,
    )
    assert appraisal.wellbeing_note == "Thanks for asking."
    with pytest.raises(PermissionDenied):
        appraisal_wellbeing_update(
            actor=scene.user("staff"),
            appraisal=appraisal,
            expected_version=appraisal.version,
            offered_on=datetime.date(2026, 5, 1),
        )


def test_wellbeing_dates_are_checked(scene):
    with pytest.raises(ValidationError) as error:
        appraisal_wellbeing_update(
            actor=scene.user("line_manager"),
            appraisal=scene.appraisal,
            expected_version=scene.appraisal.version,
            offered_on=datetime.date(2026, 5, 8),
            held_on=datetime.date(2026, 5, 1),
        )
    assert "on or after the date it was offered" in error.value.message_dict["held_on"][0]


def test_the_people_lead_cannot_touch_the_wellbeing_conversation(scene):
    with pytest.raises(PermissionDenied):
        appraisal_wellbeing_update(
            actor=scene.user("people_lead"),
            appraisal=scene.appraisal,
            expected_version=scene.appraisal.version,
            note="Snooping",
            dates=False,
        )


def test_the_appraisee_records_a_career_aspiration(scene):
    scene.act("start", "staff")
    appraisal = appraisal_aspiration_update(
        actor=scene.user("staff"),
        appraisal=scene.appraisal,
        expected_version=scene.appraisal.version,
        aspiration="stretch",
        note="Ward manager in two years.",
    )
    assert appraisal.career_aspiration == "stretch"
    with pytest.raises(ValidationError):
        appraisal_aspiration_update(
            actor=scene.user("staff"),
            appraisal=appraisal,
            expected_version=appraisal.version,
            aspiration="sideways",
        )


def test_the_summary_is_the_appraisers_while_discussed(scene):
    scene.advance_to(S.READY_TO_DISCUSS)
    with pytest.raises(ValidationError, match="'discussed'"):
        appraisal_summary_update(
            actor=scene.user("line_manager"),
            appraisal=scene.appraisal,
            expected_version=scene.appraisal.version,
            summary="Early",
        )
    scene.act("record_discussion", "line_manager")
    appraisal = appraisal_summary_update(
        actor=scene.user("line_manager"),
        appraisal=scene.appraisal,
        expected_version=scene.appraisal.version,
        summary="We agreed three objectives.",
    )
    assert appraisal.summary == "We agreed three objectives."
    with pytest.raises(PermissionDenied):
        appraisal_summary_update(
            actor=scene.user("staff"),
            appraisal=appraisal,
            expected_version=appraisal.version,
            summary="Mine now",
        )


def test_the_appraisee_comments_while_awaiting_sign_off(scene):
    scene.advance_to(S.AWAITING_SIGN_OFF)
    appraisal = appraisal_comment_update(
        actor=scene.user("staff"),
        appraisal=scene.appraisal,
        expected_version=scene.appraisal.version,
        comment="Fair summary.",
    )
    assert appraisal.appraisee_comment == "Fair summary."


def test_consent_can_change_any_time_even_in_a_closed_cycle(scene):
    scene.advance_to(S.COMPLETED)
    Cycle.objects.filter(pk=scene.cycle.pk).update(status=Cycle.Status.CLOSED)
    appraisal = appraisal_consent_update(
        actor=scene.user("staff"),
        appraisal=scene.appraisal,
        expected_version=scene.appraisal.version,
        share=True,
    )
    assert appraisal.share_with_new_manager
    with pytest.raises(PermissionDenied):
        appraisal_consent_update(
            actor=scene.user("line_manager"),
            appraisal=appraisal,
            expected_version=appraisal.version,
            share=False,
        )


# --- Hypothesis: nothing but the table --------------------------------------------------------

ACTIONS = sorted({action for _, action in workflow.TRANSITIONS} | {"promote"})
PERSONAS = {
    "staff": workflow.APPRAISEE,
    "line_manager": workflow.APPRAISER,
    "people_lead": workflow.PEOPLE_LEAD,
    "regional_talent_lead": None,
}
STEP = st.tuples(
    st.sampled_from(sorted(PERSONAS)),
    st.sampled_from(ACTIONS),
    st.sampled_from(["", "Because we agreed."]),
)


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    start=st.sampled_from(workflow.LIVE + (S.COMPLETED, S.CANCELLED)),
    steps=st.lists(STEP, max_size=8),
)
def test_any_sequence_of_actions_only_follows_the_table(scene, start, steps):
    with transaction.atomic():
        Appraisal.objects.filter(pk=scene.appraisal.pk).update(status=start)
        appraisal = Appraisal.objects.get(pk=scene.appraisal.pk)
        # Every guard satisfied, so only the table and the roles decide.
        BehaviourAssessment.objects.filter(appraisal=appraisal).delete()
        ObjectiveFactory(appraisal=appraisal, is_edi=True)
        Appraisal.objects.filter(pk=appraisal.pk).update(summary="Done.")
        appraisal.refresh_from_db()
        for persona, action, reason in steps:
            status = appraisal.status
            step = workflow.TRANSITIONS.get((status, action))
            allowed = (
                step is not None
                and PERSONAS[persona] in step.by
                and not (step.needs_reason and not reason)
            )
            before = AppraisalTransition.objects.filter(appraisal=appraisal).count()
            try:
                appraisal = appraisal_transition(
                    actor=scene.user(persona),
                    appraisal=appraisal,
                    action=action,
                    expected_version=appraisal.version,
                    reason=reason,
                )
            except (ValidationError, PermissionDenied):
                assert not allowed, f"{persona} {action} from {status} was refused"
                appraisal.refresh_from_db()
                assert appraisal.status == status
                assert appraisal.transitions.count() == before
            else:
                assert allowed, f"{persona} {action} from {status} succeeded"
                assert appraisal.status == step.to
                assert appraisal.transitions.count() == before + 1
                last = appraisal.transitions.last()
                assert (last.action, last.from_status, last.to_status) == (action, status, step.to)
        transaction.set_rollback(True)


def test_feedback_request_model_is_untouched_by_transitions(scene):
    # The 360 belongs to the feedback area: starting an appraisal does not create one.
    scene.act("start", "staff")
    assert not FeedbackRequest.objects.filter(appraisal=scene.appraisal).exists()

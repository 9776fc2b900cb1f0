"""The appraisals demo on top of a small people and learning seed."""

import hashlib
from collections import Counter

import pytest
from django.db import transaction

from carelead.accounts.models import User
from carelead.appraisals import workflow
from carelead.appraisals.models import (
    Appraisal,
    AppraisalTransition,
    BehaviourAssessment,
    Cycle,
    CycleException,
    DevelopmentItem,
    FeedbackInvitation,
    FeedbackRequest,
    FeedbackResponse,
    Objective,
    OrganisationalPriority,
)
from carelead.demo import catalogue as cat
from carelead.demo.appraisals import (
    DEMO_FEEDBACK_TOKEN,
    appraisals_demo_clear,
    appraisals_demo_seed,
)
from carelead.demo.services import demo_seed

from .conftest import SMALL

S = Appraisal.Status
MODELS = [
    Cycle,
    CycleException,
    OrganisationalPriority,
    Appraisal,
    AppraisalTransition,
    BehaviourAssessment,
    Objective,
    DevelopmentItem,
    FeedbackRequest,
    FeedbackInvitation,
    FeedbackResponse,
]


@pytest.fixture(scope="module")
def _seeded(django_db_setup, django_db_blocker):
    # One seed for the module's read-only tests, rolled back when the module ends.
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            demo_seed(people=SMALL, seed=42)  # the learning demo runs inside it
            yield appraisals_demo_seed(today=cat.REFERENCE_DATE)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def seeded(_seeded, db):
    return _seeded


def _person(username):
    return User.objects.get(username=username).person_id


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_open_cycle_has_appraisals_in_every_status(seeded):
    statuses = set(
        Appraisal.objects.filter(cycle__status=Cycle.Status.OPEN).values_list("status", flat=True)
    )
    assert statuses == set(S.values)
    assert seeded["appraisals"] == Appraisal.objects.count()


def test_last_years_cycle_is_closed_with_completed_appraisals(seeded):
    closed = Cycle.objects.get(status=Cycle.Status.CLOSED, organisation__ods_code="RR8")
    assert closed.appraisals.filter(status=S.COMPLETED).exists()
    staff = Appraisal.objects.get(cycle=closed, person_id=_person("staff"))
    assert staff.status == S.COMPLETED and staff.share_with_new_manager


def test_every_history_is_a_legal_walk_through_the_transition_table(seeded):
    users = dict(User.objects.values_list("id", "person_id"))
    history = {}
    for row in AppraisalTransition.objects.order_by("appraisal_id", "occurred_at", "pk"):
        history.setdefault(row.appraisal_id, []).append(row)
    appraisals = {a.pk: a for a in Appraisal.objects.all()}
    assert set(history) == set(appraisals)
    for pk, rows in history.items():
        appraisal = appraisals[pk]
        first, *steps = rows
        assert (first.action, first.from_status, first.to_status) == (
            workflow.CREATE,
            "",
            S.NOT_STARTED,
        )
        status = S.NOT_STARTED
        for step in steps:
            transition = workflow.TRANSITIONS[(step.from_status, step.action)]
            assert step.from_status == status and step.to_status == transition.to
            assert step.reason or not transition.needs_reason
            assert step.actor_label
            person = users.get(step.actor_id)
            if person is not None and person == appraisal.person_id:
                assert workflow.APPRAISEE in transition.by
            elif person is not None and person == appraisal.appraiser_id:
                assert workflow.APPRAISER in transition.by
            status = step.to_status
        assert status == appraisal.status, pk


def test_parts_match_how_far_each_appraisal_got(seeded):
    unstarted = Appraisal.objects.filter(status=S.NOT_STARTED)
    assert not BehaviourAssessment.objects.filter(appraisal__in=unstarted).exists()
    signed = Appraisal.objects.filter(status__in=[S.AWAITING_SIGN_OFF, S.COMPLETED])
    assert not signed.filter(appraiser_signed_at=None).exists()
    assert not signed.filter(summary="").exists()
    assert not BehaviourAssessment.objects.filter(appraisal__in=signed, agreed_rating=None).exists()
    assert not Appraisal.objects.filter(status=S.COMPLETED, completed_on=None).exists()
    # Managers and board members have an EDI objective once they have objectives.
    assert Objective.objects.filter(is_edi=True).exists()
    assert DevelopmentItem.objects.filter(programme__code__startswith="bundle-").exists()
    assert Objective.objects.filter(carried_from__isnull=False).exists()


def test_the_personas_have_something_to_do(seeded):
    staff = Appraisal.objects.get(cycle__status=Cycle.Status.OPEN, person_id=_person("staff"))
    assert staff.status == S.PREPARING
    assert staff.appraiser_id == _person("line_manager")

    managed = Counter(
        Appraisal.objects.filter(
            appraiser_id=_person("line_manager"), cycle__status=Cycle.Status.OPEN
        ).values_list("status", flat=True)
    )
    assert managed[S.READY_TO_DISCUSS] >= 1
    assert len(managed) >= 4

    assert CycleException.objects.filter(
        cycle__organisation__ods_code="RR8", resolved_at=None
    ).exists()

    chair = _person("board_member")
    board = Appraisal.objects.filter(cycle__template__kind="board")
    assert board.get(person_id=chair).board_role == Appraisal.BoardRole.CHAIR
    ned = board.get(person_id=_person("ned"))
    assert ned.board_role == Appraisal.BoardRole.NED
    assert ned.appraiser_id == chair and ned.status == S.PREPARING
    assert board.filter(appraiser_id=chair, board_role=Appraisal.BoardRole.CHIEF_EXECUTIVE)
    # The regional team has submissions to see, and one NED appraisal is past its date.
    assert board.filter(submitted_to_region_at__isnull=False).exists()
    assert board.filter(
        board_role=Appraisal.BoardRole.NED,
        submitted_to_region_at=None,
        submission_due_on__lt=cat.REFERENCE_DATE,
    ).exists()
    ned_user = User.objects.get(username="ned")
    assert ned_user.role_assignments.filter(role="board_member").exists()


def test_360_feedback_has_an_outside_rater_and_groups_below_the_threshold(seeded):
    digest = hashlib.sha256(DEMO_FEEDBACK_TOKEN.encode()).hexdigest()
    outside = FeedbackInvitation.objects.get(token_hash=digest)
    assert outside.rater_id is None and outside.status == FeedbackInvitation.Status.INVITED
    assert outside.request.appraisal.person_id == _person("staff")
    sizes = Counter(FeedbackResponse.objects.values_list("request_id", "relationship"))
    assert any(n >= 3 for n in sizes.values()) and any(n < 3 for n in sizes.values())
    assert seeded["outside_rater_token"] == DEMO_FEEDBACK_TOKEN


def test_a_second_run_leaves_the_same_rows(seeded):
    before = _counts()
    appraisals_demo_seed(today=cat.REFERENCE_DATE)
    assert _counts() == before


def test_clearing_removes_everything_the_seed_wrote(seeded):
    appraisals_demo_clear()
    assert not Appraisal.objects.exists()
    assert not Cycle.objects.exists()


def test_a_seeded_record_prints_without_its_wellbeing_note(seeded):
    from django.template.loader import render_to_string

    from carelead.appraisals.views.outputs import RECORD_TEMPLATE, record_context

    appraisal = Appraisal.objects.filter(status=S.COMPLETED).exclude(wellbeing_note="").first()
    html = render_to_string(RECORD_TEMPLATE, record_context(appraisal))
    assert appraisal.summary in html
    assert appraisal.wellbeing_note not in html

"""The anonymous 360 summary: no figure from fewer than the threshold, ever, including by
subtracting shown figures from shown totals; plus the questionnaire and the DB loader."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from carelead.accounts.tests.factories import UserFactory
from carelead.appraisals.models import (
    BehaviourAssessment,
    FeedbackComment,
    FeedbackRequest,
    Relationship,
)
from carelead.appraisals.selectors.feedback import (
    OTHER,
    ResponseData,
    feedback_summary,
    group_progress,
    pending_invitations_for,
    questionnaire,
    report_available,
    summarise,
)
from carelead.appraisals.tests.factories_feedback import (
    FeedbackInvitationFactory,
    FeedbackRequestFactory,
    add_response,
    feedback_appraisal,
)
from carelead.people.tests.factories import PersonFactory

LM, PEER, DR, PARTNER, OTHER_REL = (
    Relationship.LINE_MANAGER,
    Relationship.PEER,
    Relationship.DIRECT_REPORT,
    Relationship.PARTNER,
    Relationship.OTHER,
)
ITEMS = [1, 2, 3]


def responses(spec: dict[str, int], value=3) -> list[ResponseData]:
    return [ResponseData(g, dict.fromkeys(ITEMS, value)) for g, n in spec.items() for _ in range(n)]


# --- Examples ------------------------------------------------------------------------------------


def test_groups_at_the_threshold_are_shown_on_their_own():
    summary = summarise(responses({PEER: 3, DR: 4}), ITEMS, 3)
    assert [(g.key, g.responses) for g in summary.groups] == [(PEER, 3), (DR, 4)]
    assert summary.overall.responses == 7
    assert summary.overall.items[1].mean == 3


def test_small_groups_are_pooled_into_other_raters_when_the_pool_is_big_enough():
    summary = summarise(responses({LM: 1, PEER: 2, DR: 5}), ITEMS, 3)
    assert [(g.key, g.responses) for g in summary.groups] == [(DR, 5), (OTHER, 3)]
    assert summary.groups[1].relationships == (LM, PEER)


def test_a_single_line_manager_is_merged_into_the_smallest_shown_group_never_alone():
    summary = summarise(responses({LM: 1, PEER: 3, DR: 5}), ITEMS, 3)
    keys = {g.key: g for g in summary.groups}
    assert LM not in keys
    merged = keys[f"{PEER}_and_others"]
    assert merged.responses == 4 and merged.relationships == (PEER, LM)
    assert merged.label == "Peers and other raters"
    assert summary.overall.responses == 9


def test_nothing_is_shown_below_the_threshold_in_total():
    summary = summarise(responses({LM: 1, PEER: 1}), ITEMS, 3, {"strengths": ["Kind"]})
    assert summary.groups == () and summary.overall is None
    assert summary.total_shown is None and summary.comments == {}


def test_an_item_rated_by_too_few_in_a_group_is_hidden_there_and_overall():
    data = [ResponseData(PEER, {1: 4, 2: None}) for _ in range(3)]
    data += [ResponseData(DR, {1: 2, 2: 3}) for _ in range(3)]
    data[0] = ResponseData(PEER, {1: 4, 2: 1})  # one peer rated item 2; two did not
    summary = summarise(data, [1, 2], 3)
    peers, reports = summary.groups
    assert not peers.items[2].shown
    assert reports.items[2].shown and reports.items[2].mean == 3
    # All raters minus direct reports would give that one peer's rating.
    assert not summary.overall.items[2].shown
    assert summary.overall.items[1].shown and summary.overall.items[1].raters == 6


def test_means_use_rated_values_only_and_give_the_spread():
    data = [ResponseData(PEER, {1: v}) for v in (4, 4, 2, None)]
    figure = summarise(data, [1], 3).groups[0].items[1]
    assert figure.raters == 3 and figure.mean == pytest.approx(10 / 3)
    assert figure.distribution == ((2, 1), (4, 2))


def test_comments_are_sorted_by_text_and_shown_only_at_the_threshold():
    comments = {"strengths": ["zeal", "Calm", "", "apt"]}
    shown = summarise(responses({PEER: 3}), ITEMS, 3, comments)
    assert shown.comments["strengths"] == ("apt", "Calm", "zeal")
    assert summarise(responses({PEER: 2}), ITEMS, 3, comments).comments == {}


# --- Properties --------------------------------------------------------------------------------

GROUPS = [LM, PEER, DR, PARTNER, OTHER_REL]
rating = st.one_of(st.none(), st.integers(min_value=1, max_value=4))
response_st = st.builds(
    ResponseData,
    st.sampled_from(GROUPS),
    st.fixed_dictionaries(dict.fromkeys(ITEMS, rating)),
)


def _safe(remainder: int, k: int) -> bool:
    return remainder == 0 or remainder >= k


@settings(max_examples=400, deadline=None)
@given(st.lists(response_st, max_size=25), st.integers(min_value=1, max_value=6))
def test_no_shown_figure_comes_from_fewer_than_the_threshold(data, k):
    summary = summarise(data, ITEMS, k)
    shown = [*summary.groups, *([summary.overall] if summary.overall else [])]
    for group in shown:
        assert group.responses >= k
        for figure in group.items.values():
            if figure.shown:
                assert figure.raters >= k
                assert sum(n for _, n in figure.distribution) == figure.raters


@settings(max_examples=400, deadline=None)
@given(st.lists(response_st, max_size=25), st.integers(min_value=1, max_value=6))
def test_no_hidden_set_can_be_worked_out_by_subtraction(data, k):
    summary = summarise(data, ITEMS, k)
    if not summary.groups:
        assert summary.overall is None
        return
    # Each relationship is counted in exactly one shown group, and every response is in one:
    # no shown group can be subtracted from another or from the total to isolate a small one.
    counted = [rel for g in summary.groups for rel in g.relationships]
    assert len(counted) == len(set(counted))
    assert sum(g.responses for g in summary.groups) == len(data)
    for group in summary.groups:
        assert group.responses == sum(1 for r in data if r.relationship in group.relationships)
    overall = summary.overall
    assert overall is not None
    assert _safe(overall.responses - sum(g.responses for g in summary.groups), k)
    for item in ITEMS:
        if overall.items[item].shown:
            shown_raters = sum(g.items[item].raters for g in summary.groups if g.items[item].shown)
            assert _safe(overall.items[item].raters - shown_raters, k)


@settings(max_examples=200, deadline=None)
@given(st.lists(response_st, min_size=1, max_size=25), st.integers(min_value=1, max_value=6))
def test_shown_means_are_the_true_means_of_their_group(data, k):
    summary = summarise(data, ITEMS, k)
    for group in summary.groups:
        members = [r for r in data if r.relationship in group.relationships]
        for item, figure in group.items.items():
            values = [r.ratings[item] for r in members if r.ratings[item] is not None]
            if figure.shown:
                assert figure.mean == pytest.approx(sum(values) / len(values))
            else:
                assert len(values) < k


# --- From the database ------------------------------------------------------------------------


@pytest.fixture
def appraisal(db):
    return feedback_appraisal()


def test_questionnaire_is_principles_then_competencies_with_stage_anchors(appraisal):
    q = questionnaire(appraisal)
    assert [question.item.code for question in q.questions] == ["P1", "P2", "C1", "C2", "C3"]
    assert q.questions[2].descriptor == "I lead well on competency 1."
    assert [value for value, _ in q.levels] == [1, 2, 3, 4]


def test_questionnaire_reuses_the_behaviour_assessment_items_when_present(appraisal):
    item = appraisal.cycle.framework_version.items.get(code="C2")
    BehaviourAssessment.objects.create(appraisal=appraisal, item=item)
    assert [q.item.code for q in questionnaire(appraisal).questions] == ["C2"]


def test_feedback_summary_loads_in_a_fixed_number_of_queries(appraisal):
    request = FeedbackRequestFactory(appraisal=appraisal)
    items = [q.item.pk for q in questionnaire(appraisal).questions]
    for n in range(3):
        add_response(
            request,
            PEER,
            dict.fromkeys(items, 3),
            [(FeedbackComment.Kind.STRENGTHS, f"Comment {n}")],
        )
    with CaptureQueriesContext(connection) as few:
        feedback_summary(request, items)
    for _ in range(6):
        add_response(request, DR, dict.fromkeys(items, 2))
    with CaptureQueriesContext(connection) as many:
        summary = feedback_summary(request, items)
    assert len(few) == len(many) == 3
    assert [g.responses for g in summary.groups] == [3, 6]
    assert summary.comments["strengths"] == ("Comment 0", "Comment 1", "Comment 2")


def test_group_progress_counts_invitations_and_responses_never_names(appraisal):
    request = FeedbackRequestFactory(appraisal=appraisal)
    FeedbackInvitationFactory.create_batch(2, request=request, relationship=PEER)
    FeedbackInvitationFactory(request=request, relationship=LM, status="withdrawn")
    add_response(request, PEER, {})
    rows = group_progress(request)
    assert [(r.relationship, r.invited, r.responded) for r in rows] == [(PEER, 2, 1)]


def test_report_opens_only_once_closed(appraisal):
    today = datetime.date(2026, 6, 1)
    request = FeedbackRequestFactory(appraisal=appraisal, closes_on=today)
    assert not report_available(request, today)
    assert report_available(request, today + datetime.timedelta(days=1))
    request.status = FeedbackRequest.Status.CLOSED
    assert report_available(request, today)
    assert not report_available(None, today)


def test_pending_invitations_are_the_users_own_open_ones(appraisal):
    person = PersonFactory()
    user = UserFactory(person=person)
    mine = FeedbackInvitationFactory(request__appraisal=appraisal, rater=person)
    FeedbackInvitationFactory(request=mine.request, rater=PersonFactory())
    FeedbackInvitationFactory(request=mine.request, rater=person, status="responded")
    assert pending_invitations_for(user) == [mine]


def test_board_appraisals_are_rated_on_the_board_domains(db):
    from carelead.appraisals.tests.factories import BoardTemplateFactory, CycleFactory
    from carelead.standards.models import Item
    from carelead.standards.tests.factories import FrameworkFactory, ItemFactory, StageFactory

    framework = FrameworkFactory(slug="board", title="Board framework", kind="board")
    template = BoardTemplateFactory(framework=framework)
    cycle = CycleFactory(template=template)
    version = cycle.framework_version
    stage = StageFactory(version=version, code="board", name="Board", rank=0)
    ItemFactory(version=version, kind=Item.Kind.DOMAIN, code="D1", title="Driving culture")
    ItemFactory(version=version, kind=Item.Kind.PRINCIPLE, code="P9")
    appraisal = feedback_appraisal(cycle=cycle, stage=stage)
    assert [q.item.code for q in questionnaire(appraisal).questions] == ["D1"]

"""Insight figures: exact counts on a small world, suppression, scope and constant queries."""

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carelead.appraisals.models import Appraisal
from carelead.appraisals.selectors.insight import (
    ICB,
    NATION,
    NONE,
    ORGANISATION,
    REGION,
    appraisal_dashboard,
    appraisal_rollup,
    capability_heatmap,
    dashboard_scope,
    development_demand,
    export_rows,
    insight_scope,
    quality_rates,
)
from carelead.appraisals.tests.factories_insight import Framework, appraisal_in, insight_cycle
from carelead.learning.models import Enrolment
from carelead.learning.tests.factories import CohortFactory, EnrolmentFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
S = Appraisal.Status
TODAY = timezone.localdate()


@pytest.fixture
def framework():
    return Framework()


@pytest.fixture
def minimum_three(settings):
    settings.CARELEAD_SUPPRESSION_MINIMUM = 3


def test_dashboard_counts_status_overdue_and_quality_exactly(world, framework, minimum_three):
    cycle = insight_cycle(world.trust, framework)
    # Four completed managers: all with objectives and a plan, three with every behaviour
    # agreed, three signed by both, two with the EDI objective they need.
    appraisal_in(cycle, framework, management_level=2, edi=True)
    appraisal_in(cycle, framework, management_level=2, edi=True)
    appraisal_in(cycle, framework, management_level=2, ratings=(3, None))
    appraisal_in(cycle, framework, management_level=2, signed=False)
    # Past the preparation deadline (10 days ago) and not ready: overdue.
    appraisal_in(cycle, framework, status=S.NOT_STARTED, objectives=0, ratings=(), development=0)
    appraisal_in(cycle, framework, status=S.PREPARING)
    # Ready to discuss: the discussion deadline is still to come, so not overdue.
    appraisal_in(cycle, framework, status=S.READY_TO_DISCUSS)
    appraisal_in(cycle, framework, status=S.CANCELLED)

    dashboard = appraisal_dashboard(dashboard_scope(world.user("people_lead")), today=TODAY)
    total = dashboard.total

    assert (total.total, total.appraisals, total.completed, total.cancelled) == (8, 7, 4, 1)
    assert (total.not_started, total.preparing, total.ready_to_discuss) == (1, 1, 1)
    assert total.completion_rate == pytest.approx(4 / 7)
    assert (total.overdue_preparation, total.overdue_discussion, total.overdue_sign_off) == (
        2,
        0,
        0,
    )
    assert total.with_objectives == 4
    assert total.behaviours_assessed == 3
    assert total.with_development_plan == 4
    assert total.signed_by_both == 3
    assert (total.edi_required, total.edi_met) == (4, 2)
    rates = quality_rates(total)
    assert rates["behaviours_assessed"] == pytest.approx(0.75)
    assert rates["edi_met"] == pytest.approx(0.5)


def test_overdue_is_counted_once_against_the_latest_deadline_missed(world, framework):
    cycle = insight_cycle(
        world.trust,
        framework,
        preparation_due_on=TODAY - datetime.timedelta(days=90),
        discussion_due_on=TODAY - datetime.timedelta(days=30),
        sign_off_due_on=TODAY - datetime.timedelta(days=1),
    )
    appraisal_in(cycle, framework, status=S.NOT_STARTED)
    appraisal_in(cycle, framework, status=S.DISCUSSED)
    appraisal_in(cycle, framework, status=S.COMPLETED)
    before_sign_off = TODAY - datetime.timedelta(days=2)

    late = appraisal_dashboard(dashboard_scope(world.user("people_lead")), today=TODAY).total
    earlier = appraisal_dashboard(
        dashboard_scope(world.user("people_lead")), today=before_sign_off
    ).total

    assert (late.overdue_preparation, late.overdue_discussion, late.overdue_sign_off) == (0, 0, 2)
    assert (earlier.overdue_preparation, earlier.overdue_discussion) == (0, 1)
    assert earlier.overdue_sign_off == 0


def test_breakdown_rows_below_the_minimum_are_hidden_with_a_second_row(
    world, framework, minimum_three
):
    cycle = insight_cycle(world.trust, framework)
    for _ in range(5):
        appraisal_in(cycle, framework, staff_group="nursing")
    for _ in range(4):
        appraisal_in(cycle, framework, staff_group="estates")
    appraisal_in(cycle, framework, staff_group="medical")

    dashboard = appraisal_dashboard(dashboard_scope(world.user("people_lead")), today=TODAY)
    shown = {row.label: row.shown for row in dashboard.by_staff_group}

    # Medical (1) is under 3; estates (4) goes too, or the total would give medical away.
    assert shown == {"Estates": False, "Medical": False, "Nursing": True}
    # The organisation's own completion counts stand.
    assert dashboard.total.appraisals == 10


def test_quality_rates_are_hidden_over_too_few_completed(world, framework, minimum_three):
    cycle = insight_cycle(world.trust, framework)
    appraisal_in(cycle, framework)
    appraisal_in(cycle, framework)
    appraisal_in(cycle, framework, status=S.PREPARING)

    dashboard = appraisal_dashboard(dashboard_scope(world.user("people_lead")), today=TODAY)

    assert set(quality_rates(dashboard.total).values()) == {None}
    assert dashboard.total.completed == 2


def test_dashboard_defaults_to_the_latest_open_cycle_and_refuses_anothers(world, framework):
    closed = insight_cycle(world.trust, framework, status="closed", title="Last year")
    current = insight_cycle(world.trust, framework, title="This year")
    elsewhere = insight_cycle(world.other_trust, framework)
    user = world.user("people_lead")

    assert dashboard_scope(user).cycle == current
    assert dashboard_scope(user, cycle=str(closed.pk)).cycle == closed
    with pytest.raises(Http404):
        dashboard_scope(user, cycle=str(elsewhere.pk))
    with pytest.raises(Http404):
        dashboard_scope(user, organisation=world.other_trust.ods_code)


def test_scope_defaults_and_drill_down_stay_inside_the_users_reach(world):
    lead, regional, national = (
        world.user("people_lead"),
        world.user("regional_talent_lead"),
        world.user("implementation_office"),
    )
    assert insight_scope(lead).level == ORGANISATION
    assert insight_scope(regional).level == REGION
    assert insight_scope(regional, icb="QWO").level == ICB
    assert insight_scope(regional, organisation="RR8").up == (ICB, "QWO")
    assert insight_scope(national).level == NATION
    assert insight_scope(national, region="Y56").up == (NATION, "")
    assert insight_scope(world.user("staff")).level == NONE
    for user, kwargs in (
        (lead, {"region": "Y63"}),
        (lead, {"organisation": "RXF"}),
        (regional, {"region": "Y56"}),
        (regional, {"organisation": "R1H"}),
        (regional, {"icb": "RR8"}),  # a trust is not an ICB
    ):
        with pytest.raises(Http404):
            insight_scope(user, **kwargs)


def test_rollup_groups_a_region_by_icb_and_organisation(world, framework, minimum_three):
    leeds = insight_cycle(world.trust, framework)
    mid = insight_cycle(world.sibling_trust, framework)
    barts = insight_cycle(world.other_trust, framework)
    for _ in range(3):
        appraisal_in(leeds, framework)
    appraisal_in(leeds, framework, status=S.PREPARING)
    appraisal_in(mid, framework)
    appraisal_in(barts, framework)
    insight_cycle(world.trust, framework, status="closed")  # not counted: closed

    rollup = appraisal_rollup(insight_scope(world.user("regional_talent_lead")), today=TODAY)
    icbs, organisations = rollup.tables

    assert rollup.total.appraisals == 5
    assert [(r.label, r.figures.appraisals) for r in icbs.rows] == [("NHS West Yorkshire ICB", 5)]
    by_org = {r.label: r for r in organisations.rows}
    assert by_org["Leeds Teaching Hospitals"].figures.completed == 3
    assert by_org["Mid Yorkshire Teaching"].figures.completed == 1
    # Mid Yorkshire's quality rests on one appraisal, and Leeds's goes with it as a second.
    assert not by_org["Mid Yorkshire Teaching"].quality_shown
    assert not by_org["Leeds Teaching Hospitals"].quality_shown


def test_heatmap_shows_mean_and_share_and_suppresses_small_cells(world, framework, minimum_three):
    cycle = insight_cycle(world.trust, framework)
    for ratings in ((4, 1), (3, 1), (2, 1)):
        appraisal_in(cycle, framework, stage=1, ratings=ratings)
    appraisal_in(cycle, framework, stage=2, ratings=(4, 4))
    appraisal_in(cycle, framework, status=S.PREPARING, stage=1, ratings=(1, 1))

    heatmap = capability_heatmap(insight_scope(world.user("people_lead")))
    first, second = framework.items
    stage1, stage2 = framework.stages[1], framework.stages[2]

    assert heatmap.middle == 2.5
    assert heatmap.cell(first, stage1).mean == pytest.approx(3.0)
    assert heatmap.cell(first, stage1).at_or_above_middle == pytest.approx(2 / 3)
    assert heatmap.cell(second, stage1).mean == pytest.approx(1.0)
    assert heatmap.cell(first, stage2).mean is None  # one rating: suppressed
    assert heatmap.cell(first, stage2).ratings == 1


def test_heatmap_refuses_a_version_its_cycles_do_not_use(world, framework):
    insight_cycle(world.trust, framework)
    with pytest.raises(Http404):
        capability_heatmap(insight_scope(world.user("people_lead")), version="999999")


def test_demand_sums_open_plan_items_by_programme_with_places_left(world, framework, minimum_three):
    programme = ProgrammeFactory()
    cohort = CohortFactory(
        programme=programme, region=world.region, starts_on=TODAY + datetime.timedelta(days=30)
    )
    CohortFactory(
        programme=programme, region=world.other_region, starts_on=TODAY + datetime.timedelta(30)
    )
    CohortFactory(programme=programme, region=None, starts_on=TODAY - datetime.timedelta(days=5))
    EnrolmentFactory(programme=programme, cohort=cohort, status=Enrolment.Status.ENROLLED)
    cycle = insight_cycle(world.trust, framework)
    for _ in range(3):
        appraisal_in(cycle, framework, status=S.PREPARING, programme=programme)
    appraisal_in(cycle, framework, status=S.DISCUSSED, development=2)
    appraisal_in(cycle, framework, status=S.CANCELLED, programme=programme)
    old = appraisal_in(
        cycle, framework, programme=programme, completed_on=TODAY - datetime.timedelta(days=400)
    )
    assert old.development_items.count() == 1

    demand = development_demand(insight_scope(world.user("regional_talent_lead")), today=TODAY)

    (row,) = demand.programmes
    assert (row.people, row.items) == (3, 3)
    # Only the region's cohort that has not started: 20 places, one taken.
    assert row.places_left == 19
    (competency,) = demand.competencies
    # One person's two items: under the minimum, so hidden.
    assert (competency.code, competency.people, competency.items) == ("C1", None, None)


def test_export_rows_carry_counts_and_never_text(world, framework):
    cycle = insight_cycle(world.trust, framework)
    appraisal_in(cycle, framework, edi=True, objectives=2, wellbeing_note="private words")

    (row,) = list(export_rows(cycle))

    assert "private words" not in repr(row)
    assert row[-4:] == (2, 1, 2, 1)


@pytest.mark.parametrize("size", [3, 30])
def test_every_figure_takes_the_same_queries_however_many_appraisals(
    world, framework, django_assert_num_queries, size
):
    programme = ProgrammeFactory()
    CohortFactory(programme=programme, region=world.region)
    cycle = insight_cycle(world.trust, framework)
    for index in range(size):
        status = [S.COMPLETED, S.PREPARING, S.DISCUSSED][index % 3]
        appraisal_in(
            cycle,
            framework,
            status=status,
            staff_group=["nursing", "medical", "estates"][index % 3],
            management_level=index % 4 or None,
            programme=programme if index % 2 else None,
        )
    lead, regional = world.user("people_lead"), world.user("regional_talent_lead")
    insight_scope(lead), insight_scope(regional)  # role assignments cached on the user

    with CaptureQueriesContext(connection) as queries:
        appraisal_dashboard(dashboard_scope(lead), today=TODAY)
        appraisal_rollup(insight_scope(regional), today=TODAY)
        capability_heatmap(insight_scope(regional))
        development_demand(insight_scope(regional), today=TODAY)
        list(export_rows(cycle))
    # dashboard 3 (parent link, cycles, figures), roll-up 1, heatmap 5, demand 4, export 1
    assert len(queries) == 14, [q["sql"][:120] for q in queries]

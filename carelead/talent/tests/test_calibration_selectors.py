"""Calibration reads: who sees which session (404 for anyone else), and the fairness rule:
a relative likelihood outside 0.8 to 1.25 alerts, suppressed groups show no figure and no
ratio, and no shown figure rests on fewer than the suppression minimum."""

import math

import pytest
from django.http import Http404
from hypothesis import given, settings
from hypothesis import strategies as st

from carelead.people.selectors import suppress
from carelead.talent.selectors.calibration import (
    can_run,
    creatable_choices,
    is_alert,
    question_fairness,
    relative_likelihoods,
    session_fairness,
    session_for_user,
    sessions_for_user,
    trend,
)
from carelead.talent.tests.factories import CalibrationSessionFactory
from carelead.talent.tests.factories_calibration import placed, proposed_people

# --- The alert rule --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("likelihood", "alert"),
    [(None, False), (0.79, True), (0.8, False), (1.0, False), (1.25, False), (1.26, True)],
)
def test_alert_only_outside_the_band_and_only_when_calculable(likelihood, alert):
    assert is_alert(likelihood, (0.8, 1.25)) is alert


def test_relative_likelihood_is_the_group_rate_over_everyone_elses():
    population = {"White": 50, "Black and minority ethnic": 50, "Not stated or unknown": 20}
    high = {"White": 20, "Black and minority ethnic": 10, "Not stated or unknown": 10}
    result = relative_likelihoods(population, high, minimum=10)
    assert result["White"] == pytest.approx((20 / 50) / (10 / 50))
    assert result["Black and minority ethnic"] == pytest.approx(0.5)
    # People who did not say are shown as shares but never compared.
    assert "Not stated or unknown" not in result


def test_no_ratio_when_any_stated_group_is_suppressed():
    population = {"Yes": 9, "No": 100, "Not stated": 30}
    high = {"Yes": 3, "No": 20, "Not stated": 12}
    assert relative_likelihoods(population, high, minimum=10) == {"Yes": None, "No": None}


def test_question_figures_alert_both_sides_when_everything_is_shown():
    population = {"White": 60, "Black and minority ethnic": 40, "Not stated or unknown": 12}
    high = {"White": 30, "Black and minority ethnic": 10, "Not stated or unknown": 10}
    figures = question_fairness(
        "ethnic_category", "Ethnic group", population, high, None, minimum=10, band=(0.8, 1.25)
    )
    by_group = {g.group: g for g in figures.groups}
    assert by_group["Black and minority ethnic"].likelihood == pytest.approx(0.5)
    assert by_group["Black and minority ethnic"].alert
    assert by_group["White"].alert  # 0.5 / 0.25 = 2.0
    assert not by_group["Not stated or unknown"].alert


def test_a_suppressed_group_says_fewer_than_the_minimum_and_nothing_alerts():
    population = {"White": 60, "Black and minority ethnic": 40, "Not stated or unknown": 12}
    high = {"White": 30, "Black and minority ethnic": 10, "Not stated or unknown": 4}
    figures = question_fairness(
        "ethnic_category", "Ethnic group", population, high, None, minimum=10, band=(0.8, 1.25)
    )
    by_group = {g.group: g for g in figures.groups}
    hidden = by_group["Not stated or unknown"]
    assert hidden.high is None and hidden.note == "Fewer than 10"
    # Secondary suppression hides the next smallest too, so no ratio can be shown.
    assert by_group["Black and minority ethnic"].high is None
    assert not figures.alerts
    assert all(g.likelihood is None for g in figures.groups)


def test_trend_is_distance_from_parity():
    assert trend(0.5, 0.7) == "shrank"
    assert trend(1.5, 0.5) == "grew"
    assert trend(2.0, 0.5) == "no change"
    assert trend(None, 1.0) == ""


counts = st.integers(min_value=0, max_value=60)


@settings(max_examples=300, deadline=None)
@given(
    population=st.tuples(counts, counts, counts),
    high_share=st.tuples(*(st.floats(0, 1),) * 3),
    minimum=st.integers(min_value=1, max_value=15),
)
def test_no_shown_figure_rests_on_fewer_than_the_minimum(population, high_share, minimum):
    groups = ("Yes", "No", "Not stated")
    people = dict(zip(groups, population, strict=True))
    high = {g: math.floor(people[g] * s) for g, s in zip(groups, high_share, strict=True)}
    figures = question_fairness(
        "disability", "Disability", people, high, dict(high), minimum=minimum, band=(0.8, 1.25)
    )
    for g in figures.groups:
        for shown in (g.people, g.high):
            assert shown is None or shown >= minimum
        if g.likelihood is not None:
            # A ratio rests on every stated group's counts, so all of them must be shown.
            for other in figures.groups:
                if other.compared:
                    assert other.people is not None and other.high is not None
                    assert other.people >= minimum and other.high >= minimum
        if g.alert:
            assert g.likelihood is not None
    # Never exactly one hidden group in a row: it could be worked back from the total.
    for row in (people, high):
        assert list(suppress(row, minimum=minimum).values()).count(None) != 1


# --- Scope -----------------------------------------------------------------------------------


def _session(world, **kwargs):
    kwargs.setdefault("facilitator", world.user("line_manager"))
    kwargs.setdefault("organisation", world.trust)
    return CalibrationSessionFactory(**kwargs)


@pytest.mark.django_db
def test_an_organisation_session_is_seen_by_its_people_lead_talent_lead_and_facilitator(world):
    session = _session(world)
    for persona in ("people_lead", "regional_talent_lead", "line_manager"):
        assert session_for_user(world.user(persona), session.pk) == session
    for persona in ("staff", "board_member", "implementation_office", "superuser"):
        with pytest.raises(Http404):
            session_for_user(world.user(persona), session.pk)


@pytest.mark.django_db
def test_a_region_session_is_not_seen_by_a_people_lead_and_not_outside_the_region(world):
    region_session = _session(world, level="region", organisation=world.region)
    other = _session(world, level="icb", organisation=world.other_icb)
    people_lead = world.user("people_lead")
    talent = world.user("regional_talent_lead")
    assert list(sessions_for_user(people_lead)) == []
    assert list(sessions_for_user(talent)) == [region_session]
    with pytest.raises(Http404):
        session_for_user(talent, other.pk)


@pytest.mark.django_db
def test_only_the_facilitator_and_creator_run_a_session(world):
    session = _session(world, created_by=world.user("people_lead"))
    assert can_run(world.user("line_manager"), session)
    assert can_run(world.user("people_lead"), session)
    assert not can_run(world.user("regional_talent_lead"), session)


@pytest.mark.django_db
def test_creatable_choices_follow_the_role(world):
    lead = creatable_choices(world.user("people_lead"))
    assert lead == [("organisation", world.trust)]
    talent = creatable_choices(world.user("regional_talent_lead"))
    assert talent[0] == ("region", world.region)
    assert ("icb", world.icb) in talent
    assert ("organisation", world.sibling_trust) in talent
    assert all(o.pk not in (world.other_icb.pk, world.other_trust.pk) for _, o in talent)


# --- Fairness from the database --------------------------------------------------------------


@pytest.fixture
def equality_options(db):
    from carelead.people.services import reference_data_load

    reference_data_load()


@pytest.mark.django_db
def test_a_small_not_stated_group_hides_the_ratio_too(world, equality_options):
    rows = [{"ethnic_category": "A", "potential": 3}] * 20 + [{"ethnic_category": "N"}] * 20
    session = _session(world, status="in_progress")
    placed(session, proposed_people(world.trust, rows))
    ethnic = session_fairness(session).questions[0]
    assert [g.likelihood for g in ethnic.groups] == [None, None, None]
    assert not ethnic.alerts


@pytest.mark.django_db
def test_session_fairness_alerts_on_a_skewed_session(world, equality_options):
    rows = (
        [{"ethnic_category": "A", "potential": 3, "sex": "F", "disability": "N"}] * 20
        + [{"ethnic_category": "A", "potential": 2, "sex": "M", "disability": "N"}] * 20
        + [{"ethnic_category": "N", "potential": 3, "sex": "F", "disability": "Y"}] * 10
        + [{"ethnic_category": "N", "potential": 1, "sex": "M", "disability": "Y"}] * 30
        # Enough people who did not say: a hidden group would hide another (secondary
        # suppression) and then no ratio could be shown.
        + [{"potential": 3}] * 10
    )
    session = _session(world, status="in_progress")
    placed(session, proposed_people(world.trust, rows))
    fairness = session_fairness(session)
    ethnic = {g.group: g for g in fairness.questions[0].groups}
    assert ethnic["Black and minority ethnic"].likelihood == pytest.approx(0.25 / 0.5)
    assert ethnic["Black and minority ethnic"].alert
    assert ethnic["Not stated or unknown"].likelihood is None  # shown, never compared
    assert fairness.comparison_shown  # no one has moved into or out of high potential


@pytest.mark.django_db
def test_the_comparison_with_proposed_is_hidden_after_a_few_high_moves(world, equality_options):
    rows = [{"ethnic_category": "A", "potential": 3}] * 12 + [{"ethnic_category": "N"}] * 12
    session = _session(world, status="in_progress")
    placed(session, proposed_people(world.trust, rows), moves={0: (2, 2), 1: (2, 2)})
    fairness = session_fairness(session)
    assert fairness.high_changed == 2
    assert not fairness.comparison_shown
    assert all(g.trend == "" for q in fairness.questions for g in q.groups)

import pytest

from carelead.demo.plan import build_plan, minimum_people


def _rows(plan):
    return [
        (plan.persons[e.person].person_number, e.assignment_number, e.organisation, e.pay_band)
        for e in plan.employments
    ]


def test_the_same_size_and_seed_give_the_same_plan():
    assert _rows(build_plan(people=300, seed=7)) == _rows(build_plan(people=300, seed=7))


def test_another_seed_gives_other_people():
    assert _rows(build_plan(people=300, seed=7)) != _rows(build_plan(people=300, seed=8))


def test_the_plan_has_exactly_the_people_asked_for():
    plan = build_plan(people=1000, seed=42)
    assert len(plan.persons) == 1000
    assert len({p.person_number for p in plan.persons}) == 1000


def test_too_few_people_is_refused_with_the_minimum():
    with pytest.raises(ValueError, match=str(minimum_people())):
        build_plan(people=10, seed=42)


def test_the_line_manager_persona_has_six_direct_reports_including_the_staff_persona():
    plan = build_plan(people=300, seed=42)
    manager = next(
        i for i, e in enumerate(plan.employments) if e.person == plan.persona_person("line_manager")
    )
    reports = [e for e in plan.employments if e.manager == manager]
    assert len(reports) == 6
    assert plan.persona_person("staff") in {e.person for e in reports}
    assert {e.organisation for e in reports} == {"RR8"}


def test_about_eight_percent_of_current_jobs_are_management_jobs():
    plan = build_plan(people=5000, seed=42)
    current = [e for e in plan.employments if e.end_date is None]
    share = sum(1 for e in current if e.management_level) / len(current)
    assert 0.06 <= share <= 0.10

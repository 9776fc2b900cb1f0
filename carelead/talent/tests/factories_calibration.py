"""Set-based set-ups for calibration: many people with proposed assessments and equality
answers in one go (the query-count tests, the fairness tests and bench/ use it)."""

import datetime
import itertools

from carelead.people.models import Employment, EqualityMonitoring, Person
from carelead.people.tests.factories import StaffGroupFactory
from carelead.talent.models import CalibrationPlacement, CalibrationSession, TalentAssessment

_numbers = itertools.count(70_000_000)


def proposed_people(organisation, rows: list[dict]) -> list[TalentAssessment]:
    """One person per row, each with a current employment at ``organisation``, an equality
    monitoring record (``ethnic_category``, ``disability``, ``sex`` codes from the row, blank
    when absent) and a proposed assessment at ``performance``/``potential`` (2 by default)."""
    staff_group = StaffGroupFactory()
    numbers = [next(_numbers) for _ in rows]
    people = Person.objects.bulk_create(
        Person(person_number=str(n), given_name="Cal", family_name=f"Person {n}") for n in numbers
    )
    employments = Employment.objects.bulk_create(
        Employment(
            person=p,
            organisation=organisation,
            assignment_number=f"{p.person_number}-1",
            job_title="Ward manager",
            staff_group=staff_group,
            start_date=datetime.date(2020, 4, 1),
        )
        for p in people
    )
    EqualityMonitoring.objects.bulk_create(
        EqualityMonitoring(
            person=p,
            ethnic_category=row.get("ethnic_category", ""),
            disability=row.get("disability", ""),
            sex=row.get("sex", ""),
        )
        for p, row in zip(people, rows, strict=True)
    )
    return TalentAssessment.objects.bulk_create(
        TalentAssessment(
            person=p,
            employment=e,
            organisation=organisation,
            performance=row.get("performance", 2),
            potential=row.get("potential", 2),
            assessed_on=datetime.date(2026, 11, 1),
            status=TalentAssessment.Status.PROPOSED,
        )
        for p, e, row in zip(people, employments, rows, strict=True)
    )


def placed(session: CalibrationSession, assessments, moves: dict[int, tuple] | None = None):
    """Placements for ``assessments`` in ``session``; ``moves`` maps an index to the
    (performance, potential) it was calibrated to."""
    moves = moves or {}
    return CalibrationPlacement.objects.bulk_create(
        CalibrationPlacement(
            session=session,
            assessment=a,
            proposed_performance=a.performance,
            proposed_potential=a.potential,
            performance=moves.get(i, (a.performance, a.potential))[0],
            potential=moves.get(i, (a.performance, a.potential))[1],
            reason="Agreed by the panel" if i in moves else "",
        )
        for i, a in enumerate(assessments)
    )

"""Set-ups for the pathway tests: a pathway with named steps, and careers (a person with a
run of jobs, one after another) to give it evidence."""

import datetime

from carelead.organisations.tests.factories import TrustFactory
from carelead.people.tests.factories import (
    EmploymentFactory,
    PayBandFactory,
    PersonFactory,
    StaffGroupFactory,
)
from carelead.talent.models import Pathway
from carelead.talent.tests.factories import PathwayFactory, PathwayStepFactory


def pathway_with_steps(*titles: str, code: str = "general-management", **kwargs) -> Pathway:
    """A published pathway whose steps are ``titles`` in order, each recognised by its own
    title in lower case."""
    pathway = PathwayFactory(code=code, **kwargs)
    for order, title in enumerate(titles, start=1):
        PathwayStepFactory(pathway=pathway, order=order, title=title, job_titles=[title.lower()])
    return pathway


def career(*titles: str, organisation=None, person=None, first_start=datetime.date(2015, 1, 1)):
    """A person who held ``titles`` one after another, two years each; the last is current.
    Returns the person."""
    organisation = organisation or TrustFactory()
    person = person or PersonFactory()
    staff_group, pay_band = StaffGroupFactory(), PayBandFactory()
    start = first_start
    for number, title in enumerate(titles, start=1):
        following = start.replace(year=start.year + 2)
        last = number == len(titles)
        end = None if last else following - datetime.timedelta(days=1)
        EmploymentFactory(
            person=person,
            organisation=organisation,
            assignment_number=f"{person.person_number}-{number}",
            job_title=title,
            staff_group=staff_group,
            pay_band=pay_band,
            start_date=start,
            end_date=end,
        )
        start = following
    return person

"""Permission matrix lines for matching (talent area ``matching``).

The individual's pages are for anyone with a person (the superuser has none, so 404); an
approach made to the staff member answers 404 to everyone else. The regional talent lead's
pages are theirs (the superuser passes the role check but leads no region, so one vacancy's
or approach's page answers 404). Outside the lead's region answers 404 too: see
``carelead/talent/tests/test_matching_views.py``.
"""

from types import SimpleNamespace

from carelead.tests.matrix import NOT_FOUND, WITH_A_PERSON, of, page

LEADS = frozenset({"regional_talent_lead", "superuser"})


def a_vacancy(world):
    from carelead.talent.tests.factories_matching import challenged_vacancy

    return challenged_vacancy(world.sibling_trust)


def staff_approach(world):
    from carelead.talent.tests.factories import ApproachFactory

    return ApproachFactory(vacancy=a_vacancy(world), person=world.employments["staff"].person)


def a_candidate(world):
    from carelead.talent.tests.factories_matching import ready_member, region_pool

    vacancy = a_vacancy(world)
    person = ready_member(region_pool(world.region), world.trust)
    return SimpleNamespace(pk=vacancy.pk, person_id=person.pk)


CASES = {
    "talent:preferences": page("talent:preferences", WITH_A_PERSON, superuser=NOT_FOUND),
    "talent:approaches_mine": page("talent:approaches_mine", WITH_A_PERSON, superuser=NOT_FOUND),
    "talent:approach_respond": page(
        of("talent:approach_respond", staff_approach),
        {"staff"},
        otherwise=NOT_FOUND,
    ),
    "talent:approaches": page("talent:approaches", LEADS),
    "talent:approach_withdraw": page(
        of("talent:approach_withdraw", staff_approach),
        {"regional_talent_lead"},
        superuser=NOT_FOUND,
    ),
    "talent:matching_vacancies": page("talent:matching_vacancies", LEADS),
    "talent:matching": page(
        of("talent:matching", a_vacancy), {"regional_talent_lead"}, superuser=NOT_FOUND
    ),
    "talent:approach_create": page(
        of("talent:approach_create", a_candidate), {"regional_talent_lead"}, superuser=NOT_FOUND
    ),
    "talent:placements": page("talent:placements", LEADS),
    "talent:placement_create": page(
        of("talent:placement_create", a_vacancy), {"regional_talent_lead"}, superuser=NOT_FOUND
    ),
}

"""Permission matrix lines for the senior vacancy register and incentive packages (talent
area ``vacancies``).

The register is for people leads (their organisation) and regional talent leads (their
region); one vacancy's pages answer 404 to anyone without a role on it. Changing a vacancy is
the organisation's people lead's; attaching a package and the packages pages are the regional
talent lead's. The superuser passes every role check but has no scope: empty lists, 404 on
records, and 404 on the create pages (they lead no organisation or region).
"""

from carelead.tests.matrix import NOT_FOUND, api, of, page

PEOPLE_OR_TALENT_LEADS = frozenset({"people_lead", "regional_talent_lead", "superuser"})
TALENT_LEADS = frozenset({"regional_talent_lead", "superuser"})


def a_vacancy(world):
    """An open vacancy at the people lead's trust, in the talent lead's region."""
    from carelead.talent.tests.factories import VacancyFactory

    return VacancyFactory(organisation=world.trust)


def a_challenged_vacancy(world):
    from carelead.talent.tests.factories import VacancyFactory

    return VacancyFactory(organisation=world.trust, is_challenged=True, segment_when_flagged=4)


def a_package(world):
    from carelead.talent.tests.factories import IncentivePackageFactory

    return IncentivePackageFactory(region=world.region)


CASES = {
    "talent:vacancies": page("talent:vacancies", PEOPLE_OR_TALENT_LEADS),
    "talent:vacancies_csv": page("talent:vacancies_csv", PEOPLE_OR_TALENT_LEADS),
    "talent:vacancy_create": page(
        "talent:vacancy_create",
        {"people_lead"},
        superuser=NOT_FOUND,
        regional_talent_lead=NOT_FOUND,
    ),
    "talent:vacancy": page(
        of("talent:vacancy", a_vacancy),
        {"people_lead", "regional_talent_lead"},
        superuser=NOT_FOUND,
    ),
    "talent:vacancy_edit": page(
        of("talent:vacancy_edit", a_vacancy),
        {"people_lead"},
        superuser=NOT_FOUND,
        regional_talent_lead=NOT_FOUND,
    ),
    "talent:vacancy_withdraw": page(
        of("talent:vacancy_withdraw", a_vacancy),
        {"people_lead"},
        superuser=NOT_FOUND,
        regional_talent_lead=NOT_FOUND,
    ),
    "talent:vacancy_flag": page(
        of("talent:vacancy_flag", a_vacancy),
        {"people_lead"},
        superuser=NOT_FOUND,
        regional_talent_lead=NOT_FOUND,
    ),
    "talent:vacancy_package": page(
        of("talent:vacancy_package", a_challenged_vacancy),
        {"regional_talent_lead"},
        superuser=NOT_FOUND,
    ),
    "talent:packages": page("talent:packages", TALENT_LEADS),
    "talent:package_create": page(
        "talent:package_create", {"regional_talent_lead"}, superuser=NOT_FOUND
    ),
    "talent:package": page(
        of("talent:package", a_package), {"regional_talent_lead"}, superuser=NOT_FOUND
    ),
    "talent:package_edit": page(
        of("talent:package_edit", a_package), {"regional_talent_lead"}, superuser=NOT_FOUND
    ),
    # The open register is for prospective candidates: any authenticated caller, no role.
    "api:talent_vacancies": api("api:talent_vacancies"),
    "api:talent_vacancy": api(of("api:talent_vacancy", a_vacancy)),
}

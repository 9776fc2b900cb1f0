"""The permission matrix: every URL in the URL conf, requested as every persona.

EXPECTED has one line per URL name: the foundation apps here, later apps in
``carelead/tests/matrix_cases/<area>.py``. To add a URL, add one line built with ``page``,
``public`` or ``api`` (from ``carelead.tests.matrix``): say how to build the URL from the
``world`` fixture and which personas get 200; everyone else gets ``otherwise`` (403 by
default) and any persona can be given its own status as a keyword. Anonymous visitors are
sent to sign in from pages (302 to the login page) and get 401 from the API.

``test_every_url_in_the_conf_has_an_entry`` fails when a URL is added without a line here, and
``test_every_entry_names_a_url_in_the_conf`` when a URL is renamed or removed.
"""

import pkgutil
from importlib import import_module

import pytest
from django.urls import reverse

from carelead.accounts.tests.personas import PERSONAS
from carelead.tests import matrix_cases
from carelead.tests.matrix import (
    LINE_MANAGERS,
    LOGIN,
    NOT_FOUND,
    PEOPLE_LEADS,
    REDIRECT,
    SEES_STAFF,
    SIGNED_IN,
    WITH_A_PERSON,
    Case,
    an_import_run,
    api,
    of,
    page,
    public,
    staff_person,
    url_patterns,
)


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


EXPECTED: dict[str, Case] = {
    # core
    "core:home": page("core:home"),
    "core:accessibility": public("core:accessibility"),
    "core:privacy": public("core:privacy"),
    "core:audit": page("core:audit", PEOPLE_LEADS),
    # accounts: a signed-in visitor to the login page is sent on to their home page
    "accounts:login": public("accounts:login", **dict.fromkeys(SIGNED_IN, REDIRECT)),
    "accounts:logout": page("accounts:logout"),
    # organisations
    "organisations:directory": page("organisations:directory"),
    "organisations:detail": page(of("organisations:detail", lambda w: w.trust)),
    # people
    "people:my_profile": page("people:my_profile", WITH_A_PERSON, superuser=NOT_FOUND),
    "people:my_equality": page("people:my_equality", WITH_A_PERSON, superuser=NOT_FOUND),
    "people:my_team": page("people:my_team", LINE_MANAGERS),
    "people:people_list": page("people:people_list", PEOPLE_LEADS),
    "people:new_starter": page("people:new_starter", {"people_lead"}, superuser=NOT_FOUND),
    "people:person_detail": page(
        of("people:person_detail", staff_person), SEES_STAFF, otherwise=NOT_FOUND
    ),
    "people:import_list": page("people:import_list", PEOPLE_LEADS),
    "people:import_detail": page(
        of("people:import_detail", an_import_run), {"people_lead"}, superuser=NOT_FOUND
    ),
    # api: organisations are readable by every caller; people only within a people lead's scope
    "api:docs": public("api:docs"),
    "api:docs_page": public("api:docs_page"),
    "api:health": public("api:health"),
    "api:organisation-list": api("api:organisation-list"),
    "api:organisation-detail": api(of("api:organisation-detail", lambda w: w.trust)),
    "api:person-list": api("api:person-list"),
    "api:person-detail": api(of("api:person-detail", staff_person), {"people_lead"}, otherwise=404),
    "api:employment-list": api("api:employment-list"),
    # demo (never installed in production)
    "demo:logins": public("demo:logins"),
}


def _area_cases() -> dict[str, Case]:
    """The lines each area keeps in carelead/tests/matrix_cases/<area>.py."""
    merged: dict[str, Case] = {}
    for module in pkgutil.iter_modules(matrix_cases.__path__):
        cases = import_module(f"{matrix_cases.__name__}.{module.name}").CASES
        clash = set(cases) & (set(merged) | set(EXPECTED))
        assert not clash, f"{module.name} repeats matrix lines for {sorted(clash)}"
        merged.update(cases)
    return merged


EXPECTED.update(_area_cases())


def test_every_url_in_the_conf_has_an_entry():
    names = {name for name, _ in url_patterns() if name}
    missing = sorted(names - set(EXPECTED))
    assert not missing, f"add a line to EXPECTED for: {missing}"


def test_every_entry_names_a_url_in_the_conf():
    names = {name for name, _ in url_patterns() if name}
    stale = sorted(set(EXPECTED) - names)
    assert not stale, f"EXPECTED has entries for URLs that are not in the conf: {stale}"


def test_every_url_pattern_has_a_name():
    unnamed = sorted(route for name, route in url_patterns() if name is None)
    assert not unnamed, f"give these patterns a name so the matrix can reach them: {unnamed}"


CASES = [(name, persona) for name in EXPECTED for persona in PERSONAS]


@pytest.mark.parametrize(("name", "persona"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_status_for_each_persona(client, world, name, persona):
    case = EXPECTED[name]
    url = case.url(world)
    if persona != "anonymous":
        client.force_login(world.user(persona))
    headers = {"HTTP_ACCEPT": "application/json"} if case.api else {}
    response = client.get(url, **headers)

    expected = case.statuses[persona]
    if expected == LOGIN:
        assert response.status_code == 302, f"{persona} GET {url}: {response.status_code}"
        login = reverse("accounts:login")
        assert response["Location"].startswith(login), f"{url} redirects to {response['Location']}"
    else:
        assert response.status_code == expected, (
            f"{persona} GET {url}: expected {expected}, got {response.status_code}"
        )


def test_people_lead_gets_404_for_a_person_in_another_region(client, world):
    """Records outside a user's scope answer 404, so their existence does not leak."""
    client.force_login(world.user("people_lead"))
    outsider = of("people:person_detail", lambda w: w.outsider_employment.person)(world)
    assert client.get(outsider).status_code == 404
    insider = of("people:person_detail", lambda w: w.employments["staff"].person)(world)
    assert client.get(insider).status_code == 200

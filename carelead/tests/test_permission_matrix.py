"""The permission matrix: every URL in the URL conf, requested as every persona.

EXPECTED has one line per URL name. To add a URL, add one line built with ``page``, ``public``
or ``api``: say how to build the URL from the ``world`` fixture and which personas get 200;
everyone else gets ``otherwise`` (403 by default) and any persona can be given its own status
as a keyword. Anonymous visitors are sent to sign in from pages (302 to the login page) and
get 401 from the API.

``test_every_url_in_the_conf_has_an_entry`` fails when a URL is added without a line here, and
``test_every_entry_names_a_url_in_the_conf`` when a URL is renamed or removed.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from carelead.accounts.tests.personas import PERSONAS

# Status values. LOGIN means "302 to the login page"; every other value is an HTTP status.
LOGIN = "302 to login"
OK, REDIRECT, UNAUTHORISED, FORBIDDEN, NOT_FOUND = 200, 302, 401, 403, 404

SIGNED_IN = frozenset(PERSONAS) - {"anonymous"}
# Active superusers pass every permission check (Django's PermissionsMixin.has_perm), so
# they reach every role-gated page; scope still limits which records they see.
PEOPLE_LEADS = frozenset({"people_lead", "superuser"})
LINE_MANAGERS = frozenset({"line_manager", "superuser"})
# Everyone with a Person record (the superuser has none).
WITH_A_PERSON = SIGNED_IN - {"superuser"}
# Who may open the staff member's record: themself, their line manager, their people lead.
SEES_STAFF = frozenset({"staff", "line_manager", "people_lead"})

# Patterns the matrix does not cover: the Django admin (superuser-only, tested by Django) and
# DRF's format-suffix copies of API routes (same view and name as the route they copy).
EXCLUDED_NAMESPACES = ("admin",)
EXCLUDED_PATTERNS = (re.compile(r"\\\.\(\?P<format>"), re.compile(r"<(drf_format_suffix\w*):"))


@dataclass(frozen=True)
class Case:
    url: Callable[[object], str]
    statuses: dict[str, int | str]
    api: bool = False


UrlSpec = str | Callable[[object], str]


def _url_builder(url: UrlSpec) -> Callable[[object], str]:
    if callable(url):
        return url
    return lambda world: reverse(url)


def _statuses(ok, otherwise, anonymous, overrides) -> dict[str, int | str]:
    unknown = set(overrides) - set(PERSONAS)
    assert not unknown, f"unknown personas {sorted(unknown)}"
    statuses = {persona: OK if persona in ok else otherwise for persona in PERSONAS}
    statuses["anonymous"] = anonymous
    statuses.update(overrides)
    return statuses


def page(url: UrlSpec, ok=SIGNED_IN, *, otherwise=FORBIDDEN, **overrides) -> Case:
    """A page behind sign-in: ``ok`` personas get 200, the others ``otherwise``."""
    return Case(_url_builder(url), _statuses(ok, otherwise, LOGIN, overrides))


def public(url: UrlSpec, **overrides) -> Case:
    """A page anyone may see, signed in or not."""
    return Case(_url_builder(url), _statuses(PERSONAS, OK, OK, overrides))


def api(url: UrlSpec, ok=SIGNED_IN, *, otherwise=FORBIDDEN, **overrides) -> Case:
    """An API endpoint: anonymous callers get 401, ``ok`` personas 200, others ``otherwise``."""
    return Case(_url_builder(url), _statuses(ok, otherwise, UNAUTHORISED, overrides), api=True)


def of(name: str, pick: Callable[[object], object]) -> Callable[[object], str]:
    """Build the URL for ``name`` from a world object, filling each URL parameter from the
    object's attribute of the same name (``pk``, ``id`` and ``*_id`` use the primary key)."""

    def build(world) -> str:
        obj = pick(world)
        kwargs = {}
        for param in url_parameters()[name]:
            if hasattr(obj, param):
                kwargs[param] = getattr(obj, param)
            elif param in ("pk", "id") or param.endswith("_id"):
                kwargs[param] = obj.pk
            else:
                raise AssertionError(f"{name}: cannot fill <{param}> from {obj!r}")
        return reverse(name, kwargs=kwargs)

    return build


def staff_person(world):
    return world.employments["staff"].person


def an_import_run(world):
    """A workforce import uploaded by the people lead (queued: in a test transaction its
    task, enqueued on commit, never runs)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from carelead.people.imports.services import workforce_import_start

    extract = SimpleUploadedFile("extract.csv", b"Person Number\n", content_type="text/csv")
    return workforce_import_start(actor=world.user("people_lead"), uploaded_file=extract)


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


def _walk(patterns, namespace: str = "", prefix: str = ""):
    """Yield (name or None, full route) for every pattern, through includes."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}{entry.namespace}:"
            yield from _walk(entry.url_patterns, inner, route)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else None), route


def url_patterns() -> list[tuple[str | None, str]]:
    """Every (name, route) the matrix must cover."""
    found = []
    for name, route in _walk(get_resolver().url_patterns):
        if name and name.split(":")[0] in EXCLUDED_NAMESPACES:
            continue
        if route.startswith(tuple(f"{ns}/" for ns in EXCLUDED_NAMESPACES)):
            continue
        if any(p.search(route) for p in EXCLUDED_PATTERNS):
            continue
        found.append((name, route))
    return found


def url_parameters() -> dict[str, list[str]]:
    """URL name -> the names of its parameters, from its route."""
    return {name: _param_names(route) for name, route in url_patterns() if name}


def _param_names(route: str) -> list[str]:
    return [a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)]


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

"""Building blocks for the permission matrix (test_permission_matrix.py).

Each area keeps its own lines in ``carelead/tests/matrix_cases/<area>.py`` as a ``CASES`` dict
built with ``page``, ``public`` or ``api`` from here; the matrix merges them.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

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

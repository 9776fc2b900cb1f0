"""Reads of people and employments, each limited to what the acting user may see.

Scope comes only from the user's own person and role assignments (carelead.accounts.scoping),
never from the request, so an id typed into a URL can only select inside it. Anything outside
answers Http404. Equality monitoring answers are read only by ``own_equality_monitoring``,
which has no way to ask for anyone but the user themself.
"""

from collections.abc import Mapping

from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.organisations.models import Organisation
from carelead.people.models import (
    Employment,
    EqualityMonitoring,
    EqualityOption,
    Person,
    current_q,
)

# What a row on the people and team pages shows, fetched in the same query.
EMPLOYMENT_RELATED = (
    "person",
    "organisation",
    "staff_group",
    "pay_band",
    "line_manager__person",
)


def people_lead_organisations(user) -> QuerySet[Organisation]:
    """Organisations the user is a people lead for."""
    return scoping.people_lead_organisations(user).order_by("name")


def people_for_people_lead(
    user, *, query=None, organisation=None, staff_group=None, band=None
) -> QuerySet[Employment]:
    """Current employments in the organisations the user is a people lead for.

    query: words that must each appear in the name, person number, email, job title or
    assignment number. organisation: an Organisation or its id, which must be in scope (an
    organisation outside it gives no rows). staff_group and band: codes.
    """
    scope = scoping.scope_q(user, Role.PEOPLE_LEAD, prefix="organisation__")
    if scope is None:
        return Employment.objects.none()
    employments = Employment.objects.current().filter(scope)
    if organisation:
        employments = employments.filter(organisation_id=getattr(organisation, "pk", organisation))
    if staff_group:
        employments = employments.filter(staff_group_id=getattr(staff_group, "pk", staff_group))
    if band:
        employments = employments.filter(pay_band_id=getattr(band, "pk", band))
    for word in (query or "").split():
        employments = employments.filter(
            Q(person__given_name__icontains=word)
            | Q(person__family_name__icontains=word)
            | Q(person__person_number__iexact=word)
            | Q(person__email__icontains=word)
            | Q(job_title__icontains=word)
            | Q(assignment_number__iexact=word)
        )
    return employments.select_related(*EMPLOYMENT_RELATED).order_by(
        "person__family_name", "person__given_name", "person_id", "-start_date", "pk"
    )


def team_for_manager(user) -> QuerySet[Employment]:
    """The user's direct reports: current employments whose line manager is one of the
    user's own current employments. Each row carries ``report_count``, how many current
    direct reports that person has in turn (indirect reports are not listed)."""
    if not getattr(user, "person_id", None):
        return Employment.objects.none()
    today = timezone.localdate()
    own_reports = (
        Employment.objects.filter(current_q(today), line_manager=OuterRef("pk"))
        .order_by()
        .values("line_manager")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Employment.objects.filter(
            current_q(today),
            current_q(today, prefix="line_manager__"),
            line_manager__person_id=user.person_id,
        )
        .select_related(*EMPLOYMENT_RELATED)
        .annotate(report_count=Coalesce(Subquery(own_reports), 0))
        .order_by("person__family_name", "person__given_name", "person_id", "-start_date")
    )


def _viewer_employment_q(user) -> Q | None:
    """Employments a user other than the person may see: those in their people-lead scope
    and those they currently line manage. None when they may see none."""
    parts = []
    scope = scoping.scope_q(user, Role.PEOPLE_LEAD, prefix="organisation__")
    if scope is not None:
        parts.append(scope)
    if getattr(user, "person_id", None):
        parts.append(
            current_q()
            & current_q(prefix="line_manager__")
            & Q(line_manager__person_id=user.person_id)
        )
    if not parts:
        return None
    q = parts[0]
    for part in parts[1:]:
        q |= part
    return q


def person_for_viewer(user, person_id) -> Person:
    """The person, if the user may see them: it is the user themself, or the user is a
    people lead for an organisation the person works (or worked) for, or the user is the
    person's current line manager. Otherwise Http404."""
    try:
        person_id = int(person_id)
    except (TypeError, ValueError):
        raise Http404("No such person") from None
    if getattr(user, "person_id", None) == person_id:
        return Person.objects.get(pk=person_id)
    q = _viewer_employment_q(user)
    if q is None or not Employment.objects.filter(q, person_id=person_id).exists():
        raise Http404("No such person")
    return Person.objects.get(pk=person_id)


def employments_of(person, *, viewer=None) -> QuerySet[Employment]:
    """A person's employments, newest first. With a ``viewer`` other than the person, only
    the employments that viewer may see (so another employer's record stays hidden)."""
    employments = Employment.objects.filter(person=person)
    if viewer is not None and getattr(viewer, "person_id", None) != person.pk:
        q = _viewer_employment_q(viewer)
        if q is None:
            return Employment.objects.none()
        employments = employments.filter(q)
    return employments.select_related(*EMPLOYMENT_RELATED).order_by("-start_date", "-pk")


def own_person(user) -> Person:
    """The user's own person record, or Http404 for logins with none (service accounts)."""
    if not getattr(user, "person_id", None):
        raise Http404("This login has no staff record")
    return Person.objects.get(pk=user.person_id)


def own_equality_monitoring(user) -> EqualityMonitoring | None:
    """The user's own equality monitoring answers (None if never answered). There is
    deliberately no selector that reads anyone else's."""
    if not getattr(user, "person_id", None):
        raise Http404("This login has no staff record")
    return EqualityMonitoring.objects.filter(person_id=user.person_id).first()


def equality_options_by_question() -> dict[str, list[EqualityOption]]:
    """Every question's options in display order, keyed by question."""
    options: dict[str, list[EqualityOption]] = {q: [] for q in EqualityOption.Question.values}
    for option in EqualityOption.objects.order_by("question", "sort_order", "code"):
        options.setdefault(option.question, []).append(option)
    return options


def headcount(organisations: QuerySet[Organisation], *, on=None) -> int:
    """How many people are in current employment with any of ``organisations`` (a person
    with two posts counts once). A number only: callers pass an already-scoped queryset."""
    return (
        Employment.objects.current(on)
        .filter(organisation__in=organisations.values("id"))
        .values("person_id")
        .distinct()
        .count()
    )


# --- Equality counts (aggregates only) -------------------------------------------------------

#: The groups an ethnic category is counted in, keyed by EqualityOption.wres_group.
ETHNIC_GROUPS = {
    "white": "White",
    "bme": "Black and minority ethnic",
    "": "Not stated or unknown",
}
ETHNIC_QUESTIONS = (EqualityOption.Question.ETHNIC_CATEGORY, EqualityOption.Question.ETHNICITY_2021)
NOT_STATED = "Not stated"


def equality_counts(person_ids, *, question: str) -> dict[str, int]:
    """How many of the given people fall in each group of their answer to ``question``.

    ``person_ids`` is an iterable of ids or a queryset of them (a queryset stays a subquery).
    Ethnic categories count as White, Black and minority ethnic, or Not stated or unknown;
    every other question counts by answer (e.g. disability Yes / No), with "prefer not to
    say", "not known", no answer and no record at all as Not stated. Every group is in the
    result, zeros included, so a missing key never gives a count away.

    The counting is one grouped query and returns numbers only. They are not yet safe to
    show: pass them through ``suppress`` before they reach a page.
    """
    return equality_counts_with_parts(person_ids, question=question)[0]


def equality_counts_with_parts(
    person_ids, *, question: str, parts: Mapping[str, object] | None = None
) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """``equality_counts`` for ``person_ids`` and, in the same grouped query, for each named
    part: a subset of them given as ids or a queryset of ids (people in a part but not in
    ``person_ids`` are not counted). Each person's group is worked out once, so this is
    cheaper than one query per part. Returns (the counts, {part name: its counts})."""
    if question not in EqualityMonitoring.QUESTIONS:
        raise ValueError(f"Unknown equality question {question!r}")
    parts = parts or {}
    option = EqualityOption.objects.filter(
        question=question, code=OuterRef(f"equality__{question}")
    )
    if question in ETHNIC_QUESTIONS:
        groups = dict(ETHNIC_GROUPS)
        group = Subquery(option.values("wres_group")[:1])
    else:
        answered = EqualityOption.objects.filter(question=question, is_not_stated=False)
        groups = {o.code: o.label for o in answered.order_by("sort_order", "code")}
        groups[""] = NOT_STATED
        group = Subquery(option.filter(is_not_stated=False).values("code")[:1])
    names = {name: f"part_{index}" for index, name in enumerate(parts)}
    rows = (
        Person.objects.filter(pk__in=person_ids)
        .annotate(answer_group=Coalesce(group, Value("")))
        .order_by()
        .values("answer_group")
        .annotate(
            n=Count("pk"),
            **{names[name]: Count("pk", filter=Q(pk__in=ids)) for name, ids in parts.items()},
        )
    )
    counts = dict.fromkeys(groups.values(), 0)
    part_counts = {name: dict.fromkeys(groups.values(), 0) for name in parts}
    for row in rows:
        label = groups.get(row["answer_group"], groups[""])
        counts[label] += row["n"]
        for name, column in names.items():
            part_counts[name][label] += row[column]
    return counts, part_counts


def suppress(counts: dict[str, int], *, minimum: int | None = None) -> dict[str, int | None]:
    """``counts`` with every count below ``minimum`` replaced by None (zero included, so an
    empty group cannot be told apart from a small one).

    When exactly one count in the row would be hidden, the next smallest is hidden too:
    otherwise anyone who knows the row's total (a panel knows how many applied) could
    subtract the shown counts from it and get the hidden one back.

    ``minimum`` defaults to the CARELEAD_SUPPRESSION_MINIMUM setting (10).
    """
    if minimum is None:
        minimum = getattr(settings, "CARELEAD_SUPPRESSION_MINIMUM", 10)
    hidden = {key for key, value in counts.items() if value < minimum}
    if len(hidden) == 1 and len(counts) > 1:
        shown = [key for key in counts if key not in hidden]
        hidden.add(min(shown, key=lambda key: counts[key]))
    return {key: (None if key in hidden else value) for key, value in counts.items()}

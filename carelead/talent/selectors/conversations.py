"""Reads for career conversations. A conversation is the individual's: only they and the
person it is held with open it (anything else answers 404, so its existence does not leak).
People leads see counts for their organisation, never the content of one conversation."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from carelead.appraisals.models import Appraisal
from carelead.learning.models import Programme
from carelead.people.models import Employment, Person, current_q
from carelead.people.selectors import people_lead_organisations
from carelead.talent.models import (
    AspirationalPlanItem,
    CareerConversation,
    GridPreset,
    Pathway,
    PathwayStep,
)
from carelead.talent.selectors.access import current_employment

INDIVIDUAL = "individual"
HELD_WITH = "held_with"

#: Scope for Growth's growth axis, bottom to top.
GROWTH_LEVEL = {"depth": 1, "breadth": 2, "stretch": 3}

#: Recorded conversations count towards coverage for this long after they were held.
COVERAGE_DAYS = 365


def conversation_roles(user, conversation: CareerConversation) -> set[str]:
    person_id = getattr(user, "person_id", None)
    roles = set()
    if person_id and conversation.person_id == person_id:
        roles.add(INDIVIDUAL)
    if person_id and conversation.held_with_id == person_id:
        roles.add(HELD_WITH)
    return roles


def my_conversations(user) -> QuerySet[CareerConversation]:
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return CareerConversation.objects.none()
    return CareerConversation.objects.filter(person_id=person_id).select_related(
        "held_with", "organisation"
    )


def conversations_held_by(user) -> QuerySet[CareerConversation]:
    """Conversations where the user is the other person (line manager, coach, ...)."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return CareerConversation.objects.none()
    return CareerConversation.objects.filter(held_with_id=person_id).select_related(
        "person", "organisation"
    )


def conversation_for_viewer(user, pk: int, *, roles: set[str] | None = None):
    """The conversation with ``.viewer_roles`` set, if the user is its person or the person
    it is held with (and holds one of ``roles`` when given); Http404 otherwise."""
    conversation = (
        CareerConversation.objects.select_related(
            "person", "held_with", "organisation", "employment", "appraisal", "appraisal__cycle"
        )
        .filter(pk=pk)
        .first()
    )
    if conversation is None:
        raise Http404("No such career conversation.")
    held = conversation_roles(user, conversation)
    if not held or (roles is not None and not held & roles):
        raise Http404("No such career conversation.")
    conversation.viewer_roles = held
    return conversation


def plan_item_for_viewer(user, pk: int) -> AspirationalPlanItem:
    item = (
        AspirationalPlanItem.objects.select_related("programme", "pathway_step__pathway")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404("No such plan item.")
    item.conversation = conversation_for_viewer(user, item.conversation_id)
    return item


def plan_items(conversation: CareerConversation) -> list[AspirationalPlanItem]:
    return list(conversation.plan_items.select_related("programme", "pathway_step__pathway"))


def plan_pathway_steps() -> QuerySet[PathwayStep]:
    """Steps a plan can aim at: those of published pathways, in pathway and step order."""
    return (
        PathwayStep.objects.filter(pathway__status=Pathway.Status.PUBLISHED)
        .select_related("pathway")
        .order_by("pathway__title", "order")
    )


def grid_preset(conversation: CareerConversation) -> GridPreset:
    return GridPreset.objects.prefetch_related("cells").get(pk=conversation.grid_id)


def default_grid() -> GridPreset | None:
    return (
        GridPreset.objects.filter(kind=GridPreset.Kind.CAREER_CONVERSATION, is_default=True)
        .prefetch_related("cells")
        .first()
    )


def line_manager_of(person: Person | int) -> Person | None:
    """The line manager of the person's main current employment, if it names one."""
    employment = current_employment(person)
    if employment is None or employment.line_manager_id is None:
        return None
    return Person.objects.filter(employments__pk=employment.line_manager_id).first()


def person_by_email(email: str) -> list[Person]:
    """Everyone in carelead with this email address (case does not matter)."""
    return list(Person.objects.filter(email__iexact=email.strip())[:2])


def latest_aspiration(person: Person | int) -> Appraisal | None:
    """The person's newest appraisal (by cycle opening) that records a career aspiration,
    cancelled ones left out: the starting point of a career conversation."""
    person_id = getattr(person, "pk", person)
    return (
        Appraisal.objects.filter(person_id=person_id)
        .exclude(career_aspiration="")
        .exclude(status=Appraisal.Status.CANCELLED)
        .select_related("cycle")
        .order_by("-cycle__opens_on", "-pk")
        .first()
    )


def open_programmes() -> QuerySet[Programme]:
    return Programme.objects.filter(status=Programme.Status.OPEN).order_by("title")


# --- People lead counts -----------------------------------------------------------------------


def organisations_for_counts(user):
    return people_lead_organisations(user).order_by("name")


def organisation_for_counts(user, organisation_id=None):
    """The organisation a people lead asked for (their first one by default); Http404 when
    they lead none or name one outside their scope."""
    organisations = organisations_for_counts(user)
    if organisation_id not in (None, ""):
        try:
            organisation = organisations.filter(pk=int(organisation_id)).first()
        except (TypeError, ValueError):
            organisation = None
    else:
        organisation = organisations.first()
    if organisation is None:
        raise Http404("No such organisation.")
    return organisation


def status_counts(organisation, *, year: int) -> dict[str, int]:
    """Conversations started this calendar year at the organisation, by status."""
    rows = (
        CareerConversation.objects.filter(organisation=organisation, created_at__year=year)
        .values("status")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(CareerConversation.Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def coverage(organisation, *, today: datetime.date | None = None) -> tuple[int, int]:
    """(managers with a conversation recorded in the last 12 months, managers): people in
    a current employment at management level 1 or above at the organisation."""
    today = today or timezone.localdate()
    managers = (
        Employment.objects.filter(
            current_q(today), organisation=organisation, management_level__gte=1
        )
        .values("person_id")
        .distinct()
    )
    recorded = CareerConversation.objects.filter(
        status=CareerConversation.Status.RECORDED,
        held_on__gte=today - datetime.timedelta(days=COVERAGE_DAYS),
        person_id__in=managers,
    )
    totals = Person.objects.filter(pk__in=managers).aggregate(
        managers=Count("pk"),
        covered=Count("pk", filter=Q(pk__in=recorded.values("person_id"))),
    )
    return totals["covered"], totals["managers"]


def position_counts(
    organisation, *, today: datetime.date | None = None
) -> dict[str, dict[tuple[int, int], int]]:
    """Agreed positions of conversations held in the last 12 months, as counts per grid
    cell: ``now`` (impact, growth now) and ``wanted`` (impact, growth wanted)."""
    today = today or timezone.localdate()
    base = CareerConversation.objects.filter(
        organisation=organisation,
        status__in=[CareerConversation.Status.HELD, CareerConversation.Status.RECORDED],
        held_on__gte=today - datetime.timedelta(days=COVERAGE_DAYS),
        impact__isnull=False,
    )
    result = {}
    for key, field in (("now", "growth_now"), ("wanted", "growth_wanted")):
        counts = {(x, y): 0 for x in (1, 2, 3) for y in (1, 2, 3)}
        for row in base.exclude(**{field: ""}).values("impact", field).annotate(n=Count("pk")):
            counts[(row["impact"], GROWTH_LEVEL[row[field]])] += row["n"]
        result[key] = counts
    return result

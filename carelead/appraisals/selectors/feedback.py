"""Reads for 360 feedback: the questionnaire, the invitations, and the anonymous summary.

The summary is the heart of it. ``summarise`` is a pure function of the responses and the
minimum group size, so it can be proved with property tests; ``feedback_summary`` loads a
request's responses (three queries) and hands them to it. Its promises:

- every figure shown (a group's count, an item's mean or spread, the overall figures) is
  computed from at least ``min_group_size`` responses or ratings;
- relationship groups below the threshold are pooled into "Other raters"; when the pool is
  itself too small it is merged into the smallest group shown, so no response is ever left
  out of the shown groups, and no overall figure can be used to work out a hidden remainder
  smaller than the threshold by subtraction;
- each relationship is counted in at most one shown group, so no small group's figures can
  be had by subtracting one shown group from another;
- free text is shown unattributed, sorted by its text (not the order it was given), and only
  when the request has at least ``min_group_size`` responses.
"""

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.http import Http404
from django.utils import timezone

from carelead.appraisals.models import (
    Appraisal,
    BehaviourAssessment,
    FeedbackComment,
    FeedbackInvitation,
    FeedbackRating,
    FeedbackRequest,
    FeedbackResponse,
    Relationship,
    Template,
)
from carelead.appraisals.workflow import LIVE
from carelead.standards.models import Descriptor, Item, RatingLevel
from carelead.standards.selectors import default_rating_scale

OTHER = "other_raters"
OTHER_LABEL = "Other raters"
ALL_LABEL = "All raters"

#: The order groups are shown in.
GROUP_ORDER = [value for value, _ in Relationship.choices]
GROUP_LABELS = dict(Relationship.choices)
GROUP_PLURALS = {
    Relationship.LINE_MANAGER: "Line managers",
    Relationship.PEER: "Peers",
    Relationship.DIRECT_REPORT: "Direct reports",
    Relationship.PARTNER: "Partners, including social care",
    Relationship.OTHER: "Others",
}


# --- The pure summary ------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseData:
    """One response as the summary needs it: its group and its ratings (None: not observed)."""

    relationship: str
    ratings: Mapping[int, int | None]


@dataclass(frozen=True)
class ItemFigure:
    """One item's figures in one shown group; ``shown`` False means all of them are hidden."""

    shown: bool
    raters: int = 0
    mean: float | None = None
    #: (rating value, how many gave it), in value order.
    distribution: tuple[tuple[int, int], ...] = ()


HIDDEN = ItemFigure(shown=False)


@dataclass(frozen=True)
class GroupFigures:
    key: str
    label: str
    #: The relationships whose responses are counted here (one, or several when pooled).
    relationships: tuple[str, ...]
    responses: int
    items: Mapping[int, ItemFigure]


@dataclass(frozen=True)
class Summary:
    min_group_size: int
    #: Every response received, whether or not anything is shown (only ever shown when at
    #: least the threshold; see ``total_shown``).
    total_responses: int
    groups: tuple[GroupFigures, ...] = ()
    #: All raters together, or None when it could be used to work out a hidden remainder.
    overall: GroupFigures | None = None
    comments: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def total_shown(self) -> int | None:
        return self.total_responses if self.total_responses >= self.min_group_size else None

    @property
    def comments_shown(self) -> bool:
        return self.total_shown is not None


def _safe_remainder(remainder: int, minimum: int) -> bool:
    return remainder == 0 or remainder >= minimum


def _item_figure(values: list[int], minimum: int) -> ItemFigure:
    if len(values) < minimum:
        return HIDDEN
    counts = Counter(values)
    return ItemFigure(
        shown=True,
        raters=len(values),
        mean=sum(values) / len(values),
        distribution=tuple(sorted(counts.items())),
    )


def _values(responses: Iterable[ResponseData], item_id: int) -> list[int]:
    return [v for r in responses if (v := r.ratings.get(item_id)) is not None]


def _buckets(
    responses: Sequence[ResponseData], minimum: int
) -> list[tuple[str, str, tuple[str, ...], list[ResponseData]]]:
    """The groups to show, as (key, label, relationships, responses). Either every response
    is in exactly one of them, or the list is empty."""
    by_group: dict[str, list[ResponseData]] = {}
    for response in responses:
        by_group.setdefault(response.relationship, []).append(response)
    ordered = sorted(by_group, key=lambda g: GROUP_ORDER.index(g) if g in GROUP_ORDER else 99)
    shown = [
        [g, GROUP_PLURALS.get(g, g), (g,), list(by_group[g])]
        for g in ordered
        if len(by_group[g]) >= minimum
    ]
    small = [g for g in ordered if len(by_group[g]) < minimum]
    pool = [r for g in small for r in by_group[g]]
    if not pool:
        return [tuple(b) for b in shown]
    if len(pool) >= minimum:
        shown.append([OTHER, OTHER_LABEL, tuple(small), pool])
        return [tuple(b) for b in shown]
    if not shown:
        return []
    # Too few to stand as "Other raters": fold them into the smallest group shown (the first
    # of equals, so the choice is stable), which stays above the threshold.
    smallest = min(shown, key=lambda b: len(b[3]))
    smallest[0] = f"{smallest[0]}_and_others"
    smallest[1] = f"{smallest[1]} and other raters"
    smallest[2] = (*smallest[2], *small)
    smallest[3] = smallest[3] + pool
    return [tuple(b) for b in shown]


def summarise(
    responses: Sequence[ResponseData],
    item_ids: Sequence[int],
    minimum: int,
    comments: Mapping[str, Iterable[str]] | None = None,
) -> Summary:
    """The anonymous summary of ``responses`` over ``item_ids`` (see the module docstring)."""
    minimum = max(1, minimum)
    total = len(responses)
    buckets = _buckets(responses, minimum)
    groups = []
    for key, label, relationships, members in buckets:
        items = {item_id: _item_figure(_values(members, item_id), minimum) for item_id in item_ids}
        groups.append(GroupFigures(key, label, relationships, len(members), items))

    overall = None
    covered = sum(g.responses for g in groups)
    if groups and _safe_remainder(total - covered, minimum):
        items = {}
        for item_id in item_ids:
            values = _values(responses, item_id)
            shown_raters = sum(g.items[item_id].raters for g in groups if g.items[item_id].shown)
            # An item hidden in a group is hidden overall too, unless the ratings behind the
            # hidden cells are themselves at least the threshold: otherwise "all raters" minus
            # the shown groups would give the hidden group's mean.
            if _safe_remainder(len(values) - shown_raters, minimum):
                items[item_id] = _item_figure(values, minimum)
            else:
                items[item_id] = HIDDEN
        overall = GroupFigures("all", ALL_LABEL, tuple(GROUP_ORDER), total, items)

    shown_comments: dict[str, tuple[str, ...]] = {}
    if total >= minimum and comments:
        # Sorted by text, never by when they were given, so order cannot be matched to who
        # answered when.
        shown_comments = {
            kind: tuple(sorted((t for t in texts if t.strip()), key=str.casefold))
            for kind, texts in comments.items()
        }
    return Summary(minimum, total, tuple(groups), overall, shown_comments)


# --- The questionnaire ------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    item: Item
    #: What good looks like for this item at the appraisee's stage (the anchor), or "".
    descriptor: str


@dataclass(frozen=True)
class Questionnaire:
    questions: tuple[Question, ...]
    #: (value, label) for each scored point of the default rating scale, in order.
    levels: tuple[tuple[int, str], ...]


def _is_board(appraisal: Appraisal) -> bool:
    return appraisal.cycle.template.kind == Template.Kind.BOARD


def questionnaire_items(appraisal: Appraisal) -> list[Item]:
    """The behaviours raters are asked about: the items of the appraisal's behaviour
    assessment when it has any, else those the workflow would prefill (the Code's principles
    and the competencies for staff; the domains for board members)."""
    assessed = list(
        Item.objects.filter(
            pk__in=BehaviourAssessment.objects.filter(appraisal=appraisal).values("item")
        ).order_by("sort_order", "code")
    )
    if assessed:
        return assessed
    version = appraisal.cycle.framework_version
    if _is_board(appraisal):
        kinds = [Item.Kind.DOMAIN]
    else:
        kinds = [Item.Kind.PRINCIPLE, Item.Kind.COMPETENCY]
    items = list(version.items.filter(kind__in=kinds).order_by("sort_order", "code"))
    # Principles first, then competencies (sort_order runs within the whole tree).
    return sorted(items, key=lambda i: kinds.index(i.kind))


def questionnaire(appraisal: Appraisal) -> Questionnaire:
    """The questions with their anchors at the appraisee's stage and the rating levels."""
    items = questionnaire_items(appraisal)
    descriptors = dict(
        Descriptor.objects.filter(item__in=items, stage_id=appraisal.stage_id).values_list(
            "item_id", "text"
        )
    )
    scale = default_rating_scale(appraisal.cycle.framework_version)
    levels: tuple[tuple[int, str], ...] = ()
    if scale is not None:
        levels = tuple(
            (level.value, _level_label(level))
            for level in scale.levels.all()
            if level.value is not None
        )
    return Questionnaire(
        tuple(Question(item, descriptors.get(item.pk, "")) for item in items), levels
    )


def _level_label(level: RatingLevel) -> str:
    label = f"{level.value}: {level.label}"
    return f"{label} – {level.meaning}" if level.meaning else label


# --- Requests and invitations -----------------------------------------------------------------


def is_live(appraisal: Appraisal) -> bool:
    return appraisal.status in LIVE


def request_for(appraisal: Appraisal) -> FeedbackRequest | None:
    return FeedbackRequest.objects.filter(appraisal=appraisal).first()


def is_closed(request: FeedbackRequest, today: datetime.date | None = None) -> bool:
    """Closed by hand, or its closing day has passed (it takes answers all of that day)."""
    today = today or timezone.localdate()
    return request.status == FeedbackRequest.Status.CLOSED or request.closes_on < today


def active_invitations(request: FeedbackRequest) -> list[FeedbackInvitation]:
    """Invitations not withdrawn, without their answered status: the people managing a
    request see who they asked, never who has answered."""
    return list(
        request.invitations.exclude(status=FeedbackInvitation.Status.WITHDRAWN)
        .select_related("rater")
        .order_by("relationship", "name", "pk")
    )


@dataclass(frozen=True)
class GroupProgress:
    relationship: str
    label: str
    invited: int
    responded: int


def group_progress(request: FeedbackRequest) -> list[GroupProgress]:
    """For each relationship: how many were asked (not withdrawn) and how many responses the
    group has. Responses are counted from the responses themselves (two queries)."""
    invited = dict(
        request.invitations.exclude(status=FeedbackInvitation.Status.WITHDRAWN)
        .values_list("relationship")
        .annotate(n=Count("pk"))
        .values_list("relationship", "n")
    )
    responded = dict(
        request.responses.values_list("relationship")
        .annotate(n=Count("pk"))
        .values_list("relationship", "n")
    )
    return [
        GroupProgress(g, GROUP_LABELS[g], invited.get(g, 0), responded.get(g, 0))
        for g in GROUP_ORDER
        if invited.get(g) or responded.get(g)
    ]


def report_available(request: FeedbackRequest | None, today: datetime.date | None = None) -> bool:
    """The report opens only once the request is closed, so no answer can arrive after it
    has been read (comparing two readings would give that answer away)."""
    return request is not None and is_closed(request, today)


def invitation_by_token_hash(token_hash: str) -> FeedbackInvitation | None:
    return (
        FeedbackInvitation.objects.select_related(
            "request__appraisal__person",
            "request__appraisal__stage",
            "request__appraisal__cycle__template",
            "request__appraisal__cycle__framework_version",
            "request__appraisal__organisation",
        )
        .filter(token_hash=token_hash)
        .first()
    )


def own_invitation(user, pk: int) -> FeedbackInvitation:
    """An invitation addressed to the user's own person record; Http404 otherwise."""
    person_id = getattr(user, "person_id", None)
    invitation = (
        FeedbackInvitation.objects.select_related(
            "request__appraisal__person",
            "request__appraisal__stage",
            "request__appraisal__cycle__template",
            "request__appraisal__cycle__framework_version",
            "request__appraisal__organisation",
        )
        .filter(pk=pk, rater_id=person_id)
        .first()
        if person_id
        else None
    )
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


def pending_invitations_for(user, today: datetime.date | None = None) -> list[FeedbackInvitation]:
    """The user's invitations still waiting for an answer, on requests still open."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return []
    today = today or timezone.localdate()
    return list(
        FeedbackInvitation.objects.filter(
            rater_id=person_id,
            status=FeedbackInvitation.Status.INVITED,
            request__status=FeedbackRequest.Status.OPEN,
            request__closes_on__gte=today,
        )
        .select_related("request__appraisal__person", "request__appraisal__organisation")
        .order_by("request__closes_on", "pk")
    )


# --- The summary of one request ---------------------------------------------------------------


def feedback_summary(request: FeedbackRequest, item_ids: Sequence[int] | None = None) -> Summary:
    """The anonymous summary of ``request`` (three queries); ``item_ids`` are the
    questionnaire's items (by default every item rated)."""
    responses = list(
        FeedbackResponse.objects.filter(request=request).prefetch_related(
            Prefetch(
                "ratings", queryset=FeedbackRating.objects.only("response_id", "item_id", "value")
            )
        )
    )
    data = [
        ResponseData(r.relationship, {rating.item_id: rating.value for rating in r.ratings.all()})
        for r in responses
    ]
    if item_ids is None:
        item_ids = sorted({i for d in data for i in d.ratings})
    comments: dict[str, list[str]] = {kind: [] for kind, _ in FeedbackComment.Kind.choices}
    for kind, text in FeedbackComment.objects.filter(request=request).values_list("kind", "text"):
        comments.setdefault(kind, []).append(text)
    return summarise(data, item_ids, request.min_group_size, comments)


def self_ratings(appraisal: Appraisal) -> dict[int, RatingLevel]:
    """item pk -> the appraisee's own rating, from their behaviour assessment."""
    rows = BehaviourAssessment.objects.filter(
        appraisal=appraisal, self_rating__isnull=False
    ).select_related("self_rating")
    return {row.item_id: row.self_rating for row in rows}

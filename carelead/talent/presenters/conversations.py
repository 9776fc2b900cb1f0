"""Display values for career conversations: rows for the lists, the detail page's summary,
the Scope for Growth grid with "now" and "wanted" marked in words (never by colour alone),
and the people lead's counts."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import format_html

from carelead.appraisals.models import Appraisal
from carelead.config.jinja2_env import format_date
from carelead.talent.models import (
    AspirationalPlanItem,
    CareerConversation,
    GrowthCategory,
    Pathway,
)
from carelead.talent.presenters.grid import grid_of, level_label
from carelead.talent.presenters.pathways import step_name
from carelead.talent.selectors.conversations import GROWTH_LEVEL, HELD_WITH, INDIVIDUAL
from carelead.talent.services.conversations import PLAN_EDIT_STATUSES, PLAN_STATUS_STATUSES, may

Status = CareerConversation.Status

STATUS_TAGS = {
    Status.PREPARING: "nhsuk-tag--blue",
    Status.HELD: "nhsuk-tag--yellow",
    Status.RECORDED: "nhsuk-tag--green",
    Status.CANCELLED: "nhsuk-tag--grey",
}
ITEM_TAGS = {
    AspirationalPlanItem.Status.PLANNED: "nhsuk-tag--grey",
    AspirationalPlanItem.Status.IN_PROGRESS: "nhsuk-tag--blue",
    AspirationalPlanItem.Status.DONE: "nhsuk-tag--green",
}


def _date(value) -> str:
    return format_date(value) or "Not set"


def status_tag(conversation) -> dict:
    return {
        "text": conversation.get_status_display(),
        "classes": STATUS_TAGS.get(conversation.status, ""),
    }


def my_rows(conversations) -> list[dict]:
    return [
        {
            "href": reverse("talent:conversation_detail", kwargs={"pk": c.pk}),
            "with": f"{c.held_with.full_name} ({c.get_held_with_role_display().lower()})",
            "planned_on": _date(c.planned_on),
            "held_on": _date(c.held_on) if c.held_on else "Not yet",
            "status": status_tag(c),
        }
        for c in conversations
    ]


def held_rows(conversations) -> list[dict]:
    return [
        {
            "href": reverse("talent:conversation_detail", kwargs={"pk": c.pk}),
            "person": c.person.full_name,
            "organisation": c.organisation.name,
            "planned_on": _date(c.planned_on),
            "held_on": _date(c.held_on) if c.held_on else "Not yet",
            "status": status_tag(c),
        }
        for c in conversations
    ]


def aspiration(appraisal: Appraisal | None) -> dict | None:
    """The starting point: the career aspiration from the latest appraisal that had one."""
    if appraisal is None:
        return None
    return {
        "text": appraisal.get_career_aspiration_display(),
        "note": appraisal.career_aspiration_note,
        "source": appraisal.cycle.title,
    }


@dataclass
class Actions:
    reflection: bool
    preparation: bool
    hold: bool
    record: bool
    cancel: bool
    plan_edit: bool
    plan_status: bool


def actions(conversation) -> Actions:
    roles = conversation.viewer_roles
    status = conversation.status
    return Actions(
        reflection=INDIVIDUAL in roles and status in PLAN_EDIT_STATUSES,
        preparation=HELD_WITH in roles and status == Status.PREPARING,
        hold=may("hold", roles, status),
        record=may("record", roles, status),
        cancel=may("cancel", roles, status),
        plan_edit=status in PLAN_EDIT_STATUSES,
        plan_status=status in PLAN_STATUS_STATUSES,
    )


def preparation_visible(conversation) -> bool:
    """The individual sees the other person's notes only once the conversation is held."""
    return HELD_WITH in conversation.viewer_roles or conversation.status in (
        Status.HELD,
        Status.RECORDED,
    )


def position(conversation) -> list[dict] | None:
    """The agreed position as summary rows, in words."""
    if conversation.impact is None:
        return None
    preset = conversation.grid
    return [
        {
            "key": {"text": "Impact"},
            "value": {"text": level_label(preset, "x", conversation.impact)},
        },
        {
            "key": {"text": "Growth now"},
            "value": {"text": _growth(conversation.growth_now)},
        },
        {
            "key": {"text": "Growth wanted"},
            "value": {"text": _growth(conversation.growth_wanted)},
        },
    ]


def _growth(value: str) -> str:
    return GrowthCategory(value).label if value in GrowthCategory.values else "Not said"


def conversation_grid(conversation, preset):
    """The Scope for Growth grid with the cells "now" and "wanted" marked."""
    marks = []
    if conversation.impact and conversation.growth_now:
        marks.append(("Now", (conversation.impact, GROWTH_LEVEL[conversation.growth_now])))
    if conversation.impact and conversation.growth_wanted:
        marks.append(("Wanted", (conversation.impact, GROWTH_LEVEL[conversation.growth_wanted])))
    if not marks:
        return None
    return grid_of(preset, marks, place=lambda mark: mark[1])


def pathway_step_link(step) -> dict:
    """The pathway step a plan step works towards, linked to the step on its pathway page
    (retired pathways are not shown to everyone, so those are named without a link)."""
    if step is None:
        return {"text": "None"}
    text = step_name(step)
    if step.pathway.status != Pathway.Status.PUBLISHED:
        return {"text": f"{text} (pathway no longer published)"}
    href = reverse("talent:pathway", kwargs={"code": step.pathway.code}) + f"#step-{step.order}"
    return {"html": format_html('<a href="{}">{}</a>', href, text)}


def plan_rows(items, conversation) -> list[dict]:
    return [
        {
            "pk": item.pk,
            "description": item.description,
            "category": GrowthCategory(item.category).label.split(":")[0],
            "programme": item.programme.title if item.programme else "None",
            "pathway_step": pathway_step_link(item.pathway_step),
            "due_on": _date(item.due_on) if item.due_on else "No date",
            "status": {
                "text": item.get_status_display(),
                "classes": ITEM_TAGS.get(item.status, ""),
            },
        }
        for item in items
    ]


def count_grid(preset, counts: dict[tuple[int, int], int | None]):
    """A grid whose cells carry a count (None when suppressed) instead of people."""
    grid = grid_of(preset)
    for row in grid.rows:
        for cell in row:
            cell.items = [counts.get((cell.x, cell.y))]
    return grid


def status_rows(counts: dict[str, int]) -> list[list[dict]]:
    return [[{"text": label}, {"text": str(counts[value])}] for value, label in Status.choices]


def coverage_text(covered: int, managers: int) -> str:
    if not managers:
        return "No current staff at management level 1 or above."
    percent = round(100 * covered / managers)
    return f"{percent}% ({covered} of {managers})"

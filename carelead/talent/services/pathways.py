"""Writes for career pathways: loading the shipped pathways from ``talent/data/pathways.json``
and the implementation office publishing or retiring one.

A pathway's status belongs to the implementation office: the loader sets it only when it
creates a pathway, so loading again never republishes one that was retired.
"""

import json
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from carelead.core.services.audit import audit_record, snapshot
from carelead.learning.models import Programme
from carelead.standards import selectors as standards
from carelead.talent.models import Pathway, PathwayStep
from carelead.talent.services.reference import ReferenceDataError

PATHWAYS_FILE = Path(__file__).resolve().parent.parent / "data" / "pathways.json"
#: Who may publish and retire pathways: the implementation office (talent/rules.py).
MANAGE_PATHWAYS = "talent.manage_pathways"

PATHWAY_FIELDS = ("title", "summary", "audience", "source", "sort_order")
STEP_FIELDS = ("title", "description", "job_titles", "management_level", "credential_stage")
MANAGEMENT_LEVELS = range(1, 6)


class PathwayDataError(ReferenceDataError):
    """The pathways file is not as expected; the message says where."""


def _text(value, where: str, name: str, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise PathwayDataError(f"{where}: {name} must be some text")
    return value.strip()


def _clean_step(raw, where: str, stages: dict) -> dict:
    if not isinstance(raw, dict):
        raise PathwayDataError(f"{where}: each step must be an object")
    title = _text(raw.get("title"), where, "title")
    where = f"{where} ({title})"
    titles = raw.get("job_titles")
    if (
        not isinstance(titles, list)
        or not titles
        or not all(isinstance(t, str) and t.strip() for t in titles)
    ):
        raise PathwayDataError(f"{where}: job_titles must be a list of one or more job titles")
    level = raw.get("management_level")
    if level is not None and (isinstance(level, bool) or level not in MANAGEMENT_LEVELS):
        raise PathwayDataError(f"{where}: management_level must be 1 to 5 or null")
    stage_code = raw.get("credential_stage")
    stage = None
    if stage_code:
        stage = stages.get(stage_code)
        if stage is None:
            raise PathwayDataError(
                f"{where}: credential_stage {stage_code!r} is not a stage of the framework "
                f"(one of {', '.join(stages)})"
            )
    programmes = raw.get("programmes", [])
    if not isinstance(programmes, list) or not all(isinstance(p, str) for p in programmes):
        raise PathwayDataError(f"{where}: programmes must be a list of programme codes")
    return {
        "title": title,
        "description": _text(raw.get("description"), where, "description", required=False),
        # Matched case-insensitively against job titles, so kept lower-case and trimmed.
        "job_titles": [t.strip().lower() for t in titles],
        "management_level": level,
        "credential_stage": stage,
        "programmes": programmes,
    }


def _clean(data, stages: dict) -> list[dict]:
    """The file's pathways, checked in full before anything is written."""
    if not isinstance(data, dict) or not isinstance(data.get("pathways"), list):
        raise PathwayDataError("The file needs a list called pathways")
    pathways, seen = [], set()
    for index, raw in enumerate(data["pathways"]):
        where = f"pathways[{index}]"
        if not isinstance(raw, dict):
            raise PathwayDataError(f"{where}: each pathway must be an object")
        code = raw.get("code")
        if not isinstance(code, str) or not code or slugify(code) != code:
            raise PathwayDataError(f"{where}: code must be lower-case letters, digits and dashes")
        where = f"{where} ({code})"
        if code in seen:
            raise PathwayDataError(f"{where}: code is used by an earlier pathway too")
        seen.add(code)
        audience = raw.get("audience")
        if audience not in Pathway.Audience.values:
            raise PathwayDataError(
                f"{where}: audience {audience!r} is not one of {', '.join(Pathway.Audience.values)}"
            )
        status = raw.get("status", Pathway.Status.DRAFT)
        if status not in Pathway.Status.values:
            raise PathwayDataError(f"{where}: status {status!r} is not known")
        steps = raw.get("steps")
        if not isinstance(steps, list) or not steps:
            raise PathwayDataError(f"{where}: steps must be a list of one or more steps")
        pathways.append(
            {
                "code": code,
                "status": status,
                "values": {
                    "title": _text(raw.get("title"), where, "title"),
                    "summary": _text(raw.get("summary"), where, "summary"),
                    "audience": audience,
                    "source": _text(raw.get("source"), where, "source"),
                    "sort_order": index,
                },
                "steps": [
                    _clean_step(step, f"{where} steps[{n}]", stages) for n, step in enumerate(steps)
                ],
            }
        )
    return pathways


def _read(path: Path, framework_slug: str | None = None) -> tuple[dict, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise PathwayDataError(
            f"{path.name} is not valid JSON: line {error.lineno}, column {error.colno}"
        ) from None
    slug = framework_slug or (data.get("framework") if isinstance(data, dict) else None)
    return data, slug or "management-leadership"


def _step_state(step: PathwayStep, programme_ids) -> tuple:
    return (*(snapshot(step, STEP_FIELDS).values()), sorted(programme_ids))


def pathways_load(*, actor=None, path: Path | None = None) -> dict[str, list[str]]:
    """Create or update the pathways from the file (codes by outcome: ``created``,
    ``updated``, ``unchanged``). Stage codes are resolved against the published Management and
    Leadership Framework; programme codes that do not exist here are skipped. The whole file
    is checked first: a bad one raises PathwayDataError saying where, and nothing is written.
    Steps are updated in place by position, so links to them (plan items) survive."""
    data, slug = _read(path or PATHWAYS_FILE)
    version = standards.published_version(slug)
    if version is None:
        raise PathwayDataError(
            f"No version of the framework {slug!r} is published: run `manage.py "
            "load_frameworks` first, then load the talent reference data again."
        )
    stages = {s.code: s for s in standards.stages_of(version)}
    pathways = _clean(data, stages)
    codes = {c for p in pathways for s in p["steps"] for c in s["programmes"]}
    programmes = dict(Programme.objects.filter(code__in=codes).values_list("code", "pk"))
    result: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
    with transaction.atomic():
        existing = {
            p.code: p
            for p in Pathway.objects.filter(code__in=[p["code"] for p in pathways])
            .select_for_update()
            .order_by()
        }
        for item in pathways:
            pathway = existing.get(item["code"])
            if pathway is None:
                pathway = Pathway.objects.create(
                    code=item["code"], status=item["status"], **item["values"]
                )
                outcome = "created"
                before = None
            else:
                before = snapshot(pathway, PATHWAY_FIELDS)
                for name, value in item["values"].items():
                    setattr(pathway, name, value)
                outcome = "updated" if snapshot(pathway, PATHWAY_FIELDS) != before else None
            steps_changed = _steps_write(pathway, item["steps"], programmes)
            if outcome is None and not steps_changed:
                result["unchanged"].append(pathway.code)
                continue
            outcome = outcome or "updated"
            if outcome == "updated":
                pathway.save()
            audit_record(
                actor=actor,
                action=f"pathway_{outcome}",
                obj=pathway,
                before=before,
                after={
                    **snapshot(pathway, PATHWAY_FIELDS),
                    "steps": [s["title"] for s in item["steps"]],
                },
            )
            result[outcome].append(pathway.code)
    return result


def _steps_write(pathway: Pathway, steps: list[dict], programmes: dict[str, int]) -> bool:
    """Make the pathway's steps those given; True when anything changed."""
    current = (
        {s.order: s for s in pathway.steps.prefetch_related("programmes")} if pathway.pk else {}
    )
    changed = False
    for order, data in enumerate(steps, start=1):
        wanted = [programmes[c] for c in data["programmes"] if c in programmes]
        step = current.pop(order, None)
        if step is not None:
            before = _step_state(step, [p.pk for p in step.programmes.all()])
            for name in STEP_FIELDS:
                setattr(step, name, data[name])
            if _step_state(step, wanted) == before:
                continue
            step.save()
        else:
            step = PathwayStep.objects.create(
                pathway=pathway, order=order, **{n: data[n] for n in STEP_FIELDS}
            )
        step.programmes.set(wanted)
        changed = True
    if current:
        PathwayStep.objects.filter(pk__in=[s.pk for s in current.values()]).delete()
        changed = True
    return changed


# --- publishing --------------------------------------------------------------------------


def version_of(pathway: Pathway) -> str:
    """The optimistic-locking token of a pathway, as the form carries it."""
    return str(pathway.version)


STATUS_MESSAGES = {
    Pathway.Status.PUBLISHED: "published",
    Pathway.Status.RETIRED: "retired",
    Pathway.Status.DRAFT: "back in draft",
}


def pathway_status_set(*, actor, pathway: Pathway, status: str, expected_version: str) -> Pathway:
    """Publish, retire or return a pathway to draft. Only the implementation office may;
    ``expected_version`` is ``version_of`` the pathway as the person saw it, so a change
    made meanwhile by someone else is not overwritten."""
    if actor is not None and not actor.has_perm(MANAGE_PATHWAYS):
        raise PermissionDenied("Only the implementation office can publish or retire pathways.")
    if status not in Pathway.Status.values:
        raise ValidationError(
            {"status": "Choose whether the pathway is published, draft or retired"}
        )
    with transaction.atomic():
        pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
        if version_of(pathway) != expected_version:
            raise ValidationError(
                "Someone else changed this pathway while you were looking at it. Check its "
                "status now and try again."
            )
        if pathway.status == status:
            raise ValidationError(
                {"status": f"The pathway is already {pathway.get_status_display().lower()}"}
            )
        before = snapshot(pathway, ("status",))
        pathway.status = status
        pathway.version += 1
        pathway.save(update_fields=["status", "version", "updated_at"])
        audit_record(
            actor=actor,
            action="pathway_status_changed",
            obj=pathway,
            before=before,
            after=snapshot(pathway, ("status",)),
        )
    return pathway

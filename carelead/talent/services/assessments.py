"""Writes for talent assessments: save a draft, propose it for calibration, withdraw it.

A person has at most one open (draft or proposed) assessment; saving again changes that one,
checked against the version the editor started from. Only the person's current line manager,
a people lead of the organisation, or (for an existing one) its assessor may write; the views
have already answered 404 for anyone else, so the PermissionDenied here is a second line.

The rules a proposal must meet are here, so they hold whoever calls: performance is read
from the latest completed appraisal and a different rating needs a note; potential is judged
on evidence against every stated criterion, and the overall potential must agree with the
criteria ratings (high needs at least two criteria strongly shown; low cannot sit over most
criteria strongly shown). Bad input raises ValidationError keyed by the form's field names.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from carelead.core.services.audit import audit_record, snapshot
from carelead.people.models import Employment, Person
from carelead.talent.models import (
    PotentialCriterion,
    PotentialEvidence,
    Readiness,
    TalentAssessment,
)
from carelead.talent.selectors.assessments import (
    EDITORS,
    OPEN,
    assessable_employment,
    assessment_viewer_roles,
    performance_from_appraisals,
)

S = TalentAssessment.Status

FIELDS = (
    "person",
    "employment",
    "organisation",
    "appraisal",
    "performance",
    "performance_note",
    "potential",
    "potential_summary",
    "readiness",
    "assessed_by",
    "assessed_on",
    "status",
)
#: Evidence shorter than this says too little to judge potential on.
MIN_EVIDENCE_WORDS = 5
OUT_OF_DATE = (
    "Someone else changed this assessment while you were editing it. Check the current "
    "version below and make your changes again."
)


def rating_field(criterion: PotentialCriterion) -> str:
    return f"rating_{criterion.code}"


def evidence_field(criterion: PotentialCriterion) -> str:
    return f"evidence_{criterion.code}"


def _snapshot(assessment: TalentAssessment) -> dict:
    data = snapshot(assessment, FIELDS)
    data["evidence"] = {
        e.criterion.code: {"rating": e.rating, "evidence": e.evidence}
        for e in assessment.evidence.select_related("criterion")
    }
    return data


def _check(
    *,
    person_id: int,
    performance,
    performance_note: str,
    potential,
    readiness: str,
    evidence: dict,
    criteria: list[PotentialCriterion],
    proposing: bool,
):
    """Every problem at once, keyed by field, plus the performance reading."""
    errors: dict[str, str] = {}
    reading = performance_from_appraisals([person_id]).get(person_id)
    if performance not in (1, 2, 3):
        errors["performance"] = "Choose low, moderate or high performance"
    elif not performance_note.strip():
        if reading is None or reading.level is None:
            errors["performance_note"] = (
                "Enter what the performance rating is based on: there is no completed "
                "appraisal to read it from"
            )
        elif performance != reading.level:
            errors["performance_note"] = (
                "Enter why performance differs from the rating read from the appraisal"
            )
    if potential not in (1, 2, 3):
        errors["potential"] = "Choose low, moderate or high potential"
    if readiness and readiness not in Readiness.values:
        errors["readiness"] = "Choose how soon they could step up, or leave it blank"
    ratings = {}
    for criterion in criteria:
        rating, text = evidence.get(criterion.code, (None, ""))
        text = (text or "").strip()
        if rating is not None and rating not in (1, 2, 3):
            errors[rating_field(criterion)] = f"Choose a rating for {criterion.title}"
            continue
        if rating is None and (proposing or text):
            errors[rating_field(criterion)] = f"Choose a rating for {criterion.title}"
        if proposing and not text:
            errors[evidence_field(criterion)] = f"Enter the evidence for {criterion.title}"
        elif proposing and len(text.split()) < MIN_EVIDENCE_WORDS:
            errors[evidence_field(criterion)] = (
                f"The evidence for {criterion.title} must say what they did, in at least "
                f"{MIN_EVIDENCE_WORDS} words"
            )
        if rating is not None:
            ratings[criterion.code] = rating
    if proposing and potential in (1, 2, 3) and len(ratings) == len(criteria) and criteria:
        strong = sum(1 for r in ratings.values() if r == 3)
        if potential == 3 and strong < 2:
            errors["potential"] = (
                f"Overall potential is high but only {strong} of {len(criteria)} criteria are "
                "rated strongly shown: high potential needs at least 2. Lower the overall "
                "potential or check the criteria ratings"
            )
        elif potential == 1 and strong > len(criteria) / 2:
            errors["potential"] = (
                f"Overall potential is low but {strong} of {len(criteria)} criteria are rated "
                "strongly shown. Raise the overall potential or check the criteria ratings"
            )
    return errors, reading


def _write(
    *,
    actor,
    status: str,
    employment: Employment | None,
    assessment: TalentAssessment | None,
    performance,
    performance_note: str = "",
    potential,
    potential_summary: str = "",
    readiness: str = "",
    evidence: dict,
    expected_version: int | None,
) -> TalentAssessment:
    if (employment is None) == (assessment is None):
        raise TypeError("Pass the employment for a new assessment or the assessment to change.")
    criteria = list(PotentialCriterion.objects.order_by("sort_order", "code"))
    if not criteria:
        raise ValidationError(
            "The potential criteria are not loaded, so potential cannot be judged. Ask an "
            "administrator to run `manage.py load_talent_reference`."
        )
    with transaction.atomic():
        if assessment is not None:
            assessment = TalentAssessment.objects.select_for_update().get(pk=assessment.pk)
            if actor is not None and not assessment_viewer_roles(actor, assessment) & EDITORS:
                raise PermissionDenied("Only the assessor, line manager or people lead can.")
            if assessment.status not in OPEN:
                raise ValidationError(
                    f"This assessment is {assessment.get_status_display().lower()}, so it can "
                    "no longer be changed."
                )
            if expected_version is not None and expected_version != assessment.version:
                raise ValidationError(OUT_OF_DATE)
            person_id = assessment.person_id
        else:
            person_id = employment.person_id
            if actor is not None:
                try:
                    assessable_employment(actor, person_id)
                except Http404:
                    raise PermissionDenied(
                        "Only their line manager or a people lead can assess this person."
                    ) from None
            # One open assessment per person: hold the person while checking, so two
            # assessors starting at once cannot both create one.
            Person.objects.select_for_update().filter(pk=person_id).first()
            if TalentAssessment.objects.filter(person_id=person_id, status__in=OPEN).exists():
                raise ValidationError(
                    "This person already has an open assessment. Open it from the team or "
                    "organisation page and change that one."
                )
        errors, reading = _check(
            person_id=person_id,
            performance=performance,
            performance_note=performance_note,
            potential=potential,
            readiness=readiness,
            evidence=evidence,
            criteria=criteria,
            proposing=status == S.PROPOSED,
        )
        if errors:
            raise ValidationError(errors)
        values = {
            "appraisal_id": reading.appraisal_id if reading else None,
            "performance": performance,
            "performance_note": performance_note.strip(),
            "potential": potential,
            "potential_summary": potential_summary.strip(),
            "readiness": readiness,
            "assessed_by": actor,
            "assessed_on": timezone.localdate(),
            "status": status,
        }
        if assessment is None:
            assessment = TalentAssessment.objects.create(
                person_id=person_id,
                employment=employment,
                organisation_id=employment.organisation_id,
                **values,
            )
            before = None
        else:
            before = _snapshot(assessment)
            for name, value in values.items():
                setattr(assessment, name, value)
            assessment.version += 1
            assessment.save()
            assessment.evidence.all().delete()
        PotentialEvidence.objects.bulk_create(
            PotentialEvidence(
                assessment=assessment,
                criterion=criterion,
                rating=evidence[criterion.code][0],
                evidence=(evidence[criterion.code][1] or "").strip(),
            )
            for criterion in criteria
            if evidence.get(criterion.code, (None, ""))[0] is not None
        )
        action = "talent_assessment_proposed" if status == S.PROPOSED else "talent_assessment_saved"
        audit_record(
            actor=actor,
            action=action,
            obj=assessment,
            before=before,
            after=_snapshot(assessment),
            organisation_id=assessment.organisation_id,
        )
    return assessment


def assessment_save(
    *,
    actor,
    employment: Employment | None = None,
    assessment: TalentAssessment | None = None,
    performance,
    performance_note: str = "",
    potential,
    potential_summary: str = "",
    readiness: str = "",
    evidence: dict,
    expected_version: int | None = None,
) -> TalentAssessment:
    """Save a draft: a new one for ``employment``'s person, or changes to ``assessment``
    (a proposed one goes back to draft). ``evidence`` maps each criterion code to
    ``(rating or None, text)``; a draft may leave criteria unrated."""
    return _write(
        actor=actor,
        status=S.DRAFT,
        employment=employment,
        assessment=assessment,
        performance=performance,
        performance_note=performance_note,
        potential=potential,
        potential_summary=potential_summary,
        readiness=readiness,
        evidence=evidence,
        expected_version=expected_version,
    )


def assessment_propose(
    *,
    actor,
    employment: Employment | None = None,
    assessment: TalentAssessment | None = None,
    performance,
    performance_note: str = "",
    potential,
    potential_summary: str = "",
    readiness: str = "",
    evidence: dict,
    expected_version: int | None = None,
) -> TalentAssessment:
    """Save and propose for calibration: every criterion rated with evidence, and the overall
    potential in line with the criteria (see the module docstring)."""
    return _write(
        actor=actor,
        status=S.PROPOSED,
        employment=employment,
        assessment=assessment,
        performance=performance,
        performance_note=performance_note,
        potential=potential,
        potential_summary=potential_summary,
        readiness=readiness,
        evidence=evidence,
        expected_version=expected_version,
    )


def assessment_withdraw(
    *,
    actor,
    assessment: TalentAssessment,
    reason: str,
    expected_version: int | None = None,
) -> TalentAssessment:
    """Withdraw an open assessment, with a reason (shown on the assessment). The person can
    then be assessed afresh."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter the reason for withdrawing the assessment"})
    if len(reason) > 500:
        raise ValidationError({"reason": "Reason must be 500 characters or fewer"})
    with transaction.atomic():
        assessment = TalentAssessment.objects.select_for_update().get(pk=assessment.pk)
        if actor is not None and not assessment_viewer_roles(actor, assessment) & EDITORS:
            raise PermissionDenied("Only the assessor, line manager or people lead can.")
        if expected_version is not None and expected_version != assessment.version:
            raise ValidationError(OUT_OF_DATE)
        if assessment.status not in OPEN:
            raise ValidationError(
                f"This assessment is {assessment.get_status_display().lower()}, so it cannot "
                "be withdrawn."
            )
        before = {"status": assessment.status}
        assessment.status = S.WITHDRAWN
        assessment.withdrawn_reason = reason
        assessment.version += 1
        assessment.save(update_fields=["status", "withdrawn_reason", "version", "updated_at"])
        audit_record(
            actor=actor,
            action="talent_assessment_withdrawn",
            obj=assessment,
            before=before,
            after={"status": assessment.status, "reason": reason},
            organisation_id=assessment.organisation_id,
        )
    return assessment

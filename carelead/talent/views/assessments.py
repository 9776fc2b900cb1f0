"""Talent assessment pages: the line manager's team, the people lead's (or regional talent
lead's) organisation list and download, proposing or changing one person's assessment, the
assessment itself, withdrawing it, and the person's own calibrated assessments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from carelead.core.csv import csv_download
from carelead.nhsuk_forms.forms import add_service_errors, error_list
from carelead.talent.forms.assessments import (
    DRAFT,
    PROPOSE,
    AssessmentForm,
    OrganisationFilterForm,
    WithdrawForm,
)
from carelead.talent.models import TalentAssessment
from carelead.talent.presenters import assessments as presenters
from carelead.talent.selectors import assessments as selectors
from carelead.talent.services import assessments as services


@permission_required("talent.manage_team", raise_exception=True)
def team(request):
    reports = selectors.team_reports(request.user)
    readings = selectors.performance_from_appraisals(e.person_id for e in reports)
    grid = selectors.default_grid()
    return render(
        request,
        "talent/assessments/team.jinja",
        {
            "page_title": "Talent assessments for your team",
            "rows": presenters.team_rows(reports, readings, grid),
            "grid": grid,
        },
    )


def _organisation_context(request):
    organisations = list(selectors.review_organisations(request.user))
    if not organisations:
        raise PermissionDenied("Only people leads and regional talent leads review these.")
    organisation = selectors.review_organisation(request.user, request.GET.get("organisation"))
    status = request.GET.get("status", "")
    if status not in TalentAssessment.Status.values:
        status = ""
    return organisations, organisation, status


@permission_required("talent.assess", raise_exception=True)
def organisation(request):
    organisations, chosen, status = _organisation_context(request)
    grid = selectors.default_grid()
    form = OrganisationFilterForm(
        initial={"organisation": chosen.ods_code if chosen else "", "status": status},
        organisations=organisations,
    )
    context = {
        "page_title": "Talent assessments",
        "organisation": chosen,
        "form": form,
        "show_organisation_choice": len(organisations) > 1,
        "grid": grid,
    }
    if chosen is not None:
        assessments = selectors.organisation_assessments(
            request.user, chosen, status=status or None
        )
        counts = selectors.status_counts(chosen)
        context.update(
            page_title=f"Talent assessments at {chosen.name}",
            rows=presenters.organisation_rows(assessments, grid),
            counts=[
                {"key": {"text": label}, "value": {"text": str(counts.get(value, 0))}}
                for value, label in TalentAssessment.Status.choices
            ],
            status_label=TalentAssessment.Status(status).label if status else "",
            csv_query=request.GET.urlencode(),
        )
    return render(request, "talent/assessments/organisation.jinja", context)


@permission_required("talent.assess", raise_exception=True)
def organisation_csv(request):
    _, chosen, status = _organisation_context(request)
    if chosen is None:
        return redirect("talent:assessments_organisation")
    grid = selectors.default_grid()
    assessments = selectors.organisation_assessments(request.user, chosen, status=status or None)
    filename = f"talent-assessments-{chosen.ods_code}-{timezone.localdate():%Y-%m-%d}.csv"
    return csv_download(presenters.csv_rows(assessments, grid), filename)


@permission_required("talent.assess", raise_exception=True)
@require_http_methods(["GET", "POST"])
def assessment_create(request, person_id):
    employment = selectors.assessable_employment(request.user, person_id)
    existing = selectors.open_assessment(person_id)
    reading = selectors.performance_from_appraisals([person_id]).get(person_id)
    criteria = selectors.potential_criteria()
    grid = selectors.default_grid()
    form = AssessmentForm(
        request.POST or None,
        criteria=criteria,
        grid=grid,
        reading=reading,
        editing=existing is not None,
        initial=AssessmentForm.initial_for(existing, reading),
    )
    if request.method == "POST" and form.is_valid():
        write = (
            services.assessment_propose
            if request.POST.get("action") == PROPOSE
            else services.assessment_save
        )
        target = {"assessment": existing} if existing else {"employment": employment}
        try:
            assessment = write(actor=request.user, **target, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if assessment.status == TalentAssessment.Status.PROPOSED:
                text = f"The assessment of {employment.person} is proposed for calibration."
            else:
                text = f"The assessment of {employment.person} is saved as a draft."
            messages.success(request, text)
            return redirect("talent:assessment", pk=assessment.pk)
    manages = employment.line_manager and employment.line_manager.person_id == getattr(
        request.user, "person_id", None
    )
    back_href = (
        reverse("talent:assessments_team")
        if manages
        else reverse("talent:assessments_organisation")
        + f"?organisation={employment.organisation.ods_code}"
    )
    return render(
        request,
        "talent/assessments/assess.jinja",
        {
            "page_title": f"Assess {employment.person}",
            "employment": employment,
            "existing": existing,
            "back_href": back_href,
            "form": form,
            "form_errors": error_list(form),
            "grid": grid,
            "draft": DRAFT,
            "propose": PROPOSE,
        },
    )


@login_required
def assessment_detail(request, pk):
    assessment = selectors.assessment_for_viewer(request.user, pk)
    grid = selectors.default_grid()
    can_edit = (
        bool(assessment.viewer_roles & selectors.EDITORS) and assessment.status in selectors.OPEN
    )
    return render(
        request,
        "talent/assessments/detail.jinja",
        {
            "page_title": f"Talent assessment for {assessment.person}",
            "assessment": assessment,
            "summary_rows": presenters.summary_rows(
                grid, assessment, presenters.reading_text(assessment)
            ),
            "evidence": list(assessment.evidence.all()),
            "rating_names": ("Not yet shown", "Shown", "Strongly shown"),
            "grid": presenters.assessment_grid(grid, assessment),
            "preset": grid,
            "status_tag": presenters.status_tag(assessment),
            "can_edit": can_edit,
            "is_own": "self" in assessment.viewer_roles,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_withdraw(request, pk):
    assessment = selectors.assessment_for_viewer(request.user, pk, roles=selectors.EDITORS)
    if assessment.status not in selectors.OPEN:
        return redirect("talent:assessment", pk=assessment.pk)
    form = WithdrawForm(request.POST or None, initial={"version": assessment.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_withdraw(
                actor=request.user,
                assessment=assessment,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The assessment of {assessment.person} is withdrawn.")
            return redirect("talent:assessment", pk=assessment.pk)
    return render(
        request,
        "talent/assessments/withdraw.jinja",
        {
            "page_title": f"Withdraw the assessment of {assessment.person}",
            "assessment": assessment,
            "form": form,
            "form_errors": error_list(form),
        },
    )


@permission_required("talent.view_own", raise_exception=True)
def mine(request):
    grid = selectors.default_grid()
    assessments = list(selectors.own_assessments(request.user))
    return render(
        request,
        "talent/assessments/mine.jinja",
        {
            "page_title": "Your talent assessments",
            "rows": [
                {
                    "href": presenters.assessment_href(a),
                    "assessed_on": a.assessed_on,
                    "placement": presenters.calibrated_placement(grid, a) or "",
                    "organisation": a.organisation.name,
                }
                for a in assessments
            ],
            "preset": grid,
        },
    )

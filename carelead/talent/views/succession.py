"""Critical roles and succession plans, for people leads (their organisation) and regional
talent leads (their region), and the regional risk map.

Succession slates are confidential: no page shows a person that they are a candidate.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from carelead.nhsuk_forms.forms import add_service_errors, error_list
from carelead.talent.forms.succession import (
    CandidateAddForm,
    CandidateEditForm,
    CandidateRemoveForm,
    CriticalRoleEditForm,
    CriticalRoleForm,
    OrganisationChoiceForm,
    RetireForm,
    SuggestForm,
)
from carelead.talent.presenters import succession as presenters
from carelead.talent.selectors import succession as selectors
from carelead.talent.services import succession as services

PERM = "talent.manage_succession"


@permission_required(PERM, raise_exception=True)
def role_list(request):
    ods = request.GET.get("organisation")
    organisation = selectors.manageable_organisation(request.user, ods) if ods else None
    include_retired = request.GET.get("retired") == "1"
    roles = selectors.roles_for_user(
        request.user, organisation=organisation, include_retired=include_retired
    )
    title = f"Critical roles at {organisation.name}" if organisation else "Critical roles"
    query = f"?organisation={organisation.ods_code}" if organisation else ""
    create_href = reverse("talent:critical_role_create") + query
    return render(
        request,
        "talent/succession/role_list.jinja",
        {
            "page_title": title,
            "organisation": organisation,
            "rows": presenters.role_rows(roles),
            "include_retired": include_retired,
            "can_create": bool(selectors.manageable_organisations(request.user)),
            "create_href": create_href,
            "suggest_href": reverse("talent:critical_role_suggest") + query,
        },
    )


def _chosen_ods(request, organisations) -> str | None:
    ods = request.POST.get("organisation") or request.GET.get("organisation")
    if not ods and len(organisations) == 1:
        ods = organisations[0].ods_code
    return ods


def _choose_organisation(request, organisations, title):
    # Without JavaScript what a page offers depends on the organisation, so it is chosen
    # first on its own.
    return render(
        request,
        "talent/succession/choose_organisation.jinja",
        {
            "page_title": title,
            "choice": OrganisationChoiceForm(organisations=organisations)
            if organisations
            else None,
        },
    )


@permission_required(PERM, raise_exception=True)
@require_http_methods(["GET", "POST"])
def role_create(request):
    organisations = selectors.manageable_organisations(request.user)
    ods = _chosen_ods(request, organisations)
    if not ods:
        return _choose_organisation(
            request, organisations, "Which organisation is the critical role at?"
        )
    organisation = selectors.manageable_organisation(request.user, ods)
    form = CriticalRoleForm(
        request.POST or None,
        organisation=organisation,
        incumbents=selectors.incumbent_choices(organisation),
        stages=selectors.framework_stages(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            role = services.critical_role_create(
                actor=request.user, organisation=organisation, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{role.title} is recorded as a critical role.")
            return redirect("talent:critical_role", pk=role.pk)
    return render(
        request,
        "talent/succession/role_form.jinja",
        {
            "page_title": f"Record a critical role at {organisation.name}",
            "organisation": organisation,
            "form": form,
            "form_errors": error_list(form),
            "submit": "Record the role",
            "back_href": reverse("talent:succession"),
        },
    )


@permission_required(PERM, raise_exception=True)
@require_http_methods(["GET", "POST"])
def role_suggest(request):
    organisations = selectors.manageable_organisations(request.user)
    ods = _chosen_ods(request, organisations)
    if not ods:
        return _choose_organisation(
            request, organisations, "Which organisation should we suggest critical roles for?"
        )
    organisation = selectors.manageable_organisation(request.user, ods)
    posts = selectors.suggested_posts(organisation)
    form = SuggestForm(request.POST or None, posts=posts)
    if request.method == "POST" and form.is_valid():
        try:
            roles = services.critical_role_create_from_posts(
                actor=request.user, organisation=organisation, employments=form.chosen()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = len(roles)
            messages.success(
                request,
                f"{count} critical role{'' if count == 1 else 's'} recorded at "
                f"{organisation.name}.",
            )
            return redirect(reverse("talent:succession") + f"?organisation={organisation.ods_code}")
    return render(
        request,
        "talent/succession/role_suggest.jinja",
        {
            "page_title": f"Suggested critical roles at {organisation.name}",
            "organisation": organisation,
            "form": form if posts else None,
            "form_errors": error_list(form),
        },
    )


@permission_required(PERM, raise_exception=True)
def role_detail(request, pk):
    role = selectors.role_for_user(request.user, pk)
    candidates = selectors.role_candidates(role)
    return render(
        request,
        "talent/succession/role_detail.jinja",
        {
            "page_title": role.title + f" at {role.organisation.name}",
            "role": role,
            "summary": presenters.role_summary(role),
            "candidates": presenters.candidate_rows(candidates, editable=role.is_active),
            "warnings": presenters.plan_warnings(role, candidates),
            "add_form": CandidateAddForm() if role.is_active else None,
        },
    )


@permission_required(PERM, raise_exception=True)
@require_http_methods(["GET", "POST"])
def role_edit(request, pk):
    role = selectors.role_for_user(request.user, pk)
    if not role.is_active:
        messages.info(request, "This role has been retired, so it cannot be changed.")
        return redirect("talent:critical_role", pk=role.pk)
    form = CriticalRoleEditForm(
        request.POST or None,
        role=role,
        organisation=role.organisation,
        incumbents=selectors.incumbent_choices(role.organisation),
        stages=selectors.framework_stages(),
        initial=CriticalRoleForm.initial_for(role),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.critical_role_update(actor=request.user, role=role, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['title']} has been updated.")
            return redirect("talent:critical_role", pk=role.pk)
    return render(
        request,
        "talent/succession/role_form.jinja",
        {
            "page_title": f"Change {role.title} at {role.organisation.name}",
            "organisation": role.organisation,
            "role": role,
            "form": form,
            "form_errors": error_list(form),
            "submit": "Save changes",
            "back_href": reverse("talent:critical_role", kwargs={"pk": role.pk}),
        },
    )


@permission_required(PERM, raise_exception=True)
@require_http_methods(["GET", "POST"])
def role_retire(request, pk):
    role = selectors.role_for_user(request.user, pk)
    if not role.is_active:
        messages.info(request, "This role has already been retired.")
        return redirect("talent:critical_role", pk=role.pk)
    form = RetireForm(request.POST or None, initial={"version": role.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.critical_role_retire(
                actor=request.user,
                role=role,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{role.title} is no longer a critical role.")
            return redirect(
                reverse("talent:succession") + f"?organisation={role.organisation.ods_code}"
            )
    return render(
        request,
        "talent/succession/role_retire.jinja",
        {
            "page_title": f"Retire {role.title} at {role.organisation.name}",
            "role": role,
            "form": form,
            "form_errors": error_list(form),
        },
    )


@permission_required(PERM, raise_exception=True)
@require_http_methods(["GET", "POST"])
def candidate_add(request, pk):
    role = selectors.role_for_user(request.user, pk)
    if not role.is_active:
        return redirect("talent:critical_role", pk=role.pk)
    form = CandidateAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            candidate = services.succession_candidate_add(
                actor=request.user, role=role, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{candidate.person} is on the plan for {role.title}.")
            return redirect("talent:critical_role", pk=role.pk)
    return render(
        request,
        "talent/succession/candidate_add.jinja",
        {
            "page_title": f"Add a candidate for {role.title}",
            "role": role,
            "form": form,
            "form_errors": error_list(form),
        },
    )


@permission_required(PERM, raise_exception=True)
@require_http_methods(["GET", "POST"])
def candidate_edit(request, pk):
    candidate = selectors.candidate_for_user(request.user, pk)
    role = candidate.role
    initial = {
        "readiness": candidate.readiness,
        "is_emergency_cover": candidate.is_emergency_cover,
        "note": candidate.note,
        "version": candidate.version,
    }
    form = CandidateEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.succession_candidate_update(
                actor=request.user, candidate=candidate, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{candidate.person}'s place on the plan is updated.")
            return redirect("talent:critical_role", pk=role.pk)
    return render(
        request,
        "talent/succession/candidate_edit.jinja",
        {
            "page_title": f"Change {candidate.person} on the plan for {role.title}",
            "candidate": candidate,
            "role": role,
            "form": form,
            "form_errors": error_list(form),
        },
    )


@permission_required(PERM, raise_exception=True)
@require_http_methods(["GET", "POST"])
def candidate_remove(request, pk):
    candidate = selectors.candidate_for_user(request.user, pk)
    role = candidate.role
    form = CandidateRemoveForm(request.POST or None, initial={"version": candidate.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.succession_candidate_remove(
                actor=request.user,
                candidate=candidate,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{candidate.person} is no longer on the plan.")
            return redirect("talent:critical_role", pk=role.pk)
    return render(
        request,
        "talent/succession/candidate_remove.jinja",
        {
            "page_title": f"Remove {candidate.person} from the plan for {role.title}",
            "candidate": candidate,
            "role": role,
            "form": form,
            "form_errors": error_list(form),
        },
    )


@permission_required(PERM, raise_exception=True)
def risk_map(request):
    rows = selectors.risk_map(request.user)
    groups = selectors.risk_by_icb(rows)
    return render(
        request,
        "talent/succession/risk_map.jinja",
        {
            "page_title": "Succession risk by organisation",
            "groups": [
                {"name": g.name, "rows": [presenters.risk_row(r) for r in g.rows]} for g in groups
            ],
            "riskiest": [presenters.risk_row(r) for r in selectors.riskiest(rows)],
            "rules": presenters.RISK_RULES,
        },
    )


@permission_required(PERM, raise_exception=True)
def risk_map_csv(request):
    groups = selectors.risk_by_icb(selectors.risk_map(request.user))
    response = HttpResponse(presenters.risk_csv(groups), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="succession-risk.csv"'
    return response

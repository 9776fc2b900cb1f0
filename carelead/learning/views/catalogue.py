"""Catalogue pages: programmes to browse and enrol on, the accreditation register, and a
training provider's cohorts. Views parse input, call selectors and services, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from carelead.learning.forms.catalogue import (
    AccreditationChangeForm,
    AccreditationForm,
    CohortForm,
    EnrolForm,
    ProgrammeFilterForm,
)
from carelead.learning.models import Enrolment, Programme
from carelead.learning.presenters.catalogue import (
    AccreditationPresenter,
    CohortPresenter,
    ProgrammePresenter,
    register_rows,
    roster_rows,
)
from carelead.learning.selectors import catalogue as selectors
from carelead.learning.selectors.accreditation import enrolment_block_reason
from carelead.learning.services import catalogue as services
from carelead.learning.services.enrolments import enrolment_create
from carelead.nhsuk_forms.forms import add_service_errors, error_list
from carelead.organisations.selectors import regions

ROSTER_PAGE_SIZE = 50


def _posted(request):
    # An empty POST is still a submission: bind it so missing answers are reported.
    return request.POST if request.method == "POST" else None


def _errors(form) -> list[dict]:
    return error_list(form) if form is not None and form.is_bound else []


# Programmes -------------------------------------------------------------------------------


def _apply_href(programme) -> str | None:
    if programme.kind != Programme.Kind.MID_CAREER:
        return None
    return reverse("learning:mid_career_apply")


def programme_list(request):
    form = ProgrammeFilterForm(request.GET or None)
    filters = form.filters()
    programmes = [
        ProgrammePresenter(p) for p in selectors.programmes_to_browse(request.user, **filters)
    ]
    return render(
        request,
        "learning/catalogue/programme_list.jinja",
        {
            "page_title": "Programmes",
            "form": form,
            "programmes": programmes,
            "filtered": bool(filters.get("kind")),
        },
    )


@require_http_methods(["GET", "POST"])
def programme_detail(request, code):
    programme = selectors.programme_for_viewer(request.user, code)
    presenter = ProgrammePresenter(programme)
    block_reason = enrolment_block_reason(programme)
    enrolment = selectors.own_enrolment(request.user, programme)
    may_enrol = (
        block_reason is None
        and programme.kind == Programme.Kind.DEVELOPMENT_BUNDLE
        and bool(request.user.person_id)
        and enrolment is None
    )
    form = None
    if may_enrol:
        cohorts = presenter.cohorts_with_places()
        if cohorts:
            form = EnrolForm(_posted(request), cohorts=cohorts)
    if request.method == "POST":
        if form is None:
            # The page offers no enrolment form here, and says why.
            raise PermissionDenied
        if form.is_valid():
            try:
                enrolment_create(
                    actor=request.user,
                    person=request.user.person,
                    programme=programme,
                    source=Enrolment.Source.SELF,
                    cohort=form.chosen_cohort(),
                    employment=selectors.own_current_employment(request.user),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"You are enrolled on {programme.title}.")
                return redirect("learning:programme_detail", code=programme.code)
    return render(
        request,
        "learning/catalogue/programme_detail.jinja",
        {
            "page_title": programme.title,
            "programme": presenter,
            "kind": programme.kind,
            "kinds": Programme.Kind,
            "block_reason": block_reason,
            "enrolment": enrolment,
            "enrolment_cohort": CohortPresenter(enrolment.cohort)
            if enrolment and enrolment.cohort_id
            else None,
            "may_enrol": may_enrol,
            "apply_href": _apply_href(programme),
            "has_person": bool(request.user.person_id),
            "form": form,
            "form_errors": _errors(form),
        },
    )


# Accreditation ----------------------------------------------------------------------------


@permission_required("learning.manage_accreditation", raise_exception=True)
def accreditation_list(request):
    return render(
        request,
        "learning/catalogue/accreditation_list.jinja",
        {
            "page_title": "Accreditation of training providers",
            "rows": register_rows(selectors.accreditation_register()),
        },
    )


@permission_required("learning.manage_accreditation", raise_exception=True)
@require_http_methods(["GET", "POST"])
def accreditation_create(request):
    form = AccreditationForm(_posted(request), providers=selectors.training_providers())
    if request.method == "POST" and form.is_valid():
        try:
            accreditation = services.accreditation_record(
                actor=request.user, **form.service_arguments()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Accreditation recorded for {accreditation.provider.name}.")
            return redirect("learning:accreditation_list")
    return render(
        request,
        "learning/catalogue/accreditation_form.jinja",
        {"page_title": "Record an accreditation", "form": form, "form_errors": _errors(form)},
    )


@permission_required("learning.manage_accreditation", raise_exception=True)
@require_http_methods(["GET", "POST"])
def accreditation_change(request, pk):
    accreditation = selectors.accreditation_get(pk)
    if request.method == "POST":
        form = AccreditationChangeForm(request.POST)
        if form.is_valid():
            try:
                services.accreditation_status_change(
                    actor=request.user,
                    accreditation=accreditation,
                    status=form.cleaned_data["status"],
                    reason=form.cleaned_data["reason"],
                    expected_version=form.cleaned_data["version"],
                    valid_from=form.cleaned_data["valid_from"],
                    valid_to=form.cleaned_data["valid_to"],
                )
            except services.AccreditationConflict as conflict:
                # Keep what the user entered, but let a second save apply on top of the
                # newer version now that they have been told.
                accreditation = conflict.accreditation
                data = request.POST.copy()
                data["version"] = str(accreditation.version)
                form = AccreditationChangeForm(data)
                form.is_valid()
                form.add_error(None, conflict.messages)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, f"Accreditation of {accreditation.provider.name} changed."
                )
                return redirect("learning:accreditation_list")
    else:
        form = AccreditationChangeForm(
            initial={"version": accreditation.version, "status": accreditation.status}
        )
    return render(
        request,
        "learning/catalogue/accreditation_change.jinja",
        {
            "page_title": f"Change the accreditation of {accreditation.provider.name}",
            "accreditation": AccreditationPresenter(accreditation),
            "form": form,
            "form_errors": _errors(form),
        },
    )


# Provider cohorts -------------------------------------------------------------------------


@permission_required("learning.manage_provision", raise_exception=True)
def provider_cohorts(request):
    providers = list(selectors.provider_organisations(request.user).order_by("name"))
    return render(
        request,
        "learning/catalogue/provider_cohorts.jinja",
        {
            "page_title": "Your programmes and cohorts",
            "providers": providers,
            "programmes": [ProgrammePresenter(p) for p in selectors.own_programmes(request.user)],
            "cohorts": [CohortPresenter(c) for c in selectors.cohorts_for_provider(request.user)],
        },
    )


def _cohort_form(request, *, cohort=None):
    providers = list(selectors.provider_organisations(request.user).order_by("name"))
    if not providers:
        raise Http404("You do not act for a training provider.")
    initial = None
    if cohort is not None:
        if cohort.provider not in providers:
            providers.append(cohort.provider)
        initial = {
            "provider": str(cohort.provider_id),
            "region": str(cohort.region_id) if cohort.region_id else "",
            "starts_on": cohort.starts_on,
            "ends_on": cohort.ends_on,
            "places": cohort.places,
            "is_online": cohort.is_online,
            "location": cohort.location,
        }
    return CohortForm(
        _posted(request),
        initial=initial,
        programmes=selectors.programmes_for_cohorts(request.user) if cohort is None else [],
        providers=providers,
        regions=regions(),
        editing=cohort is not None,
    )


@permission_required("learning.manage_provision", raise_exception=True)
@require_http_methods(["GET", "POST"])
def cohort_create(request):
    form = _cohort_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_create(actor=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Cohort {cohort.code} added.")
            return redirect("learning:provider_cohort_detail", pk=cohort.pk)
    return render(
        request,
        "learning/catalogue/cohort_form.jinja",
        {
            "page_title": "Add a cohort",
            "form": form,
            "form_errors": _errors(form),
            "editing": False,
        },
    )


@permission_required("learning.manage_provision", raise_exception=True)
@require_http_methods(["GET", "POST"])
def cohort_edit(request, pk):
    cohort = selectors.cohort_for_provider(request.user, pk)
    form = _cohort_form(request, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            services.cohort_update(actor=request.user, cohort=cohort, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Cohort {cohort.code} saved.")
            return redirect("learning:provider_cohort_detail", pk=cohort.pk)
    return render(
        request,
        "learning/catalogue/cohort_form.jinja",
        {
            "page_title": f"Change cohort {cohort.code}",
            "form": form,
            "form_errors": _errors(form),
            "editing": True,
            "cohort": CohortPresenter(cohort),
        },
    )


@permission_required("learning.manage_provision", raise_exception=True)
def provider_cohort_detail(request, pk):
    cohort = selectors.cohort_for_provider(request.user, pk)
    page = Paginator(selectors.cohort_roster(cohort), ROSTER_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "learning/catalogue/provider_cohort_detail.jinja",
        {
            "page_title": f"Cohort {cohort.code}",
            "cohort": CohortPresenter(cohort),
            "page": page,
            "rows": roster_rows(page.object_list),
        },
    )

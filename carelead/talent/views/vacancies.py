"""The senior vacancy register (people leads for their organisation, regional talent leads
across their region), a vacancy's page, flagging challenged vacancies, and the region's
incentive packages."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from carelead.core.csv import csv_download
from carelead.nhsuk_forms.forms import add_service_errors, error_list
from carelead.talent.forms.vacancies import (
    PackageForm,
    ReasonForm,
    RegisterFilterForm,
    VacancyForm,
    VacancyPackageForm,
)
from carelead.talent.models import Vacancy
from carelead.talent.presenters import vacancies as presenters
from carelead.talent.selectors import vacancies as selectors
from carelead.talent.selectors.access import regions_led
from carelead.talent.services import vacancies as services

PAGE_SIZE = 50


def _context(form, **values) -> dict:
    return {"form": form, "form_errors": error_list(form), **values}


def _filtered_register(request):
    """The register's filter form and the vacancies it selects, for the page and the CSV."""
    organisations = list(selectors.register_organisations(request.user))
    form = RegisterFilterForm(request.GET or None, organisations=organisations)
    return organisations, form, selectors.vacancies_for(request.user, **form.filters())


@permission_required("talent.manage_vacancies", raise_exception=True)
def register(request):
    organisations, form, vacancies = _filtered_register(request)
    page = Paginator(vacancies, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "talent/vacancies/register.jinja",
        {
            "page_title": "Senior vacancy register",
            "filter_form": form,
            "page": page,
            "rows": presenters.vacancy_rows(page.object_list),
            "can_create": bool(selectors.managed_organisations(request.user)),
            "leads_region": regions_led(request.user).exists(),
            "has_scope": bool(organisations),
            "csv_query": _without_page(request.GET),
            "form_errors": error_list(form),
        },
    )


def _without_page(query) -> str:
    query = query.copy()
    query.pop("page", None)
    return query.urlencode()


@permission_required("talent.manage_vacancies", raise_exception=True)
def register_csv(request):
    """The register with the page's filters, every page of it. Bad filters are ignored, as
    on the page."""
    _, _, vacancies = _filtered_register(request)
    return csv_download(
        presenters.register_csv_rows(vacancies),
        f"senior-vacancies-{timezone.localdate():%Y-%m-%d}.csv",
    )


def _vacancy_form(request, vacancy=None, organisations=None):
    organisation = vacancy.organisation if vacancy else None
    orgs = organisations if organisations is not None else [organisation]
    roles = [r for o in orgs for r in selectors.critical_roles(o)]
    initial = {}
    if vacancy is not None:
        initial = {
            "version": vacancy.version,
            "title": vacancy.title,
            "description": vacancy.description,
            "critical_role": str(vacancy.critical_role_id or ""),
            "management_level": str(vacancy.management_level or ""),
            "stage": str(vacancy.stage_id or ""),
            "opened_on": vacancy.opened_on,
            "closes_on": vacancy.closes_on,
        }
    else:
        initial = {"opened_on": timezone.localdate()}
    return VacancyForm(
        request.POST or None,
        organisations=orgs,
        roles=roles,
        stages=selectors.framework_stages(),
        vacancy=vacancy,
        initial=initial,
    )


@permission_required("talent.manage_vacancies", raise_exception=True)
@require_http_methods(["GET", "POST"])
def vacancy_create(request):
    organisations = selectors.managed_organisations(request.user)
    if not organisations:
        raise Http404("You are not the people lead of any organisation.")
    form = _vacancy_form(request, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_create(actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{vacancy.reference} {vacancy.title} is on the register.")
            return redirect("talent:vacancy", pk=vacancy.pk)
    return render(
        request,
        "talent/vacancies/vacancy_form.jinja",
        _context(form, page_title="Add a senior vacancy", vacancy=None),
    )


@permission_required("talent.manage_vacancies", raise_exception=True)
@require_http_methods(["GET", "POST"])
def vacancy_edit(request, pk):
    vacancy = selectors.vacancy_for_manager(request.user, pk)
    form = _vacancy_form(request, vacancy=vacancy)
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_update(
                actor=request.user,
                vacancy=vacancy,
                expected_version=form.cleaned_data["version"],
                **form.service_kwargs(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{vacancy.reference} has been updated.")
            return redirect("talent:vacancy", pk=vacancy.pk)
    return render(
        request,
        "talent/vacancies/vacancy_form.jinja",
        _context(form, page_title=f"Change {vacancy.reference} {vacancy.title}", vacancy=vacancy),
    )


def _matching_href(vacancy) -> str | None:
    if not (
        vacancy.leads_region and vacancy.is_challenged and vacancy.status == Vacancy.Status.OPEN
    ):
        return None
    return reverse("talent:matching", kwargs={"pk": vacancy.pk})


@permission_required("talent.manage_vacancies", raise_exception=True)
def vacancy_detail(request, pk):
    vacancy = selectors.vacancy_for_viewer(request.user, pk)
    placement = selectors.placement_of(vacancy)
    placement_rows = None
    if placement is not None:
        placement.vacancy = vacancy
        placement_rows = presenters.placement_rows(
            placement,
            selectors.placement_outcome(placement),
            selectors.segment_at_start(placement),
            vacancy.segment_now,
        )
    is_open = vacancy.status == Vacancy.Status.OPEN
    return render(
        request,
        "talent/vacancies/vacancy_detail.jinja",
        {
            "page_title": f"{vacancy.reference} {vacancy.title}",
            "vacancy": vacancy,
            "summary": presenters.vacancy_summary(vacancy),
            "package_lines": presenters.package_lines(vacancy.package) if vacancy.package else [],
            "placement_rows": placement_rows,
            "can_manage": vacancy.can_manage and is_open,
            "can_set_package": vacancy.leads_region and is_open and vacancy.is_challenged,
            "matching_href": _matching_href(vacancy),
        },
    )


@permission_required("talent.manage_vacancies", raise_exception=True)
@require_http_methods(["GET", "POST"])
def vacancy_withdraw(request, pk):
    vacancy = selectors.vacancy_for_manager(request.user, pk)
    form = ReasonForm(
        request.POST or None,
        label="Why is the vacancy being withdrawn?",
        required_message="Enter the reason the vacancy is withdrawn",
        initial={"version": vacancy.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_withdraw(
                actor=request.user,
                vacancy=vacancy,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{vacancy.reference} has been withdrawn.")
            return redirect("talent:vacancy", pk=vacancy.pk)
    return render(
        request,
        "talent/vacancies/vacancy_withdraw.jinja",
        _context(form, page_title=f"Withdraw {vacancy.reference}", vacancy=vacancy),
    )


@permission_required("talent.manage_vacancies", raise_exception=True)
@require_http_methods(["GET", "POST"])
def vacancy_flag(request, pk):
    """Flag as challenged (no reason needed; the segment is the reason) or remove the flag
    (with a reason)."""
    vacancy = selectors.vacancy_for_manager(request.user, pk)
    segment = selectors.segment_today(vacancy.organisation)
    refusal = services.challenge_refusal(vacancy.organisation, segment)
    form = ReasonForm(
        request.POST or None,
        label="Why is the challenged flag being removed?",
        required_message="Enter the reason the challenged flag is removed",
        initial={"version": vacancy.version},
    )
    if not vacancy.is_challenged:
        form.fields["reason"].required = False
    if request.method == "POST" and form.is_valid():
        try:
            if vacancy.is_challenged:
                services.vacancy_unflag(
                    actor=request.user,
                    vacancy=vacancy,
                    reason=form.cleaned_data["reason"],
                    expected_version=form.cleaned_data["version"],
                )
                text = f"{vacancy.reference} is no longer flagged as challenged."
            else:
                services.vacancy_flag(
                    actor=request.user,
                    vacancy=vacancy,
                    expected_version=form.cleaned_data["version"],
                )
                text = f"{vacancy.reference} is flagged as challenged."
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, text)
            return redirect("talent:vacancy", pk=vacancy.pk)
    return render(
        request,
        "talent/vacancies/vacancy_flag.jinja",
        _context(
            form,
            page_title=(
                f"Remove the challenged flag from {vacancy.reference}"
                if vacancy.is_challenged
                else f"Flag {vacancy.reference} as challenged"
            ),
            vacancy=vacancy,
            segment=segment,
            refusal=None if vacancy.is_challenged else refusal,
        ),
    )


@permission_required("talent.manage_incentives", raise_exception=True)
@require_http_methods(["GET", "POST"])
def vacancy_package(request, pk):
    vacancy = selectors.vacancy_for_region_lead(request.user, pk)
    packages = selectors.packages_to_attach(vacancy)
    form = VacancyPackageForm(
        request.POST or None,
        packages=packages,
        initial={"version": vacancy.version, "package": str(vacancy.package_id or "")},
    )
    if request.method == "POST" and form.is_valid():
        package = form.packages.get(form.cleaned_data["package"] or "")
        try:
            services.vacancy_package_set(
                actor=request.user,
                vacancy=vacancy,
                package=package,
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            text = (
                f"{package.title} is attached to {vacancy.reference}."
                if package
                else f"{vacancy.reference} has no package now."
            )
            messages.success(request, text)
            return redirect("talent:vacancy", pk=vacancy.pk)
    return render(
        request,
        "talent/vacancies/vacancy_package.jinja",
        _context(
            form,
            page_title=f"Incentive package for {vacancy.reference}",
            vacancy=vacancy,
            packages=packages,
        ),
    )


# --- Packages --------------------------------------------------------------------------------


@permission_required("talent.manage_incentives", raise_exception=True)
def package_list(request):
    packages = selectors.packages_for(request.user)
    return render(
        request,
        "talent/vacancies/packages.jinja",
        {
            "page_title": "Incentive packages",
            "rows": presenters.package_rows(packages),
            "can_create": regions_led(request.user).exists(),
        },
    )


def _package_initial(package) -> dict:
    initial = {name: getattr(package, name) for name in services.PACKAGE_FIELDS}
    initial["region"] = package.region.ods_code
    initial["version"] = package.version
    if package.pay_premium_percent is not None:
        initial["pay_premium_percent"] = presenters.percent(package.pay_premium_percent)[:-1]
    return initial


@permission_required("talent.manage_incentives", raise_exception=True)
@require_http_methods(["GET", "POST"])
def package_create(request):
    regions = list(regions_led(request.user))
    if not regions:
        raise Http404("You do not lead talent for any region.")
    form = PackageForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        try:
            package = services.package_create(actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{package.title} has been saved.")
            return redirect("talent:package", pk=package.pk)
    return render(
        request,
        "talent/vacancies/package_form.jinja",
        _context(form, page_title="Create an incentive package", package=None),
    )


@permission_required("talent.manage_incentives", raise_exception=True)
@require_http_methods(["GET", "POST"])
def package_edit(request, pk):
    package = selectors.package_for_lead(request.user, pk)
    form = PackageForm(
        request.POST or None, regions=[package.region], initial=_package_initial(package)
    )
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        kwargs.pop("region")
        try:
            services.package_update(
                actor=request.user,
                package=package,
                expected_version=form.cleaned_data["version"],
                **kwargs,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{package.title} has been updated.")
            return redirect("talent:package", pk=package.pk)
    return render(
        request,
        "talent/vacancies/package_form.jinja",
        _context(form, page_title=f"Change {package.title}", package=package),
    )


@permission_required("talent.manage_incentives", raise_exception=True)
def package_detail(request, pk):
    package = selectors.package_for_lead(request.user, pk)
    return render(
        request,
        "talent/vacancies/package_detail.jinja",
        {
            "page_title": package.title,
            "package": package,
            "lines": presenters.package_lines(package),
            "status": package.get_status_display(),
            "vacancies": presenters.vacancy_rows(selectors.package_vacancies(package)),
        },
    )

"""Pages for the mid-career programme: apply, my applications, an application (with the
actions whoever is looking may take), a line manager's waiting list and the regional panel."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from carelead.learning.forms.applications import ActionForm, ApplyForm, PanelFilterForm
from carelead.learning.presenters.applications import (
    ApplicationPresenter,
    check_rows,
    cohort_rows,
    equality_tables,
)
from carelead.learning.selectors import applications as selectors
from carelead.learning.services import applications as services
from carelead.nhsuk_forms.forms import add_service_errors, error_list
from carelead.people.selectors import own_person

PANEL_PAGE_SIZE = 25


@permission_required("learning.apply_mid_career", raise_exception=True)
@require_http_methods(["GET", "POST"])
def mid_career_apply(request):
    person = own_person(request.user)  # Http404 for logins without a staff record
    programme = selectors.open_mid_career_programme()
    context = {"page_title": "Apply for the mid-career programme", "programme": programme}
    if programme is None:
        return render(request, "learning/applications/apply.jinja", context)
    employments = selectors.own_current_employments(request.user)
    person_checks = selectors.person_checks(programme, person)
    jobs = [
        {
            "title": f"{e.job_title}, {e.organisation.name}",
            "checks": check_rows(selectors.employment_checks(programme, e)),
        }
        for e in employments
    ]
    can_apply = bool(employments) and all(c.met for c in person_checks)
    form = ApplyForm(request.POST or None, employments=employments)
    if request.method == "POST" and can_apply and form.is_valid():
        try:
            application = services.application_submit(
                actor=request.user,
                programme=programme,
                employment=form.chosen_employment(),
                statement=form.cleaned_data["statement"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "Your application has been sent to your line manager to support."
            )
            return redirect("learning:application_detail", pk=application.pk)
    context.update(
        {
            "person_checks": check_rows(person_checks),
            "jobs": jobs,
            "can_apply": can_apply,
            "form": form,
            "form_errors": error_list(form) if form.is_bound else [],
        }
    )
    return render(request, "learning/applications/apply.jinja", context)


@permission_required("learning.apply_mid_career", raise_exception=True)
def my_applications(request):
    applications = [ApplicationPresenter(a) for a in selectors.own_applications(request.user)]
    return render(
        request,
        "learning/applications/my_applications.jinja",
        {"page_title": "My mid-career programme applications", "applications": applications},
    )


def _action_forms(user, application, data=None, posted=None) -> list[ActionForm]:
    forms = []
    for action, transition in services.actions_for(user, application).items():
        cohorts = selectors.cohorts_for_allocation(application) if action == "allocate" else ()
        bound = data if action == posted else None
        form = ActionForm(
            bound,
            action=action,
            transition=transition,
            cohorts=cohorts,
            initial={"version": application.version},
        )
        forms.append(form)
    return forms


@require_http_methods(["GET", "POST"])
def application_detail(request, pk):
    # No page-level perm: the selector decides who may see this application (404 if not).
    application = selectors.application_for_viewer(request.user, pk)
    posted = request.POST.get("action") if request.method == "POST" else None
    forms = _action_forms(request.user, application, request.POST, posted)
    if posted is not None:
        form = next((f for f in forms if f.action == posted), None)
        if form is None:
            # Nothing the user may do now: the page may be stale, or the post forged.
            if not services.transitions_from(application.status).get(posted):
                messages.error(
                    request,
                    "Nothing was saved: this application is now "
                    f"'{application.get_status_display().lower()}'.",
                )
                return redirect("learning:application_detail", pk=application.pk)
            raise PermissionDenied
        if form.is_valid():
            try:
                services.application_transition(
                    actor=request.user,
                    application=application,
                    action=posted,
                    **form.service_kwargs(),
                )
            except services.ApplicationConflict as conflict:
                # Keep what they typed; show the application as it is now.
                application = selectors.application_for_viewer(request.user, pk)
                forms = _action_forms(request.user, application)
                for fresh in forms:
                    if fresh.action == posted:
                        fresh.initial.update(form.cleaned_data)
                        fresh.initial["version"] = application.version
                messages.error(request, conflict.messages[0])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                phrase = services.ACTION_PHRASES[posted]
                messages.success(request, f"The application has been {phrase}.")
                return redirect("learning:application_detail", pk=application.pk)
    errors = [item for f in forms if f.is_bound for item in error_list(f)]
    presenter = ApplicationPresenter(application)
    return render(
        request,
        "learning/applications/detail.jinja",
        {
            "page_title": f"Application from {presenter.applicant}",
            "application": presenter,
            "statement": application.statement,
            "history": presenter.history(),
            "action_forms": forms,
            "form_errors": errors,
        },
    )


@permission_required("learning.review_applications", raise_exception=True)
def team_applications(request):
    applications = [
        ApplicationPresenter(a) for a in selectors.applications_waiting_for_manager(request.user)
    ]
    return render(
        request,
        "learning/applications/team.jinja",
        {"page_title": "Applications waiting for your support", "applications": applications},
    )


@permission_required("learning.select_mid_career", raise_exception=True)
def panel_applications(request):
    programmes = list(selectors.mid_career_programmes())
    form = PanelFilterForm(request.GET or None, programmes=programmes)
    filters = form.filters()
    applications = selectors.panel_applications(request.user, **filters)
    page = Paginator(applications, PANEL_PAGE_SIZE).get_page(request.GET.get("page"))
    programme = filters.get("programme")
    return render(
        request,
        "learning/applications/panel.jinja",
        {
            "page_title": "Mid-career programme selection",
            "regions": selectors.panel_regions(request.user),
            "form": form,
            "page": page,
            "applications": [ApplicationPresenter(a) for a in page.object_list],
            "filtered": any(filters.values()),
            "cohorts": cohort_rows(selectors.panel_cohorts(request.user, programme=programme)),
            "equality": equality_tables(
                selectors.panel_equality_counts(request.user, programme=programme)
            ),
        },
    )

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from carelead.nhsuk_forms.forms import error_list
from carelead.people import selectors, services
from carelead.people.forms import EqualityMonitoringForm, NewStarterForm, PeopleFilterForm
from carelead.people.presenters import PersonPresenter, person_rows

PEOPLE_PAGE_SIZE = 50

STALE_FORM_MESSAGE = (
    "Someone changed these answers since you opened this page, perhaps in another tab or on "
    "another device. Your choices are shown below: check them and save again."
)


@permission_required("people.view_own_profile", raise_exception=True)
def my_profile(request):
    person = selectors.own_person(request.user)
    presenter = PersonPresenter(person, selectors.employments_of(person))
    return render(
        request,
        "people/my_profile.jinja",
        {"page_title": "My profile", "person": presenter},
    )


@permission_required("people.view_own_profile", raise_exception=True)
@require_http_methods(["GET", "POST"])
def my_equality(request):
    # Only ever the signed-in user's own record: there is no URL with a person id here.
    record = selectors.own_equality_monitoring(request.user)
    options = selectors.equality_options_by_question()
    version = record.version if record else 0
    if request.method == "POST":
        form = EqualityMonitoringForm(request.POST, options_by_question=options)
        if form.is_valid():
            try:
                services.equality_monitoring_update(
                    person=request.user.person,
                    actor=request.user,
                    data=form.answers(),
                    expected_version=form.cleaned_data["version"],
                )
            except services.EqualityMonitoringConflict:
                # Keep what the user chose, but let a second save apply on top of the
                # newer version now that they have been told.
                data = request.POST.copy()
                data["version"] = str(version)
                form = EqualityMonitoringForm(data, options_by_question=options)
                form.is_valid()
                form.add_error(None, STALE_FORM_MESSAGE)
            else:
                messages.success(request, "Your equality monitoring answers have been saved.")
                return redirect("people:my_equality")
    else:
        initial = {"version": version}
        if record:
            initial.update({q: getattr(record, q) for q in record.QUESTIONS})
        form = EqualityMonitoringForm(initial=initial, options_by_question=options)
    return render(
        request,
        "people/my_equality.jinja",
        {
            "page_title": "My equality monitoring",
            "form": form,
            "form_errors": error_list(form) if form.is_bound else [],
        },
    )


@permission_required("people.view_team", raise_exception=True)
def my_team(request):
    rows = person_rows(selectors.team_for_manager(request.user))
    return render(request, "people/my_team.jinja", {"page_title": "My team", "rows": rows})


@permission_required("people.view_people", raise_exception=True)
def people_list(request):
    organisations = list(selectors.people_lead_organisations(request.user))
    form = PeopleFilterForm(request.GET or None, organisations=organisations)
    employments = selectors.people_for_people_lead(request.user, **form.filters())
    page = Paginator(employments, PEOPLE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "people/people_list.jinja",
        {
            "page_title": "People",
            "form": form,
            "organisations": organisations,
            "page": page,
            "rows": person_rows(page.object_list),
            "filtered": any(form.filters().values()),
        },
    )


def person_detail(request, pk):
    # No page-level perm: who may look is decided per person by the selector (404 if not).
    person = selectors.person_for_viewer(request.user, pk)
    employments = selectors.employments_of(person, viewer=request.user)
    return render(
        request,
        "people/person_detail.jinja",
        {
            "page_title": person.full_name,
            "person": PersonPresenter(person, employments),
            "is_self": request.user.person_id == person.pk,
        },
    )


@permission_required("people.add_new_starter", raise_exception=True)
@require_http_methods(["GET", "POST"])
def new_starter(request):
    organisations = list(selectors.people_lead_organisations(request.user))
    if not organisations:
        raise Http404("You are not a people lead for any organisation.")
    form = NewStarterForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            employment, notes = services.new_starter_add(
                actor=request.user, **form.service_arguments()
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            person = employment.person
            messages.success(
                request,
                " ".join(
                    [
                        f"{person.full_name} has been added as {employment.job_title} at "
                        f"{employment.organisation.name}.",
                        *notes,
                    ]
                ),
            )
            return redirect("people:person_detail", pk=person.pk)
    return render(
        request,
        "people/new_starter.jinja",
        {
            "page_title": "Add a new starter",
            "form": form,
            "form_errors": error_list(form) if form.is_bound else [],
        },
    )
